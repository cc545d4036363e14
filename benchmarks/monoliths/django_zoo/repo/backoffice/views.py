"""
Back-office screens: estates (maintenance, inspections), HR bits, the
education office, and the reports page.
"""
import csv
import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.db.models import Count, F, Prefetch, Q, Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.views.generic import ListView, TemplateView

from animals.feeding import feed_cost_by_species
from animals.models import Animal, Keeper
from animals.rota import keeper_hours_report
from backoffice import reports
from backoffice.models import (Contractor, Enclosure, EnclosureInspection, MaintenanceJob,
                               TrainingCertificate)
from utils.dates import parse_date_or_none, start_of_week, today_local
from utils.decorators import group_required, staff_required
from utils.helpers import generate_reference, send_templated_email
from website.models import Event, EventBooking, SchoolVisit


def csv_response(rows, filename):
    resp = HttpResponse(content_type="text/csv")
    resp["Content-Disposition"] = 'attachment; filename="%s"' % filename
    if rows:
        w = csv.DictWriter(resp, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)
    return resp


# ---------------------------------------------------------------------------
# Estates
# ---------------------------------------------------------------------------

class MaintenanceJobForm(forms.ModelForm):
    class Meta:
        model = MaintenanceJob
        fields = ("enclosure", "title", "description", "priority", "requires_animal_move", "due_by")


class InspectionForm(forms.ModelForm):
    class Meta:
        model = EnclosureInspection
        fields = ("barrier_ok", "locks_ok", "water_ok", "signage_ok", "score", "notes")


@method_decorator(staff_required, name="dispatch")
class MaintenanceDashboardView(TemplateView):
    template_name = "backoffice/maintenance.html"

    def get_context_data(self, **kwargs):
        ctx = super(MaintenanceDashboardView, self).get_context_data(**kwargs)
        open_jobs = (MaintenanceJob.objects.exclude(status__in=("done", "cancelled"))
                     .select_related("enclosure", "contractor").order_by("priority", "due_by"))
        ctx["jobs"] = open_jobs
        ctx["overdue"] = open_jobs.filter(due_by__lt=today_local()).count()
        ctx["uninspected"] = [e for e in Enclosure.objects.all() if e.inspection_overdue()]
        ctx["contractors"] = Contractor.objects.filter(active=True)
        return ctx


@staff_required
def new_job(request):
    form = MaintenanceJobForm(request.POST or None, initial={"enclosure": request.GET.get("enclosure")})
    if request.method == "POST" and form.is_valid():
        job = form.save(commit=False)
        job.reported_by = request.user
        job.save()
        if job.priority == 1:
            send_templated_email("emails/emergency_job", "estates@wildwoodpark.example", {"job": job})
        return redirect("backoffice:maintenance")
    return render(request, "backoffice/job_form.html", {"form": form})


@group_required("estates")
def update_job(request, pk):
    job = get_object_or_404(MaintenanceJob, pk=pk)
    action = request.POST.get("action")
    if action == "assign":
        job.contractor = get_object_or_404(Contractor, pk=request.POST["contractor"])
        job.status = "assigned"
        job.save()
    elif action == "start":
        job.status = "in_progress"
        job.save()
        if job.requires_animal_move:
            Enclosure.objects.filter(pk=job.enclosure_id).update(status="maintenance")
    elif action == "done":
        job.complete(cost=request.POST.get("cost") or None)
        if not job.enclosure.jobs.filter(status="in_progress", requires_animal_move=True).exists():
            Enclosure.objects.filter(pk=job.enclosure_id, status="maintenance").update(status="open")
    return redirect("backoffice:maintenance")


@group_required("estates", "curators")
def move_animals_for_job(request, pk):
    """Temporarily move everything out of an enclosure so estates can work."""
    job = get_object_or_404(MaintenanceJob.objects.select_related("enclosure"), pk=pk)
    target = get_object_or_404(Enclosure, pk=request.POST.get("target"))
    n = Animal.objects.filter(enclosure=job.enclosure).update(enclosure=target)
    messages.info(request, "Moved %d animals from %s to %s" % (n, job.enclosure.code, target.code))
    return redirect("backoffice:maintenance")


@staff_required
def record_inspection(request, enclosure_id):
    enc = get_object_or_404(Enclosure, pk=enclosure_id)
    form = InspectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            insp = form.save(commit=False)
            insp.enclosure = enc
            insp.inspector = request.user
            insp.save()
            Enclosure.objects.filter(pk=enc.pk).update(last_inspected=insp.inspected_on)
            if not insp.passed:
                MaintenanceJob.objects.create(enclosure=enc, priority=1,
                                              title="Failed inspection %s" % insp.inspected_on,
                                              description=insp.notes, reported_by=request.user)
        return redirect("backoffice:maintenance")
    return render(request, "backoffice/inspection_form.html", {"form": form, "enclosure": enc})


