import datetime
import logging
from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from backoffice.models import Seat, TillSession
from backoffice.seating import SeatMapRenderer, best_available, seat_availability, seat_map_json, seats_label
from core.models import Patron, Performance
from core.utils import format_money, json_response, money, paginate, performance_label, send_templated_email, staff_required
from legacy.helpers import csv_response
from main import reports
from main.forms import (
    BoxOfficeSaleForm,
    ExchangeForm,
    MembershipRenewForm,
    MembershipSignupForm,
    RefundForm,
    SeatHoldForm,
    TicketScanForm,
)
from main.models import Membership, MembershipTier, Order, PriceBand, Refund, SeatHold, Ticket
from shop.models import Donation
from shop.payments import PaymentGatewayError, record_payment, refund_payment

log = logging.getLogger(__name__)


def _performance_or_404(performance_id):
    perf = get_object_or_404(Performance.objects.select_related("production", "auditorium"), pk=performance_id)
    if perf.status == Performance.CANCELLED:
        raise Http404("Performance cancelled")
    return perf


# ---------------------------------------------------------------------------
# Seat selection
# ---------------------------------------------------------------------------


def booking_seat_map(request, performance_id):
    perf = _performance_or_404(performance_id)
    plan = perf.get_seating_plan()
    if plan is None:
        # unreserved studio shows go straight to quantity picker
        return redirect("shop-add", performance_id=perf.pk)
    states = seat_availability(perf)
    if request.GET.get("format") == "json":
        data = seat_map_json(plan)
        data["states"] = states
        data["bands"] = list(perf.price_bands.values("id", "name", "price", "section_id"))
        return json_response(data)
    member = None
    if request.user.is_authenticated and hasattr(request.user, "patron"):
        member = current_membership(request.user.patron)
    if not member_can_book(member, perf):
        messages.info(request, "Members' priority booking is open for this show. Public booking opens soon.")
        return redirect(perf.production.get_absolute_url())
    return render(
        request,
        "main/seat_map.html",
        {
            "performance": perf,
            "label": performance_label(perf),
            "svg": SeatMapRenderer(plan, states=states).render(),
            "bands": perf.price_bands.all(),
            "member": member,
        },
    )


@require_POST
def hold_seats(request, performance_id):
    from shop.views import _get_basket

    perf = _performance_or_404(performance_id)
    form = SeatHoldForm(request.POST, performance=perf)
    if not form.is_valid():
        return json_response({"ok": False, "errors": form.errors}, status=400)
    basket = _get_basket(request, create=True)
    seat_ids = form.cleaned_data["seat_ids"]
    if form.cleaned_data.get("best_available"):
        seats = best_available(perf, form.cleaned_data["quantity"], form.cleaned_data.get("section"))
        if not seats:
            return json_response({"ok": False, "errors": {"__all__": ["No seats together, sorry"]}}, status=409)
        seat_ids = [s.pk for s in seats]
    if basket.items.count() + len(seat_ids) > settings.MAX_TICKETS_PER_ORDER:
        return json_response({"ok": False, "errors": {"__all__": ["Too many tickets"]}}, status=400)
    expiry = SeatHold.default_expiry()
    held = []
    try:
        with transaction.atomic():
            for seat in Seat.objects.filter(pk__in=seat_ids):
                SeatHold.objects.create(performance=perf, seat=seat, basket=basket, held_until=expiry)
                held.append(seat)
    except IntegrityError:
        # someone else got there first; clean up expired ones and tell the user
        SeatHold.objects.filter(performance=perf, held_until__lt=timezone.now()).delete()
        return json_response({"ok": False, "errors": {"__all__": ["Some of those seats have just gone"]}}, status=409)
    band = form.cleaned_data["price_band"]
    for seat in held:
        basket.items.create(performance=perf, seat=seat, price_band=band, price=band.price)
    basket.extend()
    return json_response({"ok": True, "held": [s.pk for s in held], "label": seats_label(held), "expires": expiry})


@require_POST
def release_hold(request, hold_id):
    from shop.views import _get_basket

    basket = _get_basket(request)
    hold = get_object_or_404(SeatHold, pk=hold_id, basket=basket)
    basket.items.filter(performance=hold.performance, seat=hold.seat).delete()
    hold.delete()
    return json_response({"ok": True})


@staff_required
@require_POST
def house_seats(request, performance_id):
    """Box office manager holds/unholds house & wheelchair seats."""
    perf = _performance_or_404(performance_id)
    reason = request.POST.get("reason", "house")
    seat_ids = [int(s) for s in request.POST.getlist("seat")]
    if request.POST.get("release"):
        SeatHold.objects.filter(performance=perf, seat_id__in=seat_ids, reason=reason).delete()
    else:
        for seat_id in seat_ids:
            SeatHold.objects.get_or_create(
                performance=perf, seat_id=seat_id, defaults={"reason": reason, "created_by": request.user}
            )
    return redirect("booking-seat-map", performance_id=perf.pk)


