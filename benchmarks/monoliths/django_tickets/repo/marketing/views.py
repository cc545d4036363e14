from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from common.decorators import group_required
from marketing.models import Campaign
from marketing.services import campaign_stats, send_campaign, subscribe, unsubscribe

def signup(request):
    if request.method == "POST" and request.POST.get("email"):
        subscribe(request.POST["email"], request.POST.get("first_name", ""))
        messages.success(request, "Thanks! You're on the list.")
        return redirect(request.POST.get("next") or "core:home")
    return render(request, "marketing/signup.html")


def unsubscribe_view(request, token):
    done = unsubscribe(token)
    return render(request, "marketing/unsubscribed.html", {"done": done})


@group_required("marketing")
def campaign_list(request):
    campaigns = Campaign.objects.select_related("event").order_by("-created_at")[:100]
    return render(request, "marketing/campaigns.html",
                  {"rows": [(c, campaign_stats(c)) for c in campaigns]})


@group_required("marketing")
def campaign_send_now(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    if request.method == "POST" and campaign.status in ("draft", "scheduled"):
        sent = send_campaign(campaign)
        messages.success(request, f"Sent to {sent} subscribers")
    return redirect("marketing:campaigns")
