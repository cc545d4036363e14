import json
import logging
import os
from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.http import HttpResponseForbidden, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from common.decorators import group_required, json_view, manager_required, staff_required
from common.utils import to_decimal, today
from integrations.clients import OEMError, client_for_manufacturer, import_supplier_price_file
from integrations.models import ClaimLine, ClaimStatusLog, Manufacturer, RecallNotice, SupplierFeedLog, WarrantyClaim

logger = logging.getLogger('garage.warranty')


def next_claim_reference():
    last = WarrantyClaim.objects.order_by('-id').values_list('reference', flat=True).first()
    n = int(last.split('-')[1]) + 1 if last else 1
    return 'WC-%05d' % n


def manufacturer_for_vehicle(vehicle):
    if vehicle.manufacturer_id:
        return vehicle.manufacturer
    wmi = (vehicle.vin or '')[:3]
    for m in Manufacturer.objects.exclude(vin_prefixes=''):
        if wmi and wmi in [p.strip() for p in m.vin_prefixes.split(',')]:
            return m
    return Manufacturer.objects.filter(name__iexact=vehicle.make).first()


@transaction.atomic
def draft_claim_for_work_order(work_order, user=None):
    """Called from shop.services.complete_work_order for warranty jobs."""
    existing = WarrantyClaim.objects.filter(work_order=work_order).exclude(status='rejected').first()
    if existing:
        return existing
    vehicle = work_order.vehicle
    manufacturer = manufacturer_for_vehicle(vehicle)
    if manufacturer is None:
        logger.error('no manufacturer for %s, cannot draft claim', vehicle.registration)
        return None
    claim = WarrantyClaim.objects.create(
        reference=next_claim_reference(), manufacturer=manufacturer, work_order=work_order, vehicle=vehicle,
        mileage=work_order.mileage_in, repair_date=(work_order.completed_at or timezone.now()).date(),
        cause=work_order.diagnosis, correction='', created_by=user)
    rate = manufacturer.labour_rate or Decimal(settings.GARAGE_LABOUR_RATE)
    for l in work_order.labour_lines.filter(is_warranty=True):
        ClaimLine.objects.create(claim=claim, kind='labour', op_code=l.op_code, description=l.description,
                                 quantity=l.hours, amount=(l.hours * rate).quantize(Decimal('0.01')))
    markup = 1 + manufacturer.parts_markup_percent / 100
    for p in work_order.part_lines.filter(is_warranty=True).select_related('part'):
        ClaimLine.objects.create(claim=claim, kind='part', part=p.part, description=p.part.description,
                                 quantity=p.quantity,
                                 amount=(p.quantity * p.unit_cost * markup).quantize(Decimal('0.01')))
    claim.recalc()
    ClaimStatusLog.objects.create(claim=claim, status='draft', message='Drafted from %s' % work_order.number)
    return claim


@staff_required
def claim_list(request):
    qs = WarrantyClaim.objects.select_related('manufacturer', 'vehicle', 'work_order').order_by('-created_at')
    status = request.GET.get('status')
    if status:
        qs = qs.filter(status=status)
    totals = qs.aggregate(claimed=Sum('amount_claimed'), paid=Sum('amount_paid'))
    by_status = WarrantyClaim.objects.values('status').annotate(n=Count('id'))
    return render(request, 'integrations/claim_list.html', {'claims': qs[:300], 'totals': totals,
                                                            'by_status': by_status})


@staff_required
def claim_detail(request, pk):
    claim = get_object_or_404(WarrantyClaim.objects.select_related('manufacturer', 'vehicle', 'work_order'), pk=pk)
    return render(request, 'integrations/claim_detail.html', {
        'claim': claim, 'lines': claim.lines.select_related('part'), 'log': claim.status_log.all()[:50]})


@staff_required
def claim_create_from_work_order(request, wo_pk):
    from shop.models import WorkOrder
    wo = get_object_or_404(WorkOrder, pk=wo_pk)
    claim = draft_claim_for_work_order(wo, user=request.user)
    if claim is None:
        messages.error(request, 'Could not work out the manufacturer for this vehicle')
        return redirect('workorder-detail', pk=wo_pk)
    return redirect('claim-detail', pk=claim.pk)


@staff_required
def claim_update(request, pk):
    claim = get_object_or_404(WarrantyClaim, pk=pk, status__in=['draft', 'query'])
    if request.method == 'POST':
        for field in ('failure_code', 'cause', 'correction'):
            if field in request.POST:
                setattr(claim, field, request.POST[field])
        for line in claim.lines.all():
            amt = request.POST.get('amount_%d' % line.pk)
            if amt:
                ClaimLine.objects.filter(pk=line.pk).update(amount=to_decimal(amt))
        claim.save()
        claim.recalc()
    return redirect('claim-detail', pk=pk)


