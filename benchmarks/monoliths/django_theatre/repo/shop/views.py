import datetime
import json
import logging
from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from backoffice.models import FundraisingCampaign
from core.models import Patron, Performance
from core.utils import format_money, money, send_templated_email
from main.models import Order, PriceBand, SeatHold, Ticket
from shop.models import Basket, BasketItem, DiscountCode, Donation, SubscriptionChoice, SubscriptionPackage
from shop.payments import GatewayClient, PaymentGatewayError, handle_gateway_event, start_online_payment

log = logging.getLogger(__name__)


class QuantityForm(forms.Form):
    price_band = forms.ModelChoiceField(queryset=PriceBand.objects.none())
    quantity = forms.IntegerField(min_value=1, max_value=10)
    concession = forms.ChoiceField(choices=Ticket.CONCESSIONS[:3], initial="full")


class DonationAmountForm(forms.Form):
    PRESETS = (("5", "\u00a35"), ("10", "\u00a310"), ("25", "\u00a325"), ("other", "Other"))

    preset = forms.ChoiceField(choices=PRESETS, widget=forms.RadioSelect, required=False)
    other_amount = forms.DecimalField(required=False, min_value=Decimal("1.00"), max_value=Decimal("5000"), decimal_places=2)
    gift_aid = forms.BooleanField(required=False, label="I am a UK taxpayer - add Gift Aid")

    def amount(self):
        preset = self.cleaned_data.get("preset")
        if preset and preset != "other":
            return Decimal(preset)
        return self.cleaned_data.get("other_amount") or Decimal("0.00")


def _get_basket(request, create=False):
    if not request.session.session_key:
        request.session.save()
    key = request.session.session_key
    basket = Basket.objects.filter(session_key=key, status=Basket.OPEN).first()
    if basket and basket.expires_at and basket.expires_at < timezone.now():
        _expire_basket(basket)
        basket = None
    if basket is None and create:
        patron = getattr(request.user, "patron", None) if request.user.is_authenticated else None
        basket = Basket.objects.create(session_key=key, patron=patron)
    return basket


def _expire_basket(basket):
    SeatHold.objects.filter(basket=basket).delete()
    basket.items.all().delete()
    basket.status = Basket.ABANDONED
    basket.save(update_fields=["status", "modified"])


def _basket_totals(basket):
    subtotal = basket.ticket_subtotal()
    discount = Decimal("0.00")
    if basket.discount_code and basket.discount_code.is_valid():
        discount = basket.discount_code.discount_on(subtotal)
    fee = Decimal(settings.BOOKING_FEE) if basket.items.exists() else Decimal("0.00")
    donation = money(basket.donation_amount)
    return {
        "subtotal": subtotal,
        "discount": discount,
        "booking_fee": fee,
        "donation": donation,
        "total": money(subtotal - discount + fee + donation),
    }


def basket_view(request):
    basket = _get_basket(request)
    if basket is None or basket.is_empty():
        return render(request, "shop/basket_empty.html")
    items = basket.items.select_related("performance__production", "seat__section", "price_band")
    campaign = FundraisingCampaign.objects.filter(show_at_checkout=True, is_active=True).first()
    return render(
        request,
        "shop/basket.html",
        {
            "basket": basket,
            "items": items,
            "totals": _basket_totals(basket),
            "donation_form": DonationAmountForm(),
            "campaign": campaign,
            "expires_in": int((basket.expires_at - timezone.now()).total_seconds()) if basket.expires_at else None,
        },
    )


def add_to_basket(request, performance_id):
    """For unreserved performances (studio) - reserved seating goes through main.views.hold_seats."""
    perf = get_object_or_404(Performance, pk=performance_id)
    if not perf.is_bookable():
        messages.error(request, "Sorry, this performance is not on sale.")
        return redirect(perf.production.get_absolute_url())
    form = QuantityForm(request.POST or None)
    form.fields["price_band"].queryset = perf.price_bands.filter(is_member_only=False)
    if request.method == "POST" and form.is_valid():
        qty = form.cleaned_data["quantity"]
        remaining = perf.capacity - perf.seats_sold() - SeatHold.objects.filter(performance=perf).count()
        if qty > remaining:
            messages.error(request, "Only %d left" % max(remaining, 0))
        else:
            basket = _get_basket(request, create=True)
            band = form.cleaned_data["price_band"]
            for _ in range(qty):
                BasketItem.objects.create(
                    basket=basket,
                    performance=perf,
                    price_band=band,
                    price=band.price_for(form.cleaned_data["concession"]),
                    concession_type=form.cleaned_data["concession"],
                )
            basket.extend()
            return redirect("basket")
    return render(request, "shop/add.html", {"performance": perf, "form": form})


