"""
core views: assignments office + housing finance.

This file is big.  Sorry.  -- the team, every year
"""
import datetime
import hashlib
import hmac
import json
import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import connection, transaction
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import ListView, TemplateView

from accounts.models import AccessCard, Resident
from common.db import fetch_all
from common.decorators import log_execution_time, role_required, staff_required
from common.utils import (bed_label, csv_response, current_term, format_money, json_response,
                          next_term, paginate, parse_date, student_display_name)
from core import allocation, billing
from core.forms import (AssignmentForm, ChargeAdjustmentForm, CheckOutForm, PaymentForm, RefundForm,
                        RoommateRequestForm, SwapForm)
from core.models import (AllocationRound, BillingPeriod, Payment, RateCard, Refund, RentCharge,
                         RoomAssignment, RoommateRequest, SecurityDeposit, WaitlistEntry)
from housing.models import Application, Bed

logger = logging.getLogger("reslife.core")


# ===========================================================================
# ASSIGNMENTS
# ===========================================================================

class AssignmentListView(LoginRequiredMixin, ListView):
    template_name = "core/assignment_list.html"
    paginate_by = 50

    def get_queryset(self):
        term = self.request.GET.get("term") or current_term()
        qs = (RoomAssignment.objects.for_term(term)
              .select_related("resident", "bed__room__hall"))
        hall = self.request.GET.get("hall")
        if hall:
            qs = qs.filter(bed__room__hall_id=hall)
        status = self.request.GET.get("status")
        if status:
            qs = qs.filter(status=status)
        return qs.order_by("bed__room__hall__name", "bed__room__number", "bed__letter")

    def get_context_data(self, **kwargs):
        ctx = super(AssignmentListView, self).get_context_data(**kwargs)
        ctx["term"] = self.request.GET.get("term") or current_term()
        return ctx


@staff_required
def assignment_detail(request, pk):
    assignment = get_object_or_404(
        RoomAssignment.objects.select_related("resident", "bed__room__hall", "application"), pk=pk)
    roommates = (RoomAssignment.objects.filter(bed__room=assignment.bed.room, term=assignment.term,
                                               status__in=("pending", "active"))
                 .exclude(pk=pk).select_related("resident"))
    charges = assignment.charges.order_by("created_at")
    return render(request, "core/assignment_detail.html", {
        "assignment": assignment, "label": bed_label(assignment.bed),
        "roommates": roommates, "charges": charges,
        "inspections": assignment.inspections.order_by("-inspected_at"),
    })


@role_required("assignments", "director")
def create_assignment(request):
    form = AssignmentForm(request.POST or None, initial={"term": next_term(current_term())})
    if request.method == "POST" and form.is_valid():
        assignment = form.save(commit=False)
        assignment.created_by = request.user
        assignment.save()
        Application.objects.filter(resident=assignment.resident, term=assignment.term) \
            .update(status="allocated")
        messages.success(request, "Assigned %s to %s" % (
            student_display_name(assignment.resident), bed_label(assignment.bed)))
        return redirect("core:assignment_detail", pk=assignment.pk)
    return render(request, "core/assignment_form.html", {"form": form})


@role_required("assignments", "director", "hall_director")
def check_in(request, pk):
    assignment = get_object_or_404(RoomAssignment, pk=pk)
    if request.method == "POST":
        if assignment.resident.financial_hold:
            messages.error(request, "Financial hold -- send the student to the housing office.")
            return redirect("core:assignment_detail", pk=pk)
        assignment.status = "active"
        assignment.checked_in_at = timezone.now()
        assignment.save(update_fields=["status", "checked_in_at", "updated_at"])
        Resident.objects.filter(pk=assignment.resident_id).update(status="active")
        # check-in inspection (facilities form, RA fills it in at the desk)
        from legacy.helpers import record_inspection
        record_inspection(assignment.bed.room, "checkin", dict(request.POST.lists()), request.user,
                          assignment=assignment, notes=request.POST.get("notes", ""))
        messages.success(request, "Checked in.")
    return redirect("core:assignment_detail", pk=pk)


