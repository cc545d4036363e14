"""
REST API. Used by the keepers' tablets, the member app, the visitor map
and the habitat sensor gateway. Everything in one file because it was
"just a couple of endpoints" in 2019.
"""
import datetime

from django.db.models import F
from django.utils import timezone
from rest_framework import generics, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from animals.feeding import consume_stock
from animals.models import Animal, FeedingLog, Keeper, Shift, WeighIn
from backoffice.models import Enclosure, HabitatReading
from core.models import DailyCapacity, Membership
from utils.dates import parse_date_or_none, start_of_week, today_local
from website.models import Event, KeeperTalk


class IsStaffUser(permissions.BasePermission):
    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request.user.is_staff)


# --- animals ---------------------------------------------------------------

class WeighInSerializer(serializers.ModelSerializer):
    class Meta:
        model = WeighIn
        fields = ("id", "weighed_on", "weight_kg", "body_condition")


class AnimalSerializer(serializers.ModelSerializer):
    species = serializers.CharField(source="species.common_name", read_only=True)
    enclosure = serializers.CharField(source="enclosure.code", read_only=True, default=None)
    recent_weights = serializers.SerializerMethodField()

    class Meta:
        model = Animal
        fields = ("id", "name", "species", "sex", "status", "enclosure", "zims_id",
                  "last_weight_kg", "recent_weights")

    def get_recent_weights(self, obj):
        return WeighInSerializer(obj.weights.all()[:5], many=True).data


class AnimalViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AnimalSerializer
    permission_classes = [IsStaffUser]

    def get_queryset(self):
        qs = Animal.objects.on_site().select_related("species", "enclosure")
        if self.request.query_params.get("enclosure"):
            qs = qs.filter(enclosure__code=self.request.query_params["enclosure"])
        return qs

    @action(detail=True, methods=["post"])
    def weigh(self, request, pk=None):
        animal = self.get_object()
        ser = WeighInSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        keeper = Keeper.objects.filter(user=request.user).first()
        w = ser.save(animal=animal, keeper=keeper)
        Animal.objects.filter(pk=animal.pk).update(last_weight_kg=w.weight_kg)
        return Response(ser.data, status=status.HTTP_201_CREATED)


# --- feeding ---------------------------------------------------------------

class FeedingLogSerializer(serializers.ModelSerializer):
    class Meta:
        model = FeedingLog
        fields = ("id", "animal", "item", "quantity", "fed_at", "refused", "enrichment", "notes")


class FeedingLogViewSet(viewsets.ModelViewSet):
    serializer_class = FeedingLogSerializer
    permission_classes = [IsStaffUser]

    def get_queryset(self):
        since = timezone.now() - datetime.timedelta(days=2)
        return FeedingLog.objects.filter(fed_at__gte=since).select_related("animal", "item")

    def perform_create(self, serializer):
        keeper = Keeper.objects.filter(user=self.request.user).first()
        log = serializer.save(keeper=keeper)
        if not log.refused:
            consume_stock(log.item, log.quantity)


# --- rota ------------------------------------------------------------------

class ShiftSerializer(serializers.ModelSerializer):
    keeper_name = serializers.CharField(source="keeper.full_name", read_only=True)

    class Meta:
        model = Shift
        fields = ("id", "date", "shift_type", "start_time", "end_time", "section", "keeper_name")


class MyShiftsView(generics.ListAPIView):
    serializer_class = ShiftSerializer
    permission_classes = [IsStaffUser]

    def get_queryset(self):
        ws = start_of_week(parse_date_or_none(self.request.query_params.get("week")) or today_local())
        return (Shift.objects.select_related("keeper")
                .filter(keeper__user=self.request.user, published=True,
                        date__gte=ws, date__lt=ws + datetime.timedelta(days=14)))


# --- admissions ------------------------------------------------------------

class TicketAvailabilityView(APIView):
    permission_classes = [permissions.AllowAny]

    def get(self, request):
        start = parse_date_or_none(request.query_params.get("from")) or today_local()
        rows = DailyCapacity.objects.filter(date__gte=start,
                                            date__lt=start + datetime.timedelta(days=31))
        return Response([{"date": r.date.isoformat(), "remaining": r.remaining,
                          "closed": r.closed} for r in rows])


# --- members ---------------------------------------------------------------

class MemberCardSerializer(serializers.ModelSerializer):
    member_number = serializers.CharField(source="member.member_number")
    name = serializers.CharField(source="member.full_name")
    plan = serializers.CharField(source="plan.name")

    class Meta:
        model = Membership
        fields = ("member_number", "name", "plan", "start_date", "end_date", "guest_passes_left")


class MemberCardView(generics.RetrieveAPIView):
    """Digital membership card in the member app."""
    serializer_class = MemberCardSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_object(self):
        ms = (Membership.objects.select_related("member", "plan")
              .filter(member__user=self.request.user, status="active")
              .order_by("-end_date").first())
        if ms is None:
            from rest_framework.exceptions import NotFound
            raise NotFound("No active membership")
        return ms


# --- events / visitor map --------------------------------------------------

class EventSerializer(serializers.ModelSerializer):
    places_left = serializers.IntegerField(read_only=True)

    class Meta:
        model = Event
        fields = ("id", "title", "slug", "event_type", "starts_at", "ends_at", "price",
                  "member_price", "places_left")


class EventViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = EventSerializer
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        return Event.objects.upcoming()


class KeeperTalkSerializer(serializers.ModelSerializer):
    enclosure_name = serializers.CharField(source="enclosure.name")
    zone = serializers.CharField(source="enclosure.zone")

    class Meta:
        model = KeeperTalk
        fields = ("id", "title", "talk_time", "enclosure_name", "zone", "is_feeding_display")


class KeeperTalkListView(generics.ListAPIView):
    serializer_class = KeeperTalkSerializer
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        today = today_local()
        ids = [t.pk for t in KeeperTalk.objects.filter(active=True) if t.runs_on(today)]
        return KeeperTalk.objects.filter(pk__in=ids).select_related("enclosure")


# --- habitat sensors -------------------------------------------------------

class HabitatReadingSerializer(serializers.ModelSerializer):
    enclosure = serializers.SlugRelatedField(slug_field="code", queryset=Enclosure.objects.all())

    class Meta:
        model = HabitatReading
        fields = ("enclosure", "sensor_id", "taken_at", "temp_c", "humidity", "lux")


class HabitatReadingIngestView(generics.CreateAPIView):
    """The sensor gateway POSTs batches here (list of readings)."""
    serializer_class = HabitatReadingSerializer
    permission_classes = [IsStaffUser]

    def create(self, request, *args, **kwargs):
        many = isinstance(request.data, list)
        ser = self.get_serializer(data=request.data, many=many)
        ser.is_valid(raise_exception=True)
        if many:
            HabitatReading.objects.bulk_create([HabitatReading(**d) for d in ser.validated_data])
        else:
            ser.save()
        return Response({"stored": len(request.data) if many else 1}, status=status.HTTP_201_CREATED)