# ---------------------------------------------------------------------------
# Orders
# ---------------------------------------------------------------------------


@staff_member_required
def order_list(request):
    qs = Order.objects.select_related("patron").annotate(n_tickets=Count("tickets"))
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(
            Q(reference__iexact=q) | Q(patron__last_name__icontains=q) | Q(patron__email__iexact=q)
        )
    status = request.GET.get("status")
    if status:
        qs = qs.filter(status=status)
    performance = request.GET.get("performance")
    if performance:
        qs = qs.filter(tickets__performance_id=performance).distinct()
    return render(request, "main/order_list.html", {"page": paginate(request, qs), "q": q})


def order_detail(request, reference):
    order = get_object_or_404(Order.objects.select_related("patron", "discount_code"), reference=reference)
    if not request.user.is_staff:
        patron = getattr(request.user, "patron", None)
        if patron is None or order.patron_id != patron.pk:
            raise Http404
    tickets = order.tickets.select_related("performance__production", "seat__section", "price_band")
    return render(
        request,
        "main/order_detail.html",
        {
            "order": order,
            "tickets": tickets,
            "payments": order.payments.all(),
            "refunds": order.refunds.all(),
            "donations": order.donations.all(),
            "balance": order.balance_due(),
        },
    )


@staff_member_required
@require_POST
def cancel_order(request, reference):
    order = get_object_or_404(Order, reference=reference)
    if order.status != Order.PENDING:
        messages.error(request, "Only pending orders can be cancelled - use refund instead.")
        return redirect("order-detail", reference=reference)
    with transaction.atomic():
        order.tickets.update(status=Ticket.CANCELLED)
        SeatHold.objects.filter(basket__session_key=order.reference).delete()
        order.status = Order.CANCELLED
        order.save()
    messages.success(request, "Order %s cancelled" % order.reference)
    return redirect("order-list")


@staff_member_required
def refund_order(request, reference):
    order = get_object_or_404(Order, reference=reference)
    form = RefundForm(request.POST or None, order=order)
    if request.method == "POST" and form.is_valid():
        tickets = form.cleaned_data["tickets"]
        amount = form.cleaned_data["amount"]
        if amount is None:
            amount = sum((t.price for t in tickets), Decimal("0.00"))
        payment = order.payments.filter(status="captured").order_by("-amount").first()
        with transaction.atomic():
            if payment is not None and not form.cleaned_data["to_credit"]:
                try:
                    refund_payment(payment, amount, user=request.user)
                except PaymentGatewayError as exc:
                    messages.error(request, "Refund failed: %s" % exc)
                    return redirect("order-detail", reference=reference)
            for t in tickets:
                t.status = Ticket.REFUNDED
                t.save(update_fields=["status"])
            Refund.objects.create(
                order=order,
                amount=amount,
                reason=form.cleaned_data["reason"],
                tickets_cancelled=len(tickets),
                processed_by=request.user,
                payment=payment,
                to_credit=form.cleaned_data["to_credit"],
            )
            remaining = order.tickets.filter(status__in=Ticket.LIVE_STATUSES).exists()
            order.status = Order.PART_REFUNDED if remaining else Order.REFUNDED
            order.save(update_fields=["status", "modified"])
        messages.success(request, "Refunded %s" % format_money(amount))
        return redirect("order-detail", reference=reference)
    return render(request, "main/refund.html", {"order": order, "form": form})


@staff_member_required
def box_office_sale(request):
    """Counter sale: pick a performance, seats, patron, take payment. All in one go."""
    session = TillSession.objects.filter(opened_by=request.user, status=TillSession.OPEN).first()
    if session is None:
        messages.warning(request, "Open a till first.")
        return redirect("till-open")
    form = BoxOfficeSaleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        perf = form.cleaned_data["performance"]
        band = form.cleaned_data["price_band"]
        patron = form.cleaned_data.get("patron")
        seats = list(form.cleaned_data["seats"])
        quantity = len(seats) or form.cleaned_data["quantity"]
        with transaction.atomic():
            order = Order.objects.create(
                reference=Order.next_reference(),
                patron=patron,
                channel="box_office",
                created_by=request.user,
                till_session=session,
            )
            for i in range(quantity):
                seat = seats[i] if seats else None
                Ticket.objects.create(
                    order=order,
                    performance=perf,
                    seat=seat,
                    price_band=band,
                    price=band.price_for(form.cleaned_data["concession"]),
                    concession_type=form.cleaned_data["concession"],
                )
            if patron is not None:
                apply_member_discount(order, patron)
            donation = form.cleaned_data.get("donation")
            if donation:
                Donation.objects.create(order=order, patron=patron, amount=donation, source="box_office")
            order.recalculate_total()
            record_payment(
                order,
                order.total,
                form.cleaned_data["payment_method"],
                user=request.user,
                till_session=session,
                card_last4=form.cleaned_data.get("card_last4", ""),
            )
            order.mark_paid()
        messages.success(request, "Sold %s - %s" % (order.reference, format_money(order.total)))
        if form.cleaned_data.get("print_now"):
            return redirect("print-tickets", reference=order.reference)
        return redirect("box-office-sale")
    today = timezone.localdate()
    upcoming = Performance.objects.filter(
        starts_at__date__gte=today, starts_at__date__lte=today + datetime.timedelta(days=14)
    ).exclude(status=Performance.CANCELLED)
    return render(request, "main/box_office_sale.html", {"form": form, "session": session, "upcoming": upcoming})


