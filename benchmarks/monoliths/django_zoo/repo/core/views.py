"""
Staff-side views for the admissions desk and the membership office.
(Public pages are in website.views.)
"""
import logging
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import DetailView, FormView, ListView

from core.forms import (AdoptionForm, DonationForm, GateSaleForm, MemberForm,
                        MembershipForm, RefundForm, next_member_number)
from core.models import (Adoption, DailyCapacity, Donation, GateScan, Member, Membership,
                         Ticket, TicketOrder, TicketType)
from utils.dates import today_local
from utils.decorators import group_required, ip_whitelist, staff_required
from utils.helpers import calculate_ticket_price, send_templated_email
from utils.money import format_money

log = logging.getLogger(__name__)


def make_barcode():
    return uuid.uuid4().hex[:16].upper()


# ---------------------------------------------------------------------------
# Admissions
# ---------------------------------------------------------------------------

@method_decorator(staff_required, name="dispatch")
class GateTillView(FormView):
    template_name = "core/gate_till.html"
    form_class = GateSaleForm

    def get_context_data(self, **kwargs):
        ctx = super(GateTillView, self).get_context_data(**kwargs)
        ctx["capacity"] = DailyCapacity.for_date(today_local())
        ctx["recent"] = (TicketOrder.objects.filter(channel="gate", visit_date=today_local())
                         .order_by("-created")[:10])
        return ctx

    @transaction.atomic
    def form_valid(self, form):
        visit_date = form.cleaned_data["visit_date"]
        order = TicketOrder.objects.create(
            visit_date=visit_date, name=form.cleaned_data.get("name") or "Gate sale",
            email=form.cleaned_data.get("email") or "gate@wildwoodpark.example",
            channel="gate", sold_by=self.request.user,
            donation_added=form.cleaned_data.get("donation") or 0,
        )
        tickets = []
        for tt, qty in form.ticket_quantities():
            unit = calculate_ticket_price(tt, visit_date, 1, online=False)
            for _ in range(qty):
                tickets.append(Ticket(order=order, ticket_type=tt, barcode=make_barcode(),
                                      price=unit, visit_date=visit_date))
        Ticket.objects.bulk_create(tickets)
        order.recalc_total()
        order.save()
        order.mark_paid("TILL-%s" % order.reference)
        messages.success(self.request, "Sold %d tickets, %s" % (len(tickets), format_money(order.total)))
        return redirect("core:gate_till")


@csrf_exempt
@ip_whitelist(settings.ZOO_GATE_IPS)
def gate_scan(request):
    """Called by the turnstile scanners. Handles e-tickets AND member cards."""
    code = (request.POST.get("code") or "").strip()
    gate = request.POST.get("gate", "main")
    scan = GateScan(raw_code=code, gate=gate)
    today = today_local()

    if code.startswith("WW") and len(code) == 8:
        membership = (Membership.objects.select_related("member", "plan")
                      .filter(member__member_number=code)
                      .order_by("-end_date").first())
        scan.membership = membership
        if membership and membership.is_current(today):
            scan.result = "ok"
            scan.party_size = membership.plan.adults + membership.plan.children
        elif membership:
            scan.result = "expired"
        else:
            scan.result = "unknown"
    else:
        ticket = Ticket.objects.select_related("order", "ticket_type").filter(barcode=code).first()
        scan.ticket = ticket
        if ticket is None:
            scan.result = "unknown"
        elif ticket.voided:
            scan.result = "void"
        elif ticket.scanned_at:
            scan.result = "dup"
        elif ticket.visit_date != today:
            scan.result = "wrong_day"
        else:
            scan.result = "ok"
            scan.party_size = ticket.ticket_type.headcount
            Ticket.objects.filter(pk=ticket.pk).update(scanned_at=timezone.now())
    scan.save()
    if scan.result == "ok":
        DailyCapacity.objects.filter(date=today).update(scanned=F("scanned") + scan.party_size)
    return JsonResponse({"result": scan.result, "party": scan.party_size})


@staff_required
def day_sheet(request, date=None):
    d = date or today_local()
    orders = TicketOrder.objects.paid().for_day(d)
    by_type = (Ticket.objects.filter(order__in=orders, voided=False)
               .values("ticket_type__name")
               .annotate(n=Count("id"), value=Sum("price"))
               .order_by("ticket_type__name"))
    scans = (GateScan.objects.filter(scanned_at__date=d)
             .values("result").annotate(n=Count("id")))
    ctx = {
        "date": d,
        "capacity": DailyCapacity.for_date(d),
        "by_type": by_type,
        "scans": scans,
        "takings": orders.aggregate(t=Sum("total"))["t"] or 0,
    }
    return render(request, "core/day_sheet.html", ctx)


@group_required("admissions_supervisor")
def refund_order(request, reference):
    order = get_object_or_404(TicketOrder, reference=reference)
    form = RefundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            n = order.tickets.filter(scanned_at__isnull=True).update(voided=True)
            order.status = TicketOrder.STATUS_REFUNDED
            order.save(update_fields=["status", "modified"])
            DailyCapacity.objects.filter(date=order.visit_date).update(sold=F("sold") - n)
        log.info("order %s refunded by %s: %s", reference, request.user, form.cleaned_data["reason"])
        messages.info(request, "Refunded %s" % reference)
        return redirect("core:day_sheet")
    return render(request, "core/refund.html", {"order": order, "form": form})


