from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from crm.models import Volunteer
from ops import bookings, grants, rota
from ops.forms import (TimesheetForm, EventForm, TicketTypeFormSet, GrantApplicationForm,
                       GrantDecisionForm, GrantReportForm)
from ops.models import Shift, Timesheet, Event, Attendee, GrantApplication, GrantReport
from ops.reports import event_attendance
from utils.decorators import staff_required, group_required, ajax_required, json_view


@staff_required
def rota_view(request):
    shifts = rota.open_shifts(request.GET.get("location"))
    return render(request, "ops/rota.html", {"shifts": shifts})


@group_required("volunteering")
@require_POST
def shift_book(request, pk):
    shift = get_object_or_404(Shift, pk=pk)
    volunteer = get_object_or_404(Volunteer, pk=request.POST["volunteer"])
    try:
        rota.book_shift(volunteer, shift)
    except (rota.ShiftFull, ValueError) as e:
        messages.error(request, str(e) or "Shift is full")
    return redirect("rota")


@staff_required
def timesheet_add(request, volunteer_pk):
    volunteer = get_object_or_404(Volunteer, pk=volunteer_pk)
    form = TimesheetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        rota.log_hours(volunteer, d["worked_on"], d["hours"], expenses=d["expenses"])
        return redirect("volunteer_list")
    return render(request, "ops/timesheet_form.html", {"form": form, "volunteer": volunteer})


@group_required("volunteering")
def timesheet_approve(request):
    if request.method == "POST":
        rota.approve_timesheets(request.POST.getlist("ids"))
        return redirect("timesheet_approve")
    pending = Timesheet.objects.filter(approved=False).select_related("volunteer__supporter")
    return render(request, "ops/timesheet_approve.html", {"pending": pending})


@group_required("events")
def event_edit(request, pk=None):
    event = get_object_or_404(Event, pk=pk) if pk else None
    form = EventForm(request.POST or None, instance=event)
    formset = TicketTypeFormSet(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        event = form.save()
        formset.instance = event
        formset.save()
        return redirect("event_edit", pk=event.pk)
    return render(request, "ops/event_form.html", {"form": form, "formset": formset,
                                                   "attendance": event and event_attendance(event.pk)})


@staff_required
@ajax_required
@json_view
def attendee_check_in(request, pk):
    attendee = get_object_or_404(Attendee, pk=pk)
    bookings.check_in(attendee)
    return {"ok": True, "name": attendee.name}


@group_required("grants")
def grant_list(request):
    apps = GrantApplication.objects.select_related("partner").order_by("-created")
    return render(request, "ops/grant_list.html", {"applications": apps,
                                                   "overdue": grants.overdue_reports()})


@group_required("grants")
def grant_application_add(request):
    form = GrantApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect("grant_list")
    return render(request, "ops/grant_form.html", {"form": form})


@group_required("grants")
def grant_decide(request, pk):
    app = get_object_or_404(GrantApplication, pk=pk)
    form = GrantDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            grants.approve_application(app, d["amount"], d["starts"], d["months"], d["tranches"])
        except ValueError as e:
            messages.error(request, str(e))
        return redirect("grant_list")
    return render(request, "ops/grant_decide.html", {"form": form, "app": app})


@group_required("grants")
def grant_report_receive(request, pk):
    report = get_object_or_404(GrantReport, pk=pk)
    form = GrantReportForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        grants.receive_report(report, form.cleaned_data["beneficiaries_reached"],
                              form.cleaned_data["narrative"])
        return redirect("grant_list")
    return render(request, "ops/grant_report_form.html", {"form": form, "report": report})