def print_tickets(request, reference):
    order = get_object_or_404(Order, reference=reference)
    if not request.user.is_staff and (not request.user.is_authenticated or getattr(request.user, "patron", None) != order.patron):
        raise Http404
    tickets = order.tickets.filter(status__in=Ticket.LIVE_STATUSES).select_related("performance__production", "seat__section")
    return render(
        request,
        "main/tickets_print.html",
        {"order": order, "tickets": tickets, "labels": {t.pk: performance_label(t.performance) for t in tickets}},
    )


@staff_required
def scan_ticket(request):
    form = TicketScanForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        ticket = Ticket.objects.filter(barcode=form.cleaned_data["barcode"]).select_related("performance").first()
        if ticket is None:
            result = ("error", "Unknown ticket")
        elif ticket.performance_id != form.cleaned_data["performance"].pk:
            result = ("error", "Wrong performance: %s" % ticket.performance)
        elif ticket.scan():
            result = ("ok", str(ticket.seat or "Unreserved"))
        else:
            result = ("error", "Already %s" % ticket.get_status_display().lower())
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        return json_response({"result": result})
    return render(request, "main/scan.html", {"form": form, "result": result})


@staff_member_required
def exchange_ticket(request, ticket_id):
    ticket = get_object_or_404(Ticket.objects.select_related("order__patron", "performance"), pk=ticket_id)
    form = ExchangeForm(request.POST or None, ticket=ticket)
    if request.method == "POST" and form.is_valid():
        new_perf = form.cleaned_data["performance"]
        new_seat = form.cleaned_data.get("seat")
        fee = Decimal("2.50")
        membership = current_membership(ticket.order.patron) if ticket.order.patron else None
        if membership and membership.can_exchange():
            fee = Decimal("0.00")
            membership.exchanges_used += 1
            membership.save(update_fields=["exchanges_used", "modified"])
        with transaction.atomic():
            new_ticket = Ticket.objects.create(
                order=ticket.order,
                performance=new_perf,
                seat=new_seat,
                price_band=ticket.price_band,
                price=ticket.price,
                concession_type=ticket.concession_type,
                exchanged_from=ticket,
            )
            ticket.status = Ticket.EXCHANGED
            ticket.save(update_fields=["status"])
            if fee:
                ticket.order.booking_fee += fee
                ticket.order.recalculate_total()
        messages.success(request, "Exchanged to %s (fee %s)" % (new_ticket.performance, format_money(fee)))
        return redirect("order-detail", reference=ticket.order.reference)
    return render(request, "main/exchange.html", {"ticket": ticket, "form": form})


@staff_member_required
def sales_dashboard(request):
    today = timezone.localdate()
    start = today - datetime.timedelta(days=int(request.GET.get("days", 7)))
    rows = reports.sales_by_performance(start, today + datetime.timedelta(days=1))
    totals = Order.objects.filter(status=Order.PAID, paid_at__date__gte=start).aggregate(
        revenue=Sum("total"), orders=Count("id")
    )
    if request.GET.get("format") == "csv":
        return csv_response(
            "sales_%s.csv" % today.isoformat(),
            ["performance", "production", "starts_at", "tickets", "revenue", "capacity"],
            [[r["performance_id"], r["title"], r["starts_at"], r["tickets"], r["revenue"], r["capacity"]] for r in rows],
        )
    return render(request, "main/sales_dashboard.html", {"rows": rows, "totals": totals, "start": start})


# ---------------------------------------------------------------------------
# Membership
# ---------------------------------------------------------------------------


