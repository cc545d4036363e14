import logging

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from api.auth import vendor_token_required, verify_signature
from api.serializers import (
    serialize_invoice,
    serialize_lease,
    serialize_statement,
    serialize_unit,
    serialize_work_order,
)
from api.utils import json_error, paginate, read_json
from common.decorators import json_errors, owner_required
from common.screening import ScreeningService
from core.billing import record_payment
from core.models import Invoice, Lease
from legacy.models import OwnerStatement
from main.models import Unit, WorkOrder
from main.services import complete_work_order

log = logging.getLogger(__name__)


@require_GET
def available_units(request):
    units = Unit.objects.vacant().select_related("building").prefetch_related("building__amenities")
    if request.GET.get("bedrooms"):
        units = units.filter(bedrooms__gte=int(request.GET["bedrooms"]))
    return JsonResponse({"results": [serialize_unit(u) for u in paginate(units, request)]})


@login_required
def my_lease(request):
    lease = Lease.objects.filter(primary_tenant__user=request.user, status="active").first()
    if lease is None:
        return json_error("no active lease", 404)
    return JsonResponse(serialize_lease(lease))


@login_required
def my_invoices(request):
    invoices = Invoice.objects.for_tenant(request.user.tenant_profile).order_by("-period_start")
    return JsonResponse({"results": [serialize_invoice(i) for i in paginate(invoices, request)]})


@csrf_exempt
@require_POST
def payment_webhook(request):
    if not verify_signature(request.body, request.META.get("HTTP_X_SIGNATURE")):
        return json_error("bad signature", 403)
    event = read_json(request)
    if event.get("type") != "payment.settled":
        return JsonResponse({"ignored": True})
    data = event["data"]
    invoice = get_object_or_404(Invoice, pk=data["invoice_id"])
    payment = record_payment(invoice, invoice.lease.primary_tenant, int(data["amount_cents"]),
                             data.get("method", "ach"), data.get("reference", ""))
    return JsonResponse({"payment": payment.pk})


@csrf_exempt
@require_POST
@json_errors
def screening_callback(request):
    payload = read_json(request)
    report = ScreeningService().complete(payload["reference"], payload)
    return JsonResponse({"decision": report.decision})


@vendor_token_required
def vendor_jobs(request):
    orders = WorkOrder.objects.filter(vendor=request.vendor).exclude(status__in=["done", "cancelled"])
    return JsonResponse({"results": [serialize_work_order(o) for o in orders]})


@csrf_exempt
@require_POST
@vendor_token_required
@json_errors
def vendor_job_update(request, pk):
    order = get_object_or_404(WorkOrder, pk=pk, vendor=request.vendor)
    data = read_json(request)
    if data.get("status") == "in_progress":
        WorkOrder.objects.filter(pk=order.pk).update(status="in_progress")
    elif data.get("status") == "done":
        complete_work_order(order, int(data.get("cost_cents", 0)), data.get("note", ""))
    else:
        return json_error("unknown status")
    return JsonResponse({"ok": True})


@owner_required
def owner_statements(request):
    statements = OwnerStatement.objects.filter(owner=request.owner).order_by("-period_start")
    return JsonResponse({"results": [serialize_statement(s) for s in statements[:24]]})