@role_required("assignments", "director", "hall_director")
def check_out(request, pk):
    assignment = get_object_or_404(RoomAssignment.objects.select_related("resident", "bed__room"), pk=pk)
    form = CheckOutForm(request.POST or None)
    from legacy.helpers import charge_lost_key, keys_outstanding, record_inspection
    outstanding = list(keys_outstanding(assignment.resident))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if not form.cleaned_data["keys_returned"]:
                for loan in outstanding:
                    charge_lost_key(loan, user=request.user)
            if not form.cleaned_data["card_returned"]:
                AccessCard.objects.filter(resident=assignment.resident, status="active") \
                    .update(status="lost", synced_to_card_system=False)
            else:
                AccessCard.objects.filter(resident=assignment.resident, status="active") \
                    .update(status="returned", synced_to_card_system=False)
            damage = request.POST.get("damage_amount") or 0
            record_inspection(assignment.bed.room, "checkout", {}, request.user,
                              assignment=assignment, damage_amount=damage)
            allocation.end_assignment(assignment, form.cleaned_data["reason"], user=request.user)
            billing.credit_early_departure(assignment, user=request.user)
        messages.success(request, "Checked out %s" % student_display_name(assignment.resident))
        return redirect("core:assignment_detail", pk=pk)
    return render(request, "core/check_out.html",
                  {"assignment": assignment, "form": form, "keys": outstanding})


@role_required("assignments", "director")
def end_assignment_view(request, pk):
    assignment = get_object_or_404(RoomAssignment, pk=pk)
    if request.method == "POST":
        when = parse_date(request.POST.get("end_date")) or timezone.localdate()
        allocation.end_assignment(assignment, request.POST.get("reason", "admin"), when, request.user)
        billing.credit_early_departure(assignment, user=request.user)
    return redirect("core:assignment_detail", pk=pk)


@role_required("assignments", "director")
def swap_view(request):
    form = SwapForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        a, b = form.cleaned_data["assignment_a"], form.cleaned_data["assignment_b"]
        try:
            allocation.swap_assignments(a, b, user=request.user)
        except allocation.AllocationError as exc:
            messages.error(request, str(exc))
        else:
            if form.cleaned_data["charge_fee"]:
                for x in (a, b):
                    billing.post_charge(x.resident, "25.00", "room_change", "Room change fee",
                                        term=x.term, user=request.user)
            messages.success(request, "Swapped.")
            return redirect("core:assignment_list")
    return render(request, "core/swap.html", {"form": form})


@login_required
def roommate_request_view(request):
    resident = get_object_or_404(Resident, user=request.user)
    form = RoommateRequestForm(request.POST or None, initial={"term": next_term(current_term())})
    if request.method == "POST" and form.is_valid():
        requested = form.cleaned_data["requested_student_id"]
        req, _ = RoommateRequest.objects.get_or_create(
            requester=resident, requested=requested, term=form.cleaned_data["term"])
        reverse = RoommateRequest.objects.filter(requester=requested, requested=resident,
                                                 term=req.term).first()
        if reverse:
            RoommateRequest.objects.filter(pk__in=[req.pk, reverse.pk]).update(mutual=True)
            messages.success(request, "It's a match! You both requested each other.")
        else:
            messages.info(request, "Request saved. %s needs to request you too." % requested.first_name)
        return redirect("core:roommate_request")
    mine = RoommateRequest.objects.filter(requester=resident).select_related("requested")
    return render(request, "core/roommate_request.html", {"form": form, "requests": mine})


@role_required("assignments", "director")
def waitlist_view(request):
    term = request.GET.get("term") or next_term(current_term())
    entries = (WaitlistEntry.objects.filter(term=term, removed=False)
               .select_related("application__resident").order_by("position"))
    if request.method == "POST" and request.POST.get("action") == "promote":
        n = allocation.promote_waitlist(term, limit=int(request.POST.get("limit", 5)))
        messages.info(request, "Offered %d beds from the waitlist." % n)
        return redirect("%s?term=%s" % (request.path, term))
    return render(request, "core/waitlist.html", {"entries": entries, "term": term})


@role_required("assignments", "director")
def allocation_round_dashboard(request, pk=None):
    rounds = AllocationRound.objects.order_by("-term", "-created_at")
    rnd = get_object_or_404(AllocationRound, pk=pk) if pk else rounds.first()
    stats = {}
    if rnd:
        stats = Application.objects.filter(term=rnd.term).values("status").annotate(n=Count("id"))
        stats = {row["status"]: row["n"] for row in stats}
    occupancy = allocation.occupancy_by_hall(rnd.term) if rnd else []
    return render(request, "core/allocation_dashboard.html",
                  {"rounds": rounds, "round": rnd, "stats": stats, "occupancy": occupancy})


