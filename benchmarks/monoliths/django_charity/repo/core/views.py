import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render

from core import giftaid, services
from core.forms import SupporterForm, AddressForm, DonationForm, RefundForm, DeclarationForm
from core.models import Supporter, Donation, Campaign, GiftAidClaim
from core.reports import appeal_roi
from utils import hmrc
from utils.decorators import staff_required, group_required
from utils.export import csv_response


@staff_required
def staff_home(request):
    return render(request, "core/home.html", {"today": datetime.date.today()})


@staff_required
def supporter_list(request):
    q = request.GET.get("q", "").strip()
    qs = Supporter.objects.filter(merged_into__isnull=True)
    if q:
        qs = qs.filter(Q(ref__iexact=q) | Q(last_name__icontains=q) | Q(email__icontains=q))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "core/supporter_list.html", {"page": page, "q": q})


@staff_required
def supporter_detail(request, pk):
    supporter = get_object_or_404(Supporter, pk=pk)
    donations = Donation.objects.filter(supporter=supporter)[:50]
    return render(request, "core/supporter_detail.html", {
        "supporter": supporter, "donations": donations,
        "addresses": supporter.address_set.all(),
        "volunteer": getattr(supporter, "volunteer", None),
    })


@staff_required
def supporter_edit(request, pk=None):
    supporter = get_object_or_404(Supporter, pk=pk) if pk else None
    form = SupporterForm(request.POST or None, instance=supporter)
    addr_form = AddressForm(request.POST or None, prefix="addr")
    if request.method == "POST" and form.is_valid():
        s = form.save(commit=False)
        if not s.ref:
            s.ref = services.generate_supporter_ref()
        s.save()
        if addr_form.is_valid() and addr_form.cleaned_data.get("line1"):
            d = addr_form.cleaned_data
            services.add_address(s, d["line1"], d["town"], d["postcode"], d.get("line2", ""))
        return redirect("supporter_detail", pk=s.pk)
    return render(request, "core/supporter_form.html", {"form": form, "addr_form": addr_form})


@group_required("data")
def supporter_merge(request, pk, dupe_pk):
    keep = get_object_or_404(Supporter, pk=pk)
    dupe = get_object_or_404(Supporter, pk=dupe_pk)
    if request.method == "POST":
        services.merge_supporters(keep, dupe)
        messages.success(request, "Merged %s into %s" % (dupe.ref, keep.ref))
        return redirect("supporter_detail", pk=keep.pk)
    return render(request, "core/merge_confirm.html", {"keep": keep, "dupe": dupe})


@staff_required
def donation_add(request):
    form = DonationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        donation = services.record_donation(d["supporter"], d["amount"], d["method"],
                                            received=d["received"],
                                            campaign_code=d.get("campaign_code"),
                                            payment_ref=d["payment_ref"], batch_no=d["batch_no"])
        messages.success(request, "Donation %s saved" % donation.pk)
        return redirect("donation_add")
    return render(request, "core/donation_form.html", {"form": form})


@group_required("finance")
def donation_refund(request, pk):
    donation = get_object_or_404(Donation, pk=pk)
    form = RefundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.refund_donation(donation, form.cleaned_data["amount"],
                                 form.cleaned_data["reason"], request.user)
        return redirect("supporter_detail", pk=donation.supporter_id)
    return render(request, "core/refund_form.html", {"form": form, "donation": donation})


@staff_required
def campaign_list(request):
    campaigns = Campaign.objects.filter(active=True).order_by("-starts")
    return render(request, "core/campaign_list.html", {"campaigns": campaigns})


@staff_required
def campaign_detail(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    return render(request, "core/campaign_detail.html", {
        "campaign": campaign, "appeals": appeal_roi(campaign.pk)})


@staff_required
def declaration_add(request, supporter_pk):
    supporter = get_object_or_404(Supporter, pk=supporter_pk)
    form = DeclarationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.record_declaration(supporter, form.cleaned_data["made_on"],
                                    form.cleaned_data["method"],
                                    form.cleaned_data["covers_past_four_years"])
        return redirect("supporter_detail", pk=supporter.pk)
    return render(request, "core/declaration_form.html", {"form": form, "supporter": supporter})


@group_required("finance")
def giftaid_claim_list(request):
    return render(request, "core/claims.html",
                  {"claims": GiftAidClaim.objects.order_by("-created")})


@group_required("finance")
def giftaid_claim_detail(request, pk):
    claim = get_object_or_404(GiftAidClaim, pk=pk)
    if request.GET.get("format") == "csv":
        return csv_response("%s.csv" % claim.reference, claim.lines.all(),
                            ["donation_id", "house_no", "postcode", "amount"])
    return render(request, "core/claim_detail.html", {"claim": claim})


@group_required("finance")
def giftaid_claim_submit(request, pk):
    claim = get_object_or_404(GiftAidClaim, pk=pk, status="draft")
    if request.method == "POST":
        correlation_id = hmrc.submit_claim(claim)
        giftaid.mark_claim_submitted(claim, correlation_id)
        messages.success(request, "Submitted to HMRC")
    return redirect("giftaid_claim_detail", pk=claim.pk)