def current_membership(patron, on=None):
    if patron is None:
        return None
    on = on or timezone.localdate()
    return (
        Membership.objects.filter(
            Q(patron=patron) | Q(joint_patron=patron),
            status=Membership.ACTIVE,
            starts_on__lte=on,
            expires_on__gte=on,
        )
        .select_related("tier")
        .order_by("-tier__priority_booking_days")
        .first()
    )


def member_can_book(membership, performance, when=None):
    """Priority booking window: members with N priority days can book N days before public on-sale."""
    when = when or timezone.now()
    prod = performance.production
    if prod.on_sale_date is None or prod.on_sale_date <= when:
        return True
    if membership is None:
        return False
    if prod.members_on_sale_date and prod.members_on_sale_date <= when:
        return True
    window = datetime.timedelta(days=membership.tier.priority_booking_days)
    return prod.on_sale_date - window <= when


def apply_member_discount(order, patron):
    """Discount up to tier.max_discounted_per_performance tickets per performance."""
    membership = current_membership(patron)
    if membership is None:
        return Decimal("0.00")
    total_discount = Decimal("0.00")
    per_perf = {}
    for ticket in order.tickets.filter(concession_type="full").order_by("-price"):
        used = per_perf.get(ticket.performance_id, 0)
        if used >= membership.tier.max_discounted_per_performance:
            continue
        discount = membership.discount_for(ticket.price)
        if discount:
            ticket.price = money(ticket.price - discount)
            ticket.concession_type = "member"
            ticket.save(update_fields=["price", "concession_type"])
            total_discount += discount
            per_perf[ticket.performance_id] = used + 1
    if membership.tier.booking_fee_waived:
        order.booking_fee = Decimal("0.00")
        order.save(update_fields=["booking_fee"])
    return total_discount


def membership_signup(request):
    form = MembershipSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        tier = form.cleaned_data["tier"]
        patron = form.save_patron()
        fee = tier.joint_fee if form.cleaned_data.get("joint") and tier.joint_fee else tier.annual_fee
        with transaction.atomic():
            order = Order.objects.create(reference=Order.next_reference(), patron=patron, channel="web", total=fee)
            today = timezone.localdate()
            membership = Membership.objects.create(
                number=Membership.next_number(),
                patron=patron,
                tier=tier,
                starts_on=today,
                expires_on=today.replace(year=today.year + 1) - datetime.timedelta(days=1),
                status=Membership.PENDING,
                auto_renew=form.cleaned_data.get("auto_renew", False),
                order=order,
                gift_from=form.cleaned_data.get("gift_from"),
            )
        request.session["pending_membership"] = membership.pk
        return redirect("checkout-pay", reference=order.reference)
    tiers = MembershipTier.objects.filter(is_active=True).order_by("annual_fee")
    return render(request, "main/membership_signup.html", {"form": form, "tiers": tiers})


def membership_renew(request, number):
    membership = get_object_or_404(Membership.objects.select_related("tier", "patron"), number=number)
    form = MembershipRenewForm(request.POST or None, membership=membership)
    if request.method == "POST" and form.is_valid():
        tier = form.cleaned_data["tier"] or membership.tier
        order = Order.objects.create(
            reference=Order.next_reference(), patron=membership.patron, channel="web", total=tier.annual_fee
        )
        membership.tier = tier
        membership.order = order
        membership.save(update_fields=["tier", "order", "modified"])
        request.session["renewing_membership"] = membership.pk
        return redirect("checkout-pay", reference=order.reference)
    return render(request, "main/membership_renew.html", {"membership": membership, "form": form})


def activate_membership_for_order(order):
    """Called once the membership fee order is paid (see shop.views.payment_return)."""
    activated = []
    for membership in Membership.objects.filter(order=order):
        if membership.status == Membership.PENDING:
            membership.status = Membership.ACTIVE
            membership.save(update_fields=["status", "modified"])
        elif membership.status in (Membership.ACTIVE, Membership.LAPSED):
            membership.renew(order=order)
        activated.append(membership)
        send_templated_email(
            "emails/membership_welcome",
            {"membership": membership, "patron": membership.patron},
            membership.patron.email,
        )
    return activated


def membership_card(request, number):
    membership = get_object_or_404(Membership.objects.select_related("tier", "patron"), number=number)
    if not request.user.is_staff and getattr(request.user, "patron", None) != membership.patron:
        raise Http404
    return render(request, "main/membership_card.html", {"membership": membership})


@staff_member_required
def members_export(request):
    qs = (
        Membership.objects.filter(status=Membership.ACTIVE)
        .select_related("patron", "tier")
        .order_by("expires_on")
    )
    return csv_response(
        "members.csv",
        ["number", "name", "email", "tier", "expires", "auto_renew"],
        [[m.number, m.patron.display_name, m.patron.email, m.tier.code, m.expires_on, m.auto_renew] for m in qs],
    )
