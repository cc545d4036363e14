from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action, api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from access.models import KeyCard
from access.services import report_lost
from api import serializers as s
from api.permissions import IsOwnerOrStaff, IsStaff
from community.models import Event
from community.services import rsvp_member
from core.models import Invoice
from core.services import charge_invoice
from desks.services import book_hot_desk, hot_desk_capacity
from facilities.models import MaintenanceTicket
from facilities.services import open_ticket
from members.bookings import cancel_room_booking, create_room_booking
from members.models import Member, MembershipPlan, RoomBooking


@api_view(["GET"])
def me(request):
    member = request.user.member
    return Response(s.MemberSerializer(member).data)


class PlanViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = MembershipPlan.objects.filter(public=True, active=True)
    serializer_class = s.PlanSerializer
    permission_classes = []


class MemberViewSet(viewsets.ModelViewSet):
    serializer_class = s.MemberSerializer
    permission_classes = [IsStaff]
    queryset = Member.objects.select_related("company").prefetch_related("memberships__plan")
    filterset_fields = ["home_location", "company", "suspended"]


class RoomBookingViewSet(viewsets.ModelViewSet):
    serializer_class = s.RoomBookingSerializer
    permission_classes = [IsOwnerOrStaff]

    def get_queryset(self):
        return RoomBooking.objects.filter(member=self.request.user.member).exclude(status=RoomBooking.CANCELLED)

    def perform_create(self, serializer):
        d = serializer.validated_data
        try:
            serializer.instance = create_room_booking(self.request.user.member, d["room"], d["start"], d["end"],
                                                      d.get("title", ""))
        except DjangoValidationError as e:
            from rest_framework.exceptions import ValidationError
            raise ValidationError(e.messages)

    def perform_destroy(self, instance):
        cancel_room_booking(instance)


class DeskAvailabilityView(APIView):
    def get(self, request):
        location = request.user.member.home_location
        day = request.query_params.get("date") or timezone.localdate().isoformat()
        return Response({"date": day, "free": hot_desk_capacity(location, day)})

    def post(self, request):
        try:
            booking = book_hot_desk(request.user.member, request.user.member.home_location, request.data["date"])
        except DjangoValidationError as e:
            return Response({"error": e.messages[0]}, status=status.HTTP_409_CONFLICT)
        return Response(s.DeskBookingSerializer(booking).data, status=status.HTTP_201_CREATED)


class InvoiceViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.InvoiceSerializer
    permission_classes = [IsOwnerOrStaff]

    def get_queryset(self):
        return Invoice.objects.filter(member=self.request.user.member).exclude(status="draft") \
            .prefetch_related("lines")

    @action(detail=True, methods=["post"])
    def pay(self, request, pk=None):
        payment = charge_invoice(self.get_object())
        if payment is None:
            return Response({"error": "no payment method"}, status=400)
        return Response(s.PaymentSerializer(payment).data)


class KeyCardViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = s.KeyCardSerializer

    def get_queryset(self):
        return KeyCard.objects.filter(member=self.request.user.member)

    @action(detail=True, methods=["post"])
    def lost(self, request, pk=None):
        new = report_lost(self.get_object())
        return Response(s.KeyCardSerializer(new).data)


class EventViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.EventSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return Event.objects.filter(published=True, ends_at__gte=timezone.now())

    @action(detail=True, methods=["post"])
    def rsvp(self, request, slug=None):
        r = rsvp_member(self.get_object(), request.user.member)
        return Response({"status": r.status})


class TicketViewSet(mixins.CreateModelMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = s.TicketSerializer

    def get_queryset(self):
        return MaintenanceTicket.objects.filter(reported_by_member=self.request.user.member)

    def perform_create(self, serializer):
        member = self.request.user.member
        serializer.instance = open_ticket(member.home_location, member=member, **serializer.validated_data)
