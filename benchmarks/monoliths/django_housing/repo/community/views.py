import datetime
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import connection, transaction
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.generic import CreateView, ListView

from accounts.models import Resident
from common.decorators import role_required, staff_required
from common.utils import current_term, format_money, send_notification, student_display_name
from community.models import (Event, EventRSVP, Hearing, Incident, IncidentParty, ProgramBudget,
                              Sanction)
from core.forms import EventForm, HearingForm, IncidentForm, IncidentPartyForm, SanctionForm

logger = logging.getLogger("reslife.community")


# ---------------------------------------------------------------------------
# events / programming
# ---------------------------------------------------------------------------

class EventListView(LoginRequiredMixin, ListView):
    template_name = "community/event_list.html"
    context_object_name = "events"

    def get_queryset(self):
        qs = Event.objects.filter(cancelled=False, ends_at__gte=timezone.now()).select_related("hall")
        hall = self.request.GET.get("hall")
        if hall:
            qs = qs.filter(Q(hall_id=hall) | Q(hall__isnull=True))
        return qs.annotate(rsvp_count=Count("rsvps"))


class EventCreateView(LoginRequiredMixin, CreateView):
    model = Event
    form_class = EventForm
    template_name = "community/event_form.html"

    def form_valid(self, form):
        form.instance.organizer = self.request.user
        if form.instance.hall_id and form.instance.cost:
            remaining = _budget_remaining(form.instance.hall_id, form.instance.term)
            if remaining is not None and form.instance.cost > remaining:
                form.add_error("cost", "Over the hall's programming budget (%s left)." % format_money(remaining))
                return self.form_invalid(form)
        return super(EventCreateView, self).form_valid(form)

    def get_success_url(self):
        return "/community/events/%d/" % self.object.pk


def _budget_remaining(hall_id, term):
    budget = ProgramBudget.objects.filter(hall_id=hall_id, term=term).first()
    if budget is None:
        return None
    spent = Event.objects.filter(hall_id=hall_id, term=term, cancelled=False) \
        .aggregate(s=Sum("cost"))["s"] or 0
    return budget.allocated - spent


@login_required
def event_detail(request, pk):
    event = get_object_or_404(Event.objects.select_related("hall", "organizer"), pk=pk)
    resident = Resident.objects.filter(user=request.user).first()
    my_rsvp = EventRSVP.objects.filter(event=event, resident=resident).first() if resident else None
    attendees = event.rsvps.filter(waitlisted=False).select_related("resident") if request.user.is_staff else None
    return render(request, "community/event_detail.html",
                  {"event": event, "my_rsvp": my_rsvp, "attendees": attendees})


@login_required
def rsvp(request, pk):
    event = get_object_or_404(Event, pk=pk, cancelled=False)
    resident = get_object_or_404(Resident, user=request.user)
    if request.method == "POST":
        obj, created = EventRSVP.objects.get_or_create(event=event, resident=resident)
        if obj.waitlisted:
            messages.info(request, "The event is full; you're on the waitlist.")
        else:
            messages.success(request, "See you there!")
    return redirect("community:event_detail", pk=pk)


@login_required
def cancel_rsvp(request, pk):
    event = get_object_or_404(Event, pk=pk)
    resident = get_object_or_404(Resident, user=request.user)
    if request.method == "POST":
        EventRSVP.objects.filter(event=event, resident=resident).delete()
        nxt = event.rsvps.filter(waitlisted=True).order_by("created_at").first()
        if nxt:
            nxt.waitlisted = False
            nxt.save(update_fields=["waitlisted"])
    return redirect("community:event_detail", pk=pk)


@staff_required
def take_attendance(request, pk):
    event = get_object_or_404(Event, pk=pk)
    if request.method == "POST":
        present = set(int(x) for x in request.POST.getlist("present"))
        for r in event.rsvps.all():
            r.attended = r.resident_id in present
            r.save(update_fields=["attended"])
    return redirect("community:event_detail", pk=pk)


