
from django.shortcuts import render
from django.utils import timezone

from common.dates import month_range, previous_month
from common.decorators import staff_required
from core.models import Location
from dashboard import exports, reports
from members.models import Member, Membership


@staff_required
def staff_home(request):
    today = timezone.localdate()
    first, last = month_range(today)
    new_members = Member.objects.filter(created_at__date__gte=first).count()
    ctx = {
        "active_members": Membership.objects.active_on(today).values("member").distinct().count(),
        "new_members": new_members,
        "churn": reports.churn_rate(previous_month(today)[0]),
        "mrr": reports.mrr(today),
        "by_plan": reports.active_members_by_plan(today),
    }
    return render(request, "dashboard/home.html", ctx)


@staff_required
def revenue_view(request):
    year = int(request.GET.get("year", timezone.localdate().year))
    return render(request, "dashboard/revenue.html", {
        "rows": reports.revenue_by_month(year, request.GET.get("location")),
        "year": year,
        "outstanding": reports.outstanding_debt()})


@staff_required
def occupancy_view(request):
    first, last = month_range(timezone.localdate())
    return render(request, "dashboard/occupancy.html", {
        "today": reports.occupancy_by_location(timezone.localdate()),
        "rooms": reports.room_utilisation(first, last, request.GET.get("location"))})


@staff_required
def access_view(request):
    loc = request.location or Location.objects.filter(active=True).first()
    return render(request, "dashboard/access.html", {
        "heatmap": reports.door_activity_heatmap(loc.pk), "denied": reports.denied_access_attempts()})


@staff_required
def maintenance_view(request):
    first, last = previous_month(timezone.localdate())
    if request.GET.get("month") == "current":
        first, last = month_range(timezone.localdate())
    return render(request, "dashboard/maintenance.html", {"tickets": reports.ticket_sla(first, last)})


@staff_required
def visitors_view(request):
    first, last = previous_month(timezone.localdate())
    return render(request, "dashboard/visitors.html", {"visitors": reports.visitor_counts(first, last)})


@staff_required
def events_view(request):
    first, last = previous_month(timezone.localdate())
    return render(request, "dashboard/events.html", {"events": reports.event_attendance(first, last)})


@staff_required
def members_export(request):
    return exports.export_members_csv(request.location)
