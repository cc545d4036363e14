from django.shortcuts import get_object_or_404
from django.utils import timezone
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import IsCivilOfficer, IsEngineer, IsOwner
from api.serializers import (
    CarParkSerializer, CustomerSerializer, FaultReportSerializer, ParkingSessionSerializer,
    PaymentSerializer, PcnIssueSerializer, PenaltyNoticeSerializer, PermitSerializer,
    StartSessionSerializer, TariffSerializer, VehicleSerializer, ZoneSerializer,
)
from backoffice.models import FaultReport, PatrolLog
from main import services
from main.models import Bay, CarPark, ParkingSession, Payment, PenaltyNotice, Permit, Vehicle, Zone
from shared.utils import format_money, normalise_vrm


class CarParkViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = CarPark.objects.filter(is_open=True).prefetch_related("zones")
    serializer_class = CarParkSerializer
    permission_classes = [AllowAny]
    lookup_field = "code"


class ZoneViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Zone.objects.all()
    serializer_class = ZoneSerializer
    permission_classes = [AllowAny]
    lookup_field = "code"

    @action(detail=True)
    def tariffs(self, request, code=None):
        zone = self.get_object()
        qs = zone.tariffs.filter(is_active=True).prefetch_related("bands")
        return Response(TariffSerializer(qs, many=True).data)


class TariffQuoteView(APIView):
    permission_classes = [AllowAny]

    def get(self, request):
        try:
            minutes = int(request.query_params.get("minutes", 60))
            quote = services.quote_session(request.query_params["location"], minutes)
        except KeyError:
            return Response({"detail": "location required"}, status=400)
        except services.SessionError as exc:
            return Response({"detail": str(exc)}, status=400)
        return Response({"location": quote["location"].code, "minutes": minutes,
                         "price": {"pence": quote["price_pence"],
                                   "display": format_money(quote["price_pence"])},
                         "tariff": quote["tariff"].name})


class ParkingSessionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ParkingSessionSerializer
    permission_classes = [IsAuthenticated, IsOwner]
    lookup_field = "reference"

    def get_queryset(self):
        return (ParkingSession.objects.filter(customer=self.request.user.customer)
                .select_related("location", "zone").order_by("-started_at"))

    def create(self, request):
        ser = StartSessionSerializer(data=request.data, context={"request": request})
        ser.is_valid(raise_exception=True)
        customer = request.user.customer
        vehicle = customer.vehicles.get(pk=ser.validated_data["vehicle_id"])
        try:
            session = services.start_parking_session(
                customer, vehicle, ser.validated_data["location_code"], ser.validated_data["minutes"],
                token=ser.validated_data.get("card_token"), channel="app")
        except services.SessionError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_402_PAYMENT_REQUIRED)
        return Response(ParkingSessionSerializer(session).data, status=201)

    @action(detail=True, methods=["post"])
    def extend(self, request, reference=None):
        session = self.get_object()
        try:
            services.extend_parking_session(session, int(request.data.get("minutes", 30)),
                                            token=request.data.get("card_token"))
        except services.SessionError as exc:
            return Response({"detail": str(exc)}, status=400)
        return Response(ParkingSessionSerializer(session).data)

    @action(detail=True, methods=["post"])
    def stop(self, request, reference=None):
        session = services.end_parking_session(self.get_object())
        return Response(ParkingSessionSerializer(session).data)


class VehicleViewSet(viewsets.ModelViewSet):
    serializer_class = VehicleSerializer
    permission_classes = [IsAuthenticated, IsOwner]

    def get_queryset(self):
        return Vehicle.objects.filter(customer=self.request.user.customer)

    def perform_create(self, serializer):
        serializer.save(customer=self.request.user.customer)

    def perform_destroy(self, instance):
        instance.customer = None
        instance.save()


class MeView(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request):
        return Response(CustomerSerializer(request.user.customer).data)

    def patch(self, request):
        ser = CustomerSerializer(request.user.customer, data=request.data, partial=True)
        ser.is_valid(raise_exception=True)
        ser.save()
        return Response(ser.data)


class PermitViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PermitSerializer
    permission_classes = [IsAuthenticated, IsOwner]
    lookup_field = "reference"

    def get_queryset(self):
        return Permit.objects.filter(customer=self.request.user.customer).select_related(
            "vehicle", "zone", "permit_type")


class PaymentViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PaymentSerializer
    permission_classes = [IsAuthenticated, IsOwner]
    lookup_field = "reference"

    def get_queryset(self):
        return Payment.objects.filter(customer=self.request.user.customer).order_by("-created_at")


class PenaltyNoticeViewSet(viewsets.ReadOnlyModelViewSet):
    """Officers' handhelds: list today's PCNs, issue new ones."""

    serializer_class = PenaltyNoticeSerializer
    permission_classes = [IsCivilOfficer]
    lookup_field = "pcn_ref"

    def get_queryset(self):
        return PenaltyNotice.objects.filter(officer=self.request.officer,
                                            issued_at__date=timezone.localdate())

    def create(self, request):
        ser = PcnIssueSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        data = ser.validated_data
        ok, reason = services.can_issue_pcn(data["vrm"], data["zone"])
        if not ok and not request.data.get("override"):
            return Response({"detail": reason, "can_override": False}, status=409)
        bay = None
        if data.get("bay"):
            bay = Bay.objects.filter(zone=data["zone"], number=data["bay"]).first()
        pcn = services.issue_penalty_notice(
            request.officer, data["vrm"], data["zone"], data["contravention"], bay=bay,
            observed_from=data.get("observed_from"), photo_count=data["photo_count"],
            notes=data.get("notes", ""))
        return Response(PenaltyNoticeSerializer(pcn).data, status=201)


class OfficerCheckView(APIView):
    """GET /api/officer/check/?vrm=AB12CDE&zone=C4 -> is this car OK to be here right now."""

    permission_classes = [IsCivilOfficer]

    def get(self, request):
        vrm = normalise_vrm(request.query_params.get("vrm"))
        zone = get_object_or_404(Zone, code=request.query_params.get("zone"))
        session = services.find_active_session(vrm, zone)
        ok, reason = services.can_issue_pcn(vrm, zone)
        PatrolLog.objects.filter(officer=request.officer, ended_at__isnull=True).update(
            vehicles_checked=models_F("vehicles_checked") + 1)
        return Response({
            "vrm": vrm, "zone": zone.code, "can_issue": ok, "reason": reason,
            "session_expires": session.expires_at if session else None,
        })


def models_F(name):
    # local helper, the import of F got lost in a merge once and broke the handhelds
    from django.db.models import F
    return F(name)


class MachineFaultViewSet(mixins.CreateModelMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = FaultReportSerializer
    permission_classes = [IsEngineer | IsCivilOfficer]

    def get_queryset(self):
        return FaultReport.objects.filter(resolved_at__isnull=True).select_related("machine")

    def perform_create(self, serializer):
        source = "officer" if getattr(self.request, "officer", None) else "engineer"
        serializer.save(source=source, reported_by=str(self.request.user))
