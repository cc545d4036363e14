import json

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from boxoffice.helpers import (HoldError, active_gates, availability_for, best_available, gate_stats,
                               hold_seats, record_scan)
from boxoffice.models import PriceZone, ScannerDevice
from common.decorators import group_required, staff_required
from common.utils import json_error, to_pence
from core.models import Performance


def seat_picker(request, performance_id):
    performance = get_object_or_404(Performance.objects.select_related("event", "hall__venue"), pk=performance_id)
    return render(request, "boxoffice/seat_picker.html",
                  {"performance": performance, "zones": availability_for(performance)})


@require_POST
def hold_create(request, performance_id):
    performance = get_object_or_404(Performance, pk=performance_id)
    try:
        payload = json.loads(request.body)
    except ValueError:
        return json_error("bad payload")
    if not request.session.session_key:
        request.session.save()
    seat_ids = payload.get("seats") or []
    if not seat_ids and payload.get("zone"):
        zone = get_object_or_404(PriceZone, pk=payload["zone"], performance=performance)
        seat_ids = best_available(performance, zone, int(payload.get("quantity", 2)))
    try:
        hold = hold_seats(performance, seat_ids, session_key=request.session.session_key)
    except HoldError as exc:
        return json_error(str(exc), status=409)
    return JsonResponse({"ok": True, "token": hold.token, "expires_at": hold.expires_at.isoformat()})


@group_required("box office")
def counter_sale(request, performance_id):
    """Walk-up sale at the box office window, cash or card terminal."""
    from shop.services import create_order_from_hold, get_or_create_customer, record_cash_payment

    performance = get_object_or_404(Performance, pk=performance_id)
    if request.method == "POST":
        try:
            hold = hold_seats(performance, [int(s) for s in request.POST.getlist("seat")],
                              session_key=f"counter-{request.user.pk}")
            customer = get_or_create_customer(request.POST.get("email") or "walkup@marquee.example")
            order = create_order_from_hold(hold, customer, channel="counter")
            record_cash_payment(order, to_pence(request.POST.get("cash_taken")))
        except Exception as exc:
            messages.error(request, f"Sale failed: {exc}")
        else:
            messages.success(request, f"Sold, order {order.reference}")
        return redirect("boxoffice:counter_sale", performance_id=performance_id)
    return render(request, "boxoffice/counter.html",
                  {"performance": performance, "zones": availability_for(performance)})


@require_POST
def door_scan(request):
    device = ScannerDevice.objects.filter(serial=request.POST.get("device")).select_related("gate").first()
    performance = None
    if request.POST.get("performance"):
        performance = Performance.objects.filter(pk=request.POST["performance"]).first()
    result, ticket = record_scan(request.POST.get("barcode"), device=device, performance=performance)
    return JsonResponse({"result": result, "holder": ticket.holder_name if ticket else None})


@staff_required
def gate_dashboard(request, performance_id):
    performance = get_object_or_404(Performance.objects.select_related("hall__venue"), pk=performance_id)
    return render(request, "boxoffice/gates.html", {
        "performance": performance,
        "gates": active_gates(performance.hall.venue),
        "stats": gate_stats(performance),
    })
