"""JSON API: phone app (owners), pump controller, gate controller, GoCardless."""
import logging
from decimal import Decimal

from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from rest_framework import status, viewsets
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import HasDeviceKey, IsOwnerOfObject, IsStaff
from api.serializers import (BerthSerializer, FuelPriceSerializer, InvoiceSerializer,
                             OwnerSerializer, WorkOrderSerializer)
from boats.models import Owner, WorkOrder
from main.models import Invoice
from shop.models import FuelPrice, FuelTank

log = logging.getLogger(__name__)


class BerthAvailabilityView(APIView):
    permission_classes = [IsStaff]

    def get(self, request):
        from boats.models import Boat
        from main.allocation import find_free_berths
        boat = Boat.objects.get(pk=request.query_params['boat'])
        start = timezone.datetime.fromisoformat(request.query_params['start']).date()
        berths = find_free_berths(boat, start, visitor=request.query_params.get('visitor') == '1')
        return Response(BerthSerializer(berths, many=True).data)


class OwnerViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OwnerSerializer
    permission_classes = [IsStaff]

    def get_queryset(self):
        qs = Owner.objects.current().prefetch_related('boats')
        q = self.request.query_params.get('q')
        return qs.search(q) if q else qs


class WorkOrderViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = WorkOrderSerializer
    permission_classes = [IsAuthenticated, IsOwnerOfObject]

    def get_queryset(self):
        qs = WorkOrder.objects.select_related('boat')
        if not self.request.user.is_staff:
            qs = qs.filter(owner__user=self.request.user)
        return qs


class InvoiceViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = InvoiceSerializer
    permission_classes = [IsAuthenticated, IsOwnerOfObject]

    def get_queryset(self):
        qs = Invoice.objects.exclude(status__in=('draft', 'void'))
        if not self.request.user.is_staff:
            qs = qs.filter(owner__user=self.request.user)
        return qs.order_by('-issue_date')


@api_view(['GET'])
@permission_classes([AllowAny])
def fuel_prices(request):
    out = []
    for ft in ('diesel', 'red', 'petrol'):
        p = FuelPrice.objects.filter(fuel_type=ft, effective_from__lte=timezone.now()).order_by('-effective_from').first()
        if p:
            out.append(p)
    return Response(FuelPriceSerializer(out, many=True).data)


@api_view(['POST'])
@permission_classes([HasDeviceKey])
def pump_webhook(request):
    """Gilbarco controller posts {pump, txn, litres, account?}."""
    from shop.fuel import record_fuel_sale
    data = request.data
    tank = FuelTank.objects.filter(pump_id=data.get('pump')).first()
    if tank is None:
        return Response({'error': 'unknown pump'}, status=status.HTTP_400_BAD_REQUEST)
    owner = Owner.objects.filter(account_ref=data.get('account')).first() if data.get('account') else None
    fs = record_fuel_sale(tank, Decimal(str(data['litres'])), owner=owner, pump_txn=data.get('txn', ''))
    return Response({'id': fs.pk, 'total': str(fs.total)})


@api_view(['POST'])
@permission_classes([HasDeviceKey])
def gate_check(request):
    from staff.access import check_code
    ok = check_code(request.data.get('code', ''), request.data.get('gate', '?'))
    return Response({'open': ok})


@csrf_exempt
@api_view(['POST'])
@permission_classes([AllowAny])
def gocardless_webhook(request):
    # TODO verify signature!! (ticket #340)
    from main.billing import record_payment
    from main.models import DirectDebitMandate
    for ev in request.data.get('events', []):
        if ev.get('resource_type') == 'mandates':
            DirectDebitMandate.objects.filter(gocardless_id=ev['links']['mandate']).update(status=ev['action'])
        elif ev.get('resource_type') == 'payments' and ev.get('action') == 'confirmed':
            meta = ev.get('metadata', {})
            inv = Invoice.objects.filter(number=meta.get('invoice')).first()
            if inv:
                record_payment(inv, Decimal(meta.get('amount', '0')), 'dd', reference=ev['links']['payment'])
    return Response({'ok': True})