@require_POST
@role_required("director")
def run_round_now(request, pk):
    try:
        result = allocation.run_allocation_round(pk, dry_run=bool(request.POST.get("dry_run")))
    except allocation.AllocationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Placed %(placed)d, waitlisted %(waitlisted)d" % result)
    return redirect("core:allocation_round", pk=pk)


@login_required
def my_assignment(request):
    resident = get_object_or_404(Resident, user=request.user)
    assignment = RoomAssignment.objects.current_for_resident(resident) or \
        RoomAssignment.objects.filter(resident=resident, status="pending").first()
    return render(request, "core/my_assignment.html",
                  {"assignment": assignment, "label": bed_label(assignment.bed) if assignment else ""})


@login_required
def accept_offer(request, pk):
    assignment = get_object_or_404(RoomAssignment, pk=pk, resident__user=request.user, status="pending")
    entry = WaitlistEntry.objects.filter(application=assignment.application).first()
    if entry and entry.offer_expires_at and entry.offer_expires_at < timezone.now():
        messages.error(request, "Sorry, this offer has expired.")
        return redirect("core:my_assignment")
    if entry:
        entry.removed = True
        entry.save(update_fields=["removed"])
    messages.success(request, "Offer accepted. See you at move-in!")
    return redirect("core:my_assignment")


# ===========================================================================
# FINANCE
# ===========================================================================

def _require_finance(user):
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=["finance", "director"]).exists()


class ChargeListView(LoginRequiredMixin, ListView):
    template_name = "core/charge_list.html"
    paginate_by = 100

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not _require_finance(request.user):
            return HttpResponseForbidden()
        return super(ChargeListView, self).dispatch(request, *args, **kwargs)

    def get_queryset(self):
        qs = RentCharge.objects.select_related("resident").order_by("-created_at")
        term = self.request.GET.get("term")
        if term:
            qs = qs.filter(term=term)
        if self.request.GET.get("overdue"):
            qs = qs.overdue()
        kind = self.request.GET.get("kind")
        if kind:
            qs = qs.filter(kind=kind)
        return qs


@staff_required
def resident_account(request, resident_id):
    resident = get_object_or_404(Resident, pk=resident_id)
    statement = billing.statement_for_resident(resident, term=request.GET.get("term"))
    return render(request, "core/resident_account.html", {
        "resident": resident, "statement": statement,
        "balance": format_money(statement["balance"]),
        "deposits": SecurityDeposit.objects.filter(resident=resident),
        "refunds": Refund.objects.filter(resident=resident).order_by("-created_at"),
    })


@login_required
def my_statement(request):
    resident = get_object_or_404(Resident, user=request.user)
    statement = billing.statement_for_resident(resident)
    return render(request, "core/my_statement.html", {"statement": statement})


@role_required("finance", "director")
def post_payment_view(request, resident_id):
    resident = get_object_or_404(Resident, pk=resident_id)
    form = PaymentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        billing.post_payment(resident, form.cleaned_data["amount"], form.cleaned_data["method"],
                             form.cleaned_data["reference"], user=request.user)
        messages.success(request, "Payment of %s recorded." % format_money(form.cleaned_data["amount"]))
        return redirect("core:resident_account", resident_id=resident.pk)
    return render(request, "core/payment_form.html", {"form": form, "resident": resident})


@role_required("finance", "director")
def adjust_charge(request, resident_id):
    resident = get_object_or_404(Resident, pk=resident_id)
    form = ChargeAdjustmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        billing.post_charge(resident, form.cleaned_data["amount"], form.cleaned_data["kind"],
                            form.cleaned_data["description"], term=form.cleaned_data["term"],
                            due_date=form.cleaned_data["due_date"], user=request.user)
        return redirect("core:resident_account", resident_id=resident.pk)
    return render(request, "core/charge_form.html", {"form": form, "resident": resident})


@require_POST
@role_required("finance", "director")
def void_charge(request, pk):
    charge = get_object_or_404(RentCharge, pk=pk)
    if charge.amount_paid > 0:
        messages.error(request, "Charge has payments applied; issue a refund instead.")
    else:
        charge.status = "void"
        charge.save(update_fields=["status", "updated_at"])
    return redirect("core:resident_account", resident_id=charge.resident_id)


