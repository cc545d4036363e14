from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from boxoffice.models import SeatHold
from shop.forms import CheckoutForm, RefundRequestForm
from shop.gateway import verify_webhook_signature
from shop.models import Order
from shop.services import (OrderError, PaymentError, create_order_from_hold, get_or_create_customer,
                           handle_gateway_event, refund_tickets, start_card_payment, validate_promo_code)


def checkout(request, token):
    hold = get_object_or_404(SeatHold, token=token, session_key=request.session.session_key or "")
    form = CheckoutForm(request.POST or None, initial={"email": getattr(request.user, "email", "")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        promo = None
        if data["promo_code"]:
            promo, problem = validate_promo_code(data["promo_code"], event=hold.performance.event)
            if promo is None:
                form.add_error("promo_code", problem)
        if not form.errors:
            customer = get_or_create_customer(data["email"], data["first_name"], data["last_name"],
                                              user=request.user if request.user.is_authenticated else None)
            if data["marketing_opt_in"] and not customer.marketing_opt_in:
                customer.marketing_opt_in = True
                customer.save(update_fields=["marketing_opt_in"])
            try:
                order = create_order_from_hold(hold, customer, promo=promo)
            except OrderError as exc:
                messages.error(request, str(exc))
                return redirect("core:event_detail", slug=hold.performance.event.slug)
            return redirect("shop:pay", reference=order.reference)
    return render(request, "shop/checkout.html", {"form": form, "hold": hold})


def pay(request, reference):
    order = get_object_or_404(Order, reference=reference)
    if order.status == "paid":
        return redirect("shop:confirmation", reference=reference)
    return_url = request.build_absolute_uri(reverse("shop:payment_return", args=[reference]))
    try:
        _, redirect_url = start_card_payment(order, return_url)
    except PaymentError as exc:
        return render(request, "shop/payment_failed.html", {"order": order, "error": str(exc)})
    return redirect(redirect_url)


def payment_return(request, reference):
    order = get_object_or_404(Order, reference=reference)
    if order.status == "paid":
        return redirect("shop:confirmation", reference=reference)
    return render(request, "shop/processing.html", {"order": order})


@csrf_exempt
@require_POST
def paygate_webhook(request):
    if not verify_webhook_signature(request.body, request.headers.get("X-PayGate-Signature")):
        return HttpResponseBadRequest("bad signature")
    result = handle_gateway_event(request.body)
    return HttpResponse(result)


def confirmation(request, reference):
    order = get_object_or_404(Order.objects.select_related("customer"), reference=reference)
    lines = order.lines.select_related("performance__event", "ticket")
    return render(request, "shop/confirmation.html", {"order": order, "lines": lines})


@login_required
def my_orders(request):
    orders = Order.objects.filter(customer__user=request.user).prefetch_related("lines__ticket")
    return render(request, "shop/my_orders.html", {"orders": orders})


@login_required
def request_refund(request, reference):
    order = get_object_or_404(Order, reference=reference, customer__user=request.user, status="paid")
    form = RefundRequestForm(order, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            refund_tickets(order, list(form.cleaned_data["tickets"]), reason=form.cleaned_data["reason"],
                           user=request.user)
            messages.success(request, "Your refund is on its way")
        except PaymentError as exc:
            messages.error(request, str(exc))
        return redirect("shop:my_orders")
    return render(request, "shop/refund.html", {"order": order, "form": form})