@role_required("hall_director", "director")
def budget_summary(request):
    term = request.GET.get("term") or current_term()
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT h.name, b.allocated, COALESCE(SUM(e.cost), 0) AS spent, COUNT(e.id) AS events,
                   (SELECT COUNT(*) FROM community_eventrsvp v JOIN community_event e2 ON e2.id = v.event_id
                     WHERE e2.hall_id = h.id AND e2.term = %s AND v.attended = TRUE) AS attendance
              FROM community_programbudget b
              JOIN housing_hall h ON h.id = b.hall_id
              LEFT JOIN community_event e ON e.hall_id = b.hall_id AND e.term = b.term AND e.cancelled = FALSE
             WHERE b.term = %s
             GROUP BY h.id, h.name, b.allocated
             ORDER BY h.name
        """, [term, term])
        rows = cursor.fetchall()
    return render(request, "community/budget_summary.html", {"rows": rows, "term": term})


# ---------------------------------------------------------------------------
# incidents & conduct
# ---------------------------------------------------------------------------

def _next_incident_reference():
    year = timezone.localdate().year
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM community_incident WHERE reference LIKE %s", ["IR%d-%%" % year])
        n = cursor.fetchone()[0] + 1
    return "IR%d-%04d" % (year, n)


def _can_see_incident(user, incident):
    if user.is_superuser:
        return True
    profile = getattr(user, "staffprofile", None)
    if profile is None:
        return False
    if profile.role in ("conduct", "director"):
        return True
    if incident.confidential:
        return False
    return profile.hall_id == incident.hall_id


class IncidentListView(LoginRequiredMixin, ListView):
    template_name = "community/incident_list.html"
    paginate_by = 50

    def get_queryset(self):
        profile = getattr(self.request.user, "staffprofile", None)
        qs = Incident.objects.select_related("hall")
        if profile is None:
            return qs.none()
        if profile.role not in ("conduct", "director"):
            qs = qs.filter(hall_id=profile.hall_id, confidential=False)
        status = self.request.GET.get("status")
        if status:
            qs = qs.filter(status=status)
        return qs


@staff_required
def report_incident(request):
    form = IncidentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        incident = form.save(commit=False)
        incident.reported_by = request.user
        incident.reference = _next_incident_reference()
        incident.save()
        messages.success(request, "Incident %s filed." % incident.reference)
        return redirect("community:incident_detail", pk=incident.pk)
    return render(request, "community/incident_form.html", {"form": form})


@staff_required
def incident_detail(request, pk):
    incident = get_object_or_404(Incident.objects.select_related("hall", "room"), pk=pk)
    if not _can_see_incident(request.user, incident):
        return HttpResponseForbidden()
    return render(request, "community/incident_detail.html", {
        "incident": incident,
        "parties": incident.parties.select_related("resident"),
        "hearings": incident.hearings.order_by("scheduled_for"),
        "sanctions": incident.sanctions.select_related("resident"),
        "party_form": IncidentPartyForm(), "hearing_form": HearingForm(), "sanction_form": SanctionForm(),
    })


@staff_required
def add_party(request, pk):
    incident = get_object_or_404(Incident, pk=pk)
    form = IncidentPartyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        party = form.save(commit=False)
        party.incident = incident
        party.save()
    return redirect("community:incident_detail", pk=pk)


@role_required("conduct", "director")
def schedule_hearing(request, pk):
    incident = get_object_or_404(Incident, pk=pk)
    form = HearingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        hearing = form.save(commit=False)
        hearing.incident = incident
        hearing.notice_sent_at = timezone.now()
        hearing.save()
        incident.status = "hearing"
        incident.save(update_fields=["status", "updated_at"])
        respondents = incident.parties.filter(role="respondent", resident__isnull=False).select_related("resident")
        for p in respondents:
            send_notification(
                "Notice of conduct hearing %s" % incident.reference,
                "Dear %s,\n\nYou are required to attend a hearing on %s at %s." % (
                    student_display_name(p.resident), timezone.localtime(hearing.scheduled_for),
                    hearing.location),
                [p.resident.email])
    return redirect("community:incident_detail", pk=pk)


@role_required("conduct", "director")
def record_hearing_outcome(request, hearing_id):
    hearing = get_object_or_404(Hearing, pk=hearing_id)
    if request.method == "POST":
        hearing.outcome = request.POST.get("outcome", "")
        hearing.minutes = request.POST.get("minutes", "")
        hearing.save()
        if hearing.outcome == "not_responsible":
            Incident.objects.filter(pk=hearing.incident_id).update(status="dismissed")
    return redirect("community:incident_detail", pk=hearing.incident_id)


@role_required("conduct", "director")
def record_sanction(request, pk):
    incident = get_object_or_404(Incident, pk=pk)
    form = SanctionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            sanction = form.save(commit=False)
            sanction.incident = incident
            sanction.save()   # fines -> billing, eviction -> assignments (core/signals.py)
            if sanction.kind == "eviction":
                Resident.objects.filter(pk=sanction.resident_id).update(status="banned")
            incident.status = "resolved"
            incident.save(update_fields=["status", "updated_at"])
        messages.success(request, "Sanction recorded.")
    return redirect("community:incident_detail", pk=pk)


def conduct_history_for_resident(resident):
    return (IncidentParty.objects.filter(resident=resident)
            .select_related("incident").order_by("-incident__occurred_at"))


@role_required("conduct", "director", "assignments")
def resident_conduct_record(request, resident_id):
    resident = get_object_or_404(Resident, pk=resident_id)
    return render(request, "community/conduct_record.html", {
        "resident": resident,
        "history": conduct_history_for_resident(resident),
        "sanctions": Sanction.objects.filter(resident=resident).select_related("incident"),
    })


@login_required
def my_conduct_record(request):
    resident = get_object_or_404(Resident, user=request.user)
    sanctions = Sanction.objects.filter(resident=resident, incident__confidential=False)
    return render(request, "community/my_conduct.html", {"sanctions": sanctions})


def repeat_offenders(days=180, min_incidents=3):
    since = timezone.now() - datetime.timedelta(days=days)
    return (IncidentParty.objects.filter(role="respondent", incident__occurred_at__gte=since,
                                         resident__isnull=False)
            .values("resident_id").annotate(n=Count("incident", distinct=True))
            .filter(n__gte=min_incidents).order_by("-n"))
