"""Parent portal. Started as "view my child's grades" and grew a page per department."""
import json

from django.contrib import messages
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt

from common.conf import feature_enabled
from common.dates import school_year_bounds, school_year_for, today
from common.decorators import guardian_required
from common.exceptions import SISError
from portal.auth import child_or_403, children_of
from portal.forms import AbsenceNoteForm, TopUpForm


@guardian_required
def portal_home(request):
    children = children_of(request.user)
    if not children:
        messages.info(request, "Your account is waiting for the school office to link your children.")
    return render(request, "portal/home.html", {"children": children})


@guardian_required
def child_grades(request, student_id):
    from gradebook.serializers import student_section_summary

    student = child_or_403(request.user, student_id)
    sections = [e.section for e in student.enrolments.filter(status="active", section__term__end_date__gte=today())
                .select_related("section__course", "section__teacher")]
    summaries = [student_section_summary(s, student) for s in sections]
    cards = student.report_cards.filter(status="published")
    return render(request, "portal/grades.html", {"student": student, "summaries": summaries, "cards": cards})


@guardian_required
def child_attendance(request, student_id):
    from attendance.helpers import absences_for, attendance_rate

    student = child_or_403(request.user, student_id)
    start, end = school_year_bounds(school_year_for())
    end = min(end, today())
    return render(request, "portal/attendance.html", {
        "student": student,
        "rate": attendance_rate(student, start, end),
        "absences": absences_for(student, start, end),
        "notes": student.absence_notes.all()[:10],
    })


@guardian_required
def submit_absence_note(request, student_id):
    if not feature_enabled("portal_absence_notes"):
        return redirect("portal-home")
    student = child_or_403(request.user, student_id)
    form = AbsenceNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        note = form.save(commit=False)
        note.student = student
        note.guardian = request.user.parent_account.guardian
        note.save()
        messages.success(request, "Thank you, the office will review your note.")
        return redirect("portal-attendance", student_id=student.id)
    return render(request, "portal/absence_note.html", {"form": form, "student": student})


@guardian_required
def child_bus(request, student_id):
    from transport.models import RiderAssignment

    student = child_or_403(request.user, student_id)
    assignments = (RiderAssignment.objects.filter(student=student, status="active")
                   .select_related("stop__route"))
    return render(request, "portal/bus.html", {"student": student, "assignments": assignments})


@guardian_required
def lunch_balance(request, student_id):
    from meals.billing import get_or_create_account

    student = child_or_403(request.user, student_id)
    account = get_or_create_account(student)
    return render(request, "portal/lunch.html", {
        "student": student, "account": account,
        "transactions": account.transactions.all()[:30],
        "can_top_up": feature_enabled("portal_top_up") and not account.closed,
    })


@guardian_required
def top_up(request, student_id):
    from meals.billing import get_or_create_account
    from portal.payments import start_top_up

    student = child_or_403(request.user, student_id)
    account = get_or_create_account(student)
    form = TopUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            payment, url = start_top_up(account, request.user.parent_account.guardian, form.cleaned_data["amount"])
        except SISError as exc:
            messages.error(request, "Payments are unavailable right now (%s)" % exc.message)
            return redirect("portal-lunch", student_id=student.id)
        return redirect(url)
    return render(request, "portal/top_up.html", {"form": form, "student": student, "account": account})


@csrf_exempt
def payment_return(request):
    from portal.payments import PaymentGateway, confirm_top_up

    if request.method == "POST":  # server-to-server callback
        if not PaymentGateway().verify_signature(request.body, request.headers.get("X-Signature")):
            return HttpResponseBadRequest("bad signature")
        data = json.loads(request.body.decode("utf-8"))
        confirm_top_up(data["checkout_id"], data["status"], raw=data)
        return HttpResponse("ok")
    ref = request.GET.get("checkout_id")
    if ref and request.GET.get("status"):
        payment = confirm_top_up(ref, request.GET["status"])
        if payment.status == "paid":
            messages.success(request, "Payment received, thank you")
        return redirect("portal-lunch", student_id=payment.account.student_id)
    return redirect("portal-home")
