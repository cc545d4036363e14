from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from common.decorators import staff_required
from core.models import Category, Event, Promoter
from core.services import promoter_events, publish_event, settlement_for_event, upcoming_performances


def home(request):
    return render(request, "home.html", {"performances": upcoming_performances(days=30)[:24]})


def event_list(request):
    events = Event.objects.on_sale().select_related("venue").prefetch_related("categories")
    category = request.GET.get("category")
    if category:
        events = events.filter(categories__slug=category)
    return render(request, "events/list.html",
                  {"events": events, "categories": Category.objects.all(), "category": category})


def event_detail(request, slug):
    event = get_object_or_404(Event.objects.published(), slug=slug)
    performances = event.performances.filter(is_cancelled=False).select_related("hall")
    return render(request, "events/detail.html", {"event": event, "performances": performances})


@staff_required
def event_publish(request, slug):
    event = get_object_or_404(Event, slug=slug)
    try:
        publish_event(event, request.user)
    except ValueError as exc:
        messages.error(request, str(exc))
    return redirect("admin:core_event_change", event.pk)


@login_required
def promoter_dashboard(request):
    promoter = Promoter.objects.filter(users=request.user, is_active=True).first()
    if promoter is None:
        raise Http404("not a promoter")
    rows = [(event, settlement_for_event(event)) for event in promoter_events(promoter, include_past=True)]
    return render(request, "promoters/dashboard.html", {"promoter": promoter, "rows": rows})