@require_POST
def remove_from_basket(request, item_id):
    basket = _get_basket(request)
    if basket is None:
        raise Http404
    item = get_object_or_404(BasketItem, pk=item_id, basket=basket)
    if item.seat_id:
        SeatHold.objects.filter(basket=basket, performance=item.performance, seat=item.seat).delete()
    item.delete()
    return redirect("basket")


def validate_discount_code(code, basket):
    dc = DiscountCode.objects.filter(code__iexact=code.strip()).first()
    if dc is None or not dc.is_valid():
        return None, "That code isn't valid"
    if basket.items.count() < dc.min_tickets:
        return None, "You need at least %d tickets for that code" % dc.min_tickets
    if dc.production_id and not basket.items.filter(performance__production_id=dc.production_id).exists():
        return None, "That code is for %s only" % dc.production.title
    return dc, None


@require_POST
def apply_discount_code(request):
    basket = _get_basket(request)
    if basket is None:
        return redirect("basket")
    dc, error = validate_discount_code(request.POST.get("code", ""), basket)
    if error:
        messages.error(request, error)
    else:
        basket.discount_code = dc
        basket.save(update_fields=["discount_code", "modified"])
        messages.success(request, "Code applied")
    return redirect("basket")


@require_POST
def checkout_donation(request):
    basket = _get_basket(request, create=True)
    form = DonationAmountForm(request.POST)
    if form.is_valid():
        basket.donation_amount = form.amount()
        basket.donation_gift_aid = form.cleaned_data["gift_aid"]
        basket.save(update_fields=["donation_amount", "donation_gift_aid", "modified"])
        if basket.donation_amount:
            messages.success(request, "Thank you! %s added." % format_money(basket.donation_amount))
    return redirect("basket")


def _donation_from_basket(basket, order, patron):
    if not basket.donation_amount:
        return None
    campaign = FundraisingCampaign.objects.filter(show_at_checkout=True, is_active=True).first()
    return Donation.objects.create(
        order=order,
        patron=patron,
        amount=basket.donation_amount,
        gift_aid=basket.donation_gift_aid,
        campaign=campaign,
        source="checkout",
    )


def checkout(request):
    basket = _get_basket(request)
    if basket is None or basket.is_empty():
        return redirect("basket")
    if not request.user.is_authenticated:
        return redirect("%s?next=%s" % (settings.LOGIN_URL, reverse("checkout")))
    patron = getattr(request.user, "patron", None)
    if patron is None:
        patron = Patron.objects.create(
            user=request.user, first_name=request.user.first_name, last_name=request.user.last_name or "-", email=request.user.email
        )
    totals = _basket_totals(basket)
    with transaction.atomic():
        order = Order.objects.create(
            reference=Order.next_reference(),
            patron=patron,
            channel="web",
            booking_fee=totals["booking_fee"],
            discount_code=basket.discount_code,
            discount_amount=totals["discount"],
        )
        for item in basket.items.select_related("performance"):
            Ticket.objects.create(
                order=order,
                performance=item.performance,
                seat=item.seat,
                price_band=item.price_band,
                price=item.price,
                concession_type=item.concession_type,
            )
        # members get their discount applied at checkout too (since 2021)
        from main.views import apply_member_discount

        apply_member_discount(order, patron)
        _donation_from_basket(basket, order, patron)
        order.recalculate_total()
        if basket.discount_code:
            basket.discount_code.use()
        basket.status = Basket.CHECKED_OUT
        basket.save(update_fields=["status", "modified"])
        # keep holds alive while they pay, keyed on the order ref now
        SeatHold.objects.filter(basket=basket).update(held_until=timezone.now() + datetime.timedelta(minutes=20))
    return redirect("checkout-pay", reference=order.reference)