@staff_required
def issue_member_guest_tickets(request, member_number):
    """Members' guest passes are turned into real tickets so they scan at the gate."""
    membership = get_object_or_404(Membership.objects.select_related("member"),
                                   member__member_number=member_number, status="active")
    qty = int(request.POST.get("qty", 1))
    if not membership.use_guest_pass(qty):
        messages.error(request, "Not enough guest passes left")
        return redirect("core:member_detail", pk=membership.member_id)
    guest_type = TicketType.objects.get(code="GUEST")
    order = TicketOrder.objects.create(visit_date=today_local(), name=membership.member.full_name,
                                       email=membership.member.email, member=membership.member,
                                       channel="gate", sold_by=request.user)
    Ticket.objects.bulk_create([
        Ticket(order=order, ticket_type=guest_type, barcode=make_barcode(), price=0,
               visit_date=order.visit_date) for _ in range(qty)])
    order.mark_paid("GUESTPASS")
    return redirect("core:gate_till")


# ---------------------------------------------------------------------------
# Membership office
# ---------------------------------------------------------------------------

@method_decorator(login_required, name="dispatch")
class MemberSearchView(ListView):
    template_name = "core/member_search.html"
    paginate_by = 25

    def get_queryset(self):
        q = self.request.GET.get("q", "").strip()
        qs = Member.objects.all().order_by("last_name")
        if q:
            qs = qs.filter(Q(member_number__iexact=q) | Q(last_name__icontains=q)
                           | Q(email__icontains=q) | Q(postcode__iexact=q))
        return qs


class MemberDetailView(LoginRequiredMixin, DetailView):
    model = Member
    template_name = "core/member_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super(MemberDetailView, self).get_context_data(**kwargs)
        m = self.object
        ctx["memberships"] = m.memberships.select_related("plan").order_by("-start_date")
        ctx["donations"] = m.donations.order_by("-created")[:20]
        ctx["adoptions"] = m.adoptions.select_related("animal", "animal__species")
        ctx["visits"] = GateScan.objects.filter(membership__member=m).count()
        return ctx


@login_required
def new_member(request):
    mform = MemberForm(request.POST or None)
    sform = MembershipForm(request.POST or None, prefix="ms")
    if request.method == "POST" and mform.is_valid() and sform.is_valid():
        with transaction.atomic():
            member = mform.save(commit=False)
            member.member_number = next_member_number()
            member.save()
            ms = sform.save(commit=False)
            ms.member = member
            ms.price_paid = ms.plan.price
            ms.guest_passes_left = ms.plan.guest_passes
            ms.status = "active"
            ms.save()
        return redirect("core:member_detail", pk=member.pk)
    return render(request, "core/new_member.html", {"mform": mform, "sform": sform})


@login_required
def renew_membership(request, pk):
    old = get_object_or_404(Membership.objects.select_related("plan", "member"), pk=pk)
    new = Membership.objects.create(
        member=old.member, plan=old.plan, start_date=max(old.end_date, today_local()),
        end_date=None, status="active", price_paid=old.plan.price,
        guest_passes_left=old.plan.guest_passes, auto_renew=old.auto_renew, renewed_from=old,
    )
    Membership.objects.filter(pk=old.pk).update(status="lapsed")
    messages.success(request, "Renewed until %s" % new.end_date)
    return redirect("core:member_detail", pk=old.member_id)


@group_required("membership_office")
def print_member_cards(request):
    todo = (Membership.objects.select_related("member", "plan")
            .filter(status="active", card_printed=False).order_by("member__last_name"))
    if request.method == "POST":
        n = todo.update(card_printed=True)
        messages.info(request, "%d cards marked as printed" % n)
        return redirect("core:print_cards")
    return render(request, "core/print_cards.html", {"todo": todo})


@login_required
def record_donation(request):
    form = DonationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.save(commit=False)
        d.source = "gate"
        d.gift_aid_eligible = form.cleaned_data["gift_aid"]
        d.member = Member.objects.filter(email__iexact=d.donor_email).first()
        d.save()
        return redirect("core:record_donation")
    return render(request, "core/donation.html", {"form": form})


class AdoptionListView(LoginRequiredMixin, ListView):
    template_name = "core/adoptions.html"
    paginate_by = 50

    def get_queryset(self):
        qs = (Adoption.objects.select_related("animal", "animal__species", "member")
              .filter(cancelled=False).order_by("-start_date"))
        if self.request.GET.get("unsent"):
            qs = qs.filter(Q(certificate_sent=False) | Q(pack_posted=False))
        return qs


@login_required
def new_adoption(request):
    form = AdoptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        adoption = form.save()
        Donation.objects.create(donor_name=adoption.adopter_name,
                                donor_email=adoption.adopter_email,
                                amount=adoption.amount, source="adoption",
                                member=adoption.member)
        return redirect("core:adoptions")
    return render(request, "core/new_adoption.html", {"form": form})


@login_required
def send_adoption_certificate(request, pk):
    adoption = get_object_or_404(Adoption.objects.select_related("animal", "animal__species"), pk=pk)
    send_templated_email("emails/adoption_certificate", adoption.adopter_email,
                         {"adoption": adoption, "animal": adoption.animal})
    Adoption.objects.filter(pk=pk).update(certificate_sent=True)
    return redirect("core:adoptions")
