import json

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from api.auth import device_required, partner_key_required
from api.serializers import event_to_dict, order_to_dict, scan_to_dict
from boxoffice.helpers import availability_for, record_scan
from common.utils import json_error
from core.models import Event, Performance
from core.services import performance_sales_summary, settlement_for_event
from shop.models import Order, Ticket


@require_GET
def events(request):
    qs = Event.objects.on_sale().select_related("venue").prefetch_related("categories")
    return JsonResponse({"results": [event_to_dict(e) for e in qs[:100]]})


@require_GET
def event_detail(request, slug):
    event = get_object_or_404(Event.objects.published(), slug=slug)
    return JsonResponse(event_to_dict(event, with_performances=True))


@require_GET
def performance_availability(request, pk):
    performance = get_object_or_404(Performance, pk=pk)
    return JsonResponse({"performance": pk, "zones": availability_for(performance)})


@require_GET
def order_detail(request, reference):
    order = get_object_or_404(Order, reference=reference)
    if request.GET.get("email", "").lower() != order.customer.email:
        return json_error("not found", status=404)
    return JsonResponse(order_to_dict(order))


@csrf_exempt
@require_POST
@device_required
def scan(request):
    try:
        payload = json.loads(request.body)
    except ValueError:
        return json_error("bad json")
    performance = Performance.objects.filter(pk=payload.get("performance")).first()
    result, ticket = record_scan(payload.get("barcode"), device=request.device, performance=performance)
    return JsonResponse(scan_to_dict(result, ticket))


@require_GET
@device_required
def gate_sync(request, performance_id):
    """Offline mode: scanners download every valid barcode before doors open."""
    barcodes = (Ticket.objects.filter(line__performance_id=performance_id, status__in=["valid", "used"])
                .values_list("barcode", "status"))
    return JsonResponse({"performance": performance_id, "tickets": dict(barcodes)})


@require_GET
@partner_key_required
def partner_sales(request, slug):
    event = get_object_or_404(Event, slug=slug, promoter=request.promoter)
    shows = {p.pk: performance_sales_summary(p.pk) for p in event.performances.all()}
    return JsonResponse({"event": slug, "performances": shows, "settlement": settlement_for_event(event)},
                        json_dumps_params={"default": str})