def checkout_pay(request, reference):
    order = get_object_or_404(Order, reference=reference, status=Order.PENDING)
    if order.balance_due() <= 0:
        order.mark_paid()
        return redirect("payment-return", reference=reference)
    return_url = request.build_absolute_uri(reverse("payment-return", args=[reference]))
    try:
        payment, redirect_url = start_online_payment(order, return_url)
    except PaymentGatewayError as exc:
        log.exception("Gateway failure for %s", reference)
        messages.error(request, "We couldn't reach the payment provider. Please try again in a minute.")
        return redirect("basket")
    return redirect(redirect_url)


def payment_return(request, reference):
    order = get_object_or_404(Order, reference=reference)
    payment = order.payments.order_by("-created").first()
    if payment and payment.status == "pending":
        # webhook may not have landed yet - ask the gateway directly
        try:
            result = GatewayClient().capture(payment.provider_ref)
            handle_gateway_event({"type": "intent.succeeded" if result.get("status") == "succeeded" else "intent.failed", "data": result})
            payment.refresh_from_db()
        except PaymentGatewayError:
            pass
    if order.status == Order.PENDING and order.balance_due() <= 0:
        _complete_order(order)
    if order.status != Order.PAID:
        return render(request, "shop/payment_failed.html", {"order": order})
    return render(request, "shop/thanks.html", {"order": order})


def _complete_order(order):
    from main.views import activate_membership_for_order

    order.mark_paid()
    activate_membership_for_order(order)
    if order.tickets.exists():
        from main.tasks import send_e_tickets

        send_e_tickets.delay(order.pk)


@csrf_exempt
@require_POST
def payment_webhook(request):
    if not GatewayClient.verify_signature(request.body, request.headers.get("X-PayCorp-Signature")):
        return HttpResponseBadRequest("bad signature")
    try:
        event = json.loads(request.body.decode("utf-8"))
    except ValueError:
        return HttpResponseBadRequest("bad json")
    payment = handle_gateway_event(event)
    if payment and payment.order and payment.order.status == Order.PENDING and payment.order.balance_due() <= 0:
        _complete_order(payment.order)
    return HttpResponse("ok")


# ---------------------------------------------------------------------------
# Season subscriptions ("pick 4 and save")
# ---------------------------------------------------------------------------


def subscription_packages(request):
    packages = SubscriptionPackage.objects.filter(on_sale=True, is_active=True).select_related("season")
    return render(request, "shop/subscriptions.html", {"packages": packages})


def choose_subscription(request, package_id):
    package = get_object_or_404(SubscriptionPackage, pk=package_id, on_sale=True)
    patron = getattr(request.user, "patron", None) if request.user.is_authenticated else None
    if patron is None:
        return redirect("%s?next=%s" % (settings.LOGIN_URL, request.path))
    if package.members_only:
        from main.views import current_membership

        if current_membership(patron) is None:
            messages.error(request, "This package is for members only")
            return redirect("subscription-packages")
    perfs = Performance.objects.filter(production__season=package.season, starts_at__gte=timezone.now()).exclude(
        status=Performance.CANCELLED
    )
    if request.method == "POST":
        chosen = Performance.objects.filter(pk__in=request.POST.getlist("performance"))
        seats = int(request.POST.get("seats", 1))
        if chosen.count() != package.number_of_shows:
            messages.error(request, "Please pick exactly %d performances" % package.number_of_shows)
        elif chosen.values("production").distinct().count() < package.min_productions:
            messages.error(request, "Please pick %d different shows" % package.min_productions)
        else:
            basket = _get_basket(request, create=True)
            per_show = package.price_per_show()
            with transaction.atomic():
                for perf in chosen:
                    band = perf.price_bands.order_by("-price").first()
                    for _ in range(seats):
                        BasketItem.objects.create(
                            basket=basket,
                            performance=perf,
                            price_band=band,
                            price=per_show,
                            concession_type="full",
                            subscription_package=package,
                        )
                    SubscriptionChoice.objects.create(package=package, patron=patron, performance=perf, seats=seats)
            basket.extend()
            return redirect("basket")
    return render(request, "shop/subscription_choose.html", {"package": package, "performances": perfs})