@group_required('Warranty', 'Branch managers')
def claim_submit(request, pk):
    claim = get_object_or_404(WarrantyClaim.objects.select_related('manufacturer', 'vehicle'), pk=pk)
    if claim.status not in ('draft', 'query'):
        messages.error(request, 'Claim already submitted')
        return redirect('claim-detail', pk=pk)
    age = (today() - claim.repair_date).days if claim.repair_date else 0
    if age > claim.manufacturer.claim_window_days:
        messages.warning(request, 'Outside the %d day claim window - OEM will probably reject'
                         % claim.manufacturer.claim_window_days)
    try:
        ref = client_for_manufacturer(claim.manufacturer).submit(claim)
    except OEMError as e:
        messages.error(request, 'Portal said: %s' % e)
        return redirect('claim-detail', pk=pk)
    claim.oem_reference = ref or claim.oem_reference
    claim.status = 'submitted'
    claim.submitted_at = timezone.now()
    claim.save()
    ClaimStatusLog.objects.create(claim=claim, status='submitted', message='Submitted, OEM ref %s' % ref)
    return redirect('claim-detail', pk=pk)


@csrf_exempt
def oem_status_callback(request, portal_code):
    """Ford and Toyota push status changes; VW doesn't, we poll (see tasks)."""
    token = request.META.get('HTTP_AUTHORIZATION', '')
    if token != 'Bearer %s' % getattr(settings, 'OEM_CALLBACK_TOKENS', {}).get(portal_code, '__none__'):
        return HttpResponseForbidden()
    payload = json.loads(request.body.decode('utf-8'))
    claim = WarrantyClaim.objects.filter(oem_reference=payload.get('claimId'),
                                         manufacturer__portal_code=portal_code).first()
    if claim is None:
        return JsonResponse({'error': 'unknown claim'}, status=404)
    client = client_for_manufacturer(claim.manufacturer)
    status = client.status_map.get(payload.get('status'), payload.get('status', '').lower())
    apply_claim_status(claim, status, payload)
    return JsonResponse({'ok': True})


def apply_claim_status(claim, status, payload):
    if not status or status == claim.status:
        return False
    claim.status = status
    if status in ('approved', 'part_approved', 'paid') and payload.get('approvedAmount') is not None:
        claim.amount_paid = to_decimal(payload.get('approvedAmount'))
    claim.last_polled_at = timezone.now()
    claim.save()
    ClaimStatusLog.objects.create(claim=claim, status=status, message=payload.get('message', '')[:1000],
                                  raw_payload=json.dumps(payload)[:10000])
    if status == 'rejected':
        # job goes back to customer-pay -- front desk has to sort it out
        from shop.models import WorkOrder
        WorkOrder.objects.filter(pk=claim.work_order_id).update(payer='customer', status='completed')
    return True


@staff_required
@json_view
def recall_lookup(request):
    """Any open recalls for this VIN? Shown on the check-in screen."""
    vin = (request.GET.get('vin') or '').upper()
    if len(vin) != 17:
        return {'recalls': []}
    hits = RecallNotice.objects.filter(vin_from__lte=vin, vin_to__gte=vin).select_related('manufacturer')
    return {'recalls': [{'code': r.campaign_code, 'title': r.title, 'make': r.manufacturer.name,
                         'hours': str(r.labour_hours or '')} for r in hits]}


# --- supplier feeds (parts) -------------------------------------------------

@group_required('Parts', 'Branch managers')
def supplier_feed_upload(request):
    from shop.models import Supplier
    if request.method == 'POST' and request.FILES.get('file'):
        supplier = get_object_or_404(Supplier, pk=request.POST.get('supplier'))
        upload = request.FILES['file']
        path = os.path.join(settings.SUPPLIER_FEED_DIR, 'manual', '%s_%s' % (supplier.edi_code or supplier.pk,
                                                                              upload.name))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as fh:
            for chunk in upload.chunks():
                fh.write(chunk)
        log = import_supplier_price_file(supplier, path)
        messages.success(request, '%d rows, %d updated, %d new' % (log.rows_read, log.parts_updated,
                                                                    log.parts_created))
        return redirect('supplier-feed-logs')
    return render(request, 'integrations/feed_upload.html', {'suppliers': Supplier.objects.filter(is_active=True)})


@staff_required
def supplier_feed_logs(request):
    logs = SupplierFeedLog.objects.select_related('supplier').order_by('-imported_at')[:100]
    return render(request, 'integrations/feed_logs.html', {'logs': logs})