@staff_required
def enclosure_detail(request, pk):
    enc = get_object_or_404(Enclosure, pk=pk)
    ctx = {
        "enclosure": enc,
        "animals": Animal.objects.filter(enclosure=enc).select_related("species").on_site(),
        "jobs": enc.jobs.order_by("-created")[:20],
        "inspections": enc.inspections.order_by("-inspected_on")[:10],
        "readings": enc.readings.order_by("-taken_at")[:48],
    }
    return render(request, "backoffice/enclosure_detail.html", ctx)


# ---------------------------------------------------------------------------
# HR: training certificates
# ---------------------------------------------------------------------------

class CertificateForm(forms.ModelForm):
    class Meta:
        model = TrainingCertificate
        fields = ("keeper", "course", "provider", "certificate_no", "issued_on", "expires_on")


@group_required("hr", "head_keepers")
def certificates(request):
    form = CertificateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cert = form.save()
        if cert.course == "dangerous":
            Keeper.objects.filter(pk=cert.keeper_id).update(dangerous_animal_trained=True)
        return redirect("backoffice:certificates")
    certs = (TrainingCertificate.objects.select_related("keeper")
             .filter(keeper__is_active=True).order_by("expires_on"))
    return render(request, "backoffice/certificates.html", {"certs": certs, "form": form})


# ---------------------------------------------------------------------------
# Education office
# ---------------------------------------------------------------------------

class SchoolVisitListView(LoginRequiredMixin, ListView):
    template_name = "backoffice/school_visits.html"

    def get_queryset(self):
        return (SchoolVisit.objects.select_related("educator")
                .filter(visit_date__gte=today_local() - datetime.timedelta(days=30))
                .order_by("visit_date"))


@group_required("education")
def confirm_school_visit(request, pk):
    visit = get_object_or_404(SchoolVisit, pk=pk)
    educator_id = request.POST.get("educator")
    if educator_id:
        visit.educator = get_object_or_404(Keeper, pk=educator_id, role="education")
    visit.status = "booked"
    visit.calc_total()
    visit.save()
    send_templated_email("emails/school_confirmed", visit.contact_email, {"visit": visit})
    return redirect("backoffice:school_visits")


@group_required("education", "events")
def event_register(request, pk):
    event = get_object_or_404(Event, pk=pk)
    bookings = event.bookings.exclude(status="cancelled").order_by("name")
    if request.method == "POST":
        ids = request.POST.getlist("attended")
        bookings.filter(pk__in=ids).update(status="attended")
        return redirect("backoffice:event_register", pk=pk)
    if request.GET.get("csv"):
        return csv_response(list(bookings.values("name", "email", "phone", "quantity",
                                                 "dietary_notes", "status")),
                            "register-%s.csv" % event.slug)
    return render(request, "backoffice/event_register.html", {"event": event, "bookings": bookings})


# ---------------------------------------------------------------------------
# Reports page
# ---------------------------------------------------------------------------

@group_required("finance", "management")
def takings_report(request):
    d = parse_date_or_none(request.GET.get("date")) or today_local()
    rows = reports.daily_takings(d)
    if request.GET.get("csv"):
        return csv_response(rows, "takings-%s.csv" % d)
    return render(request, "backoffice/report.html", {"title": "Takings %s" % d, "rows": rows})


@group_required("management", "head_keepers")
def feed_cost_report(request):
    end = parse_date_or_none(request.GET.get("end")) or today_local()
    start = parse_date_or_none(request.GET.get("start")) or end - datetime.timedelta(days=30)
    rows = feed_cost_by_species(start, end)
    return render(request, "backoffice/report.html", {"title": "Feed cost by species", "rows": rows})


@group_required("management", "head_keepers", "hr")
def keeper_hours(request):
    ws = start_of_week(parse_date_or_none(request.GET.get("week")) or today_local())
    rows = keeper_hours_report(ws)
    if request.GET.get("csv"):
        return csv_response(rows, "hours-%s.csv" % ws)
    return render(request, "backoffice/report.html", {"title": "Keeper hours w/c %s" % ws, "rows": rows})


@group_required("management", "estates")
def estates_report(request):
    return render(request, "backoffice/estates_report.html", {
        "occupancy": reports.enclosure_occupancy(),
        "backlog": reports.maintenance_backlog(),
        "habitat": reports.habitat_out_of_range(),
    })