@role_required("finance", "director")
def refund_view(request, resident_id):
    resident = get_object_or_404(Resident, pk=resident_id)
    form = RefundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        payment = None
        if form.cleaned_data.get("payment_id"):
            payment = get_object_or_404(Payment, pk=form.cleaned_data["payment_id"], resident=resident)
        try:
            billing.issue_refund(resident, form.cleaned_data["amount"], form.cleaned_data["reason"],
                                 payment=payment, user=request.user)
        except billing.BillingError as exc:
            messages.error(request, str(exc))
        else:
            return redirect("core:resident_account", resident_id=resident.pk)
    return render(request, "core/refund_form.html", {"form": form, "resident": resident})


@role_required("finance", "director")
def settle_deposit_view(request, resident_id):
    resident = get_object_or_404(Resident, pk=resident_id)
    if request.method == "POST":
        deposit = billing.settle_deposit(resident, user=request.user)
        if deposit is None:
            messages.warning(request, "No held deposit.")
    return redirect("core:resident_account", resident_id=resident.pk)


@role_required("finance", "director")
def rate_card_view(request):
    term = request.GET.get("term") or next_term(current_term())
    rates = RateCard.objects.filter(term=term).select_related("hall", "room_type").order_by(
        "hall__name", "room_type__code")
    if request.method == "POST" and request.user.groups.filter(name="director").exists():
        RateCard.objects.filter(term=term).update(approved=True)
        messages.success(request, "Rates for %s approved." % term)
    return render(request, "core/rate_card.html", {"rates": rates, "term": term})


@role_required("finance", "director")
def billing_period_close(request, term):
    period = get_object_or_404(BillingPeriod, term=term)
    if request.method == "POST":
        billing.close_billing_period(term, user=request.user)
        messages.success(request, "Closed %s" % term)
    open_total = RentCharge.objects.filter(period=period).open().total()
    return render(request, "core/period_close.html", {"period": period, "open_total": open_total})


@role_required("finance", "director")
@log_execution_time
def bursar_export(request, term):
    rows = billing.export_bursar_feed(term)
    return csv_response("bursar_%s.csv" % term,
                        ["student_id", "charge_id", "kind", "amount", "paid", "due", "term"],
                        [[r["student_id"], r["charge_id"], r["kind"], r["amount"], r["amount_paid"],
                          r["due_date"], r["term"]] for r in rows])


def _verify_webhook(request):
    secret = settings.RESLIFE_PAYMENT_WEBHOOK_SECRET.encode()
    sig = request.META.get("HTTP_X_PAYMENT_SIGNATURE", "")
    expected = hmac.new(secret, request.body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(sig, expected)


@csrf_exempt
@require_POST
def payment_webhook(request):
    """Called by the online payment provider (TouchNet-ish)."""
    if not _verify_webhook(request):
        return HttpResponseForbidden("bad signature")
    try:
        payload = json.loads(request.body.decode("utf-8"))
    except ValueError:
        return HttpResponseBadRequest("bad json")
    if payload.get("type") != "payment.succeeded":
        return HttpResponse("ignored")
    resident = Resident.objects.filter(student_id=payload.get("student_id", "").upper()).first()
    if resident is None:
        logger.error("webhook for unknown student %s", payload.get("student_id"))
        return HttpResponse("unknown student", status=202)
    if Payment.objects.filter(reference=payload["id"]).exists():
        return HttpResponse("duplicate")
    billing.post_payment(resident, payload["amount"], "card", reference=payload["id"])
    if payload.get("purpose") == "deposit":
        SecurityDeposit.objects.create(resident=resident, amount=payload["amount"])
        Application.objects.filter(resident=resident, term=payload.get("term", "")) \
            .update(deposit_paid=True)
    return HttpResponse("ok")


@role_required("finance", "director")
def arrears_list(request):
    rows = fetch_all("""
        SELECT r.id, r.student_id, r.last_name, r.first_name, r.financial_hold,
               SUM(c.amount - c.amount_paid) AS owed, MIN(c.due_date) AS oldest_due
          FROM core_rentcharge c
          JOIN accounts_resident r ON r.id = c.resident_id
         WHERE c.status IN ('open', 'partial') AND c.due_date < CURRENT_DATE
         GROUP BY r.id, r.student_id, r.last_name, r.first_name, r.financial_hold
         ORDER BY owed DESC
    """)
    if request.GET.get("format") == "csv":
        return csv_response("arrears.csv", ["student_id", "last", "first", "owed", "oldest_due", "hold"],
                            [[r["student_id"], r["last_name"], r["first_name"], r["owed"],
                              r["oldest_due"], r["financial_hold"]] for r in rows])
    return render(request, "core/arrears.html", {"rows": rows})
