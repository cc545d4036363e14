from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action, api_view, permission_classes
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from api.serializers import (
    DonationSerializer,
    MembershipSerializer,
    OrderSerializer,
    PartnerOrderSerializer,
    PatronSerializer,
    PerformanceSerializer,
    ProductionSerializer,
    ShiftSerializer,
    VenueSerializer,
)
from backoffice.models import ShiftAssignment, Venue
from backoffice.seating import seat_availability
from core.models import Patron, Performance, Production
from main.models import Membership, Order, SeatHold, Ticket
from shop.models import Donation


class StandardResultsPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


class IsStaffOrReadOnly(permissions.BasePermission):
    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_staff)


class ProductionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ProductionSerializer
    permission_classes = [IsStaffOrReadOnly]
    lookup_field = "slug"

    def get_queryset(self):
        qs = Production.active.select_related("season").prefetch_related("credits")
        season = self.request.query_params.get("season")
        if season:
            qs = qs.filter(season__code__iexact=season)
        return qs


class PerformanceViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PerformanceSerializer
    permission_classes = [IsStaffOrReadOnly]
    filterset_fields = ["production", "status", "is_relaxed", "is_captioned", "is_bsl"]

    def get_queryset(self):
        qs = Performance.objects.select_related("production", "auditorium__venue").prefetch_related("price_bands")
        if not self.request.query_params.get("include_past"):
            qs = qs.filter(starts_at__gte=timezone.now())
        return qs.exclude(status=Performance.CANCELLED)

    @action(detail=True, methods=["get"])
    def availability(self, request, pk=None):
        perf = self.get_object()
        states = seat_availability(perf)
        free = sum(1 for s in states.values() if s == "free")
        if not states:  # unreserved
            held = SeatHold.objects.filter(performance=perf).count()
            free = max(perf.capacity - perf.seats_sold() - held, 0)
        return Response({"performance": perf.pk, "free": free, "capacity": perf.capacity, "seats": states})


class VenueViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = VenueSerializer
    queryset = Venue.objects.filter(is_active=True).prefetch_related("auditoria")
    permission_classes = [permissions.AllowAny]
    pagination_class = None


class OrderViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = OrderSerializer
    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "reference"

    def get_queryset(self):
        qs = Order.objects.select_related("patron").prefetch_related("tickets__seat__section")
        if self.request.user.is_staff:
            return qs
        return qs.filter(patron__user=self.request.user)

    def create(self, request, *args, **kwargs):
        """Partner bookings. Creates a pending 'api' channel order; partner settles monthly."""
        if not request.user.groups.filter(name="api_partners").exists():
            return Response({"detail": "not a partner"}, status=status.HTTP_403_FORBIDDEN)
        ser = PartnerOrderSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        data = ser.validated_data
        perf = data["performance"]
        remaining = perf.capacity - perf.seats_sold()
        if data["quantity"] > remaining:
            return Response({"detail": "only %d left" % remaining}, status=status.HTTP_409_CONFLICT)
        patron = Patron.objects.filter(email__iexact=data["email"], merged_into__isnull=True).first()
        if patron is None:
            first, _, last = data["name"].rpartition(" ")
            patron = Patron.objects.create(first_name=first, last_name=last or data["name"], email=data["email"])
        with transaction.atomic():
            order = Order.objects.create(reference=Order.next_reference(), patron=patron, channel="api", created_by=request.user)
            for _ in range(data["quantity"]):
                Ticket.objects.create(order=order, performance=perf, price_band=data["price_band"], price=data["price_band"].price)
            order.recalculate_total()
            order.mark_paid()  # on account
        return Response(OrderSerializer(order, context={"request": request}).data, status=status.HTTP_201_CREATED)


@api_view(["POST"])
@permission_classes([permissions.IsAdminUser])
def ticket_scan_api(request):
    """Used by the handheld scanners at the doors."""
    barcode = (request.data.get("barcode") or "").strip()
    performance_id = request.data.get("performance")
    ticket = Ticket.objects.filter(barcode=barcode).select_related("seat", "performance").first()
    if ticket is None:
        return Response({"ok": False, "reason": "unknown"}, status=404)
    if str(ticket.performance_id) != str(performance_id):
        return Response({"ok": False, "reason": "wrong performance", "performance": str(ticket.performance)})
    if not ticket.scan():
        return Response({"ok": False, "reason": ticket.status, "scanned_at": ticket.scanned_at})
    return Response({"ok": True, "seat": str(ticket.seat) if ticket.seat else None})


class MembershipViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = MembershipSerializer
    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "number"

    def get_queryset(self):
        qs = Membership.objects.select_related("tier", "patron")
        if self.request.user.is_staff:
            return qs
        return qs.filter(Q(patron__user=self.request.user) | Q(joint_patron__user=self.request.user))


class PatronViewSet(viewsets.ModelViewSet):
    serializer_class = PatronSerializer
    permission_classes = [permissions.IsAdminUser]

    def get_queryset(self):
        qs = Patron.objects.filter(merged_into__isnull=True)
        q = self.request.query_params.get("q")
        if q:
            qs = qs.filter(Q(last_name__istartswith=q) | Q(email__iexact=q))
        return qs

    @action(detail=False, methods=["get"], permission_classes=[permissions.IsAuthenticated])
    def me(self, request):
        patron = Patron.objects.filter(user=request.user).first()
        if patron is None:
            return Response(status=404)
        return Response(self.get_serializer(patron).data)


class DonationViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = DonationSerializer
    permission_classes = [permissions.IsAdminUser]
    queryset = Donation.objects.select_related("patron", "campaign").order_by("-created")

    def perform_create(self, serializer):
        serializer.save(source="api")


class MyShiftsViewSet(viewsets.ReadOnlyModelViewSet):
    """Volunteers' app: my upcoming shifts, and confirm/decline."""

    serializer_class = ShiftSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return (
            ShiftAssignment.objects.filter(volunteer__user=self.request.user, shift__starts_at__gte=timezone.now())
            .select_related("shift__performance__production")
            .order_by("shift__starts_at")
        )

    @action(detail=True, methods=["post"])
    def respond(self, request, pk=None):
        assignment = self.get_object()
        answer = request.data.get("answer")
        if answer not in ("yes", "no"):
            return Response({"detail": "answer must be yes or no"}, status=400)
        assignment.status = "confirmed" if answer == "yes" else "declined"
        assignment.confirmed_at = timezone.now()
        assignment.save(update_fields=["status", "confirmed_at"])
        return Response(self.get_serializer(assignment).data)
