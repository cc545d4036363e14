from django.utils import timezone
from rest_framework import serializers

from backoffice.models import Auditorium, Seat, ShiftAssignment, UsherShift, Venue
from core.models import Patron, Performance, Production, ProductionCredit, Season
from core.utils import performance_label
from main.models import Membership, Order, PriceBand, Ticket
from shop.models import Donation


class DynamicFieldsModelSerializer(serializers.ModelSerializer):
    """?fields=a,b,c trims the output. From the DRF docs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is None:
            return
        fields = request.query_params.get("fields")
        if fields:
            allowed = set(fields.split(","))
            for name in set(self.fields) - allowed:
                self.fields.pop(name)


class SeasonSerializer(serializers.ModelSerializer):
    class Meta:
        model = Season
        fields = ["id", "name", "code", "starts_on", "ends_on"]


class CreditSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProductionCredit
        fields = ["role", "name", "is_cast"]


class ProductionSerializer(DynamicFieldsModelSerializer):
    season = SeasonSerializer(read_only=True)
    credits = CreditSerializer(many=True, read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Production
        fields = ["id", "title", "slug", "company", "season", "running_time_minutes", "age_guidance", "synopsis", "status", "credits", "url", "on_sale_date"]

    def get_url(self, obj):
        request = self.context.get("request")
        return request.build_absolute_uri(obj.get_absolute_url()) if request else obj.get_absolute_url()


class PriceBandSerializer(serializers.ModelSerializer):
    class Meta:
        model = PriceBand
        fields = ["id", "name", "price", "concession_price", "under_26_price", "is_member_only"]


class PerformanceSerializer(DynamicFieldsModelSerializer):
    production = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    label = serializers.SerializerMethodField()
    price_bands = PriceBandSerializer(many=True, read_only=True)
    venue = serializers.CharField(source="auditorium.venue.name", read_only=True)

    class Meta:
        model = Performance
        fields = ["id", "production", "starts_at", "status", "label", "venue", "is_relaxed", "is_captioned", "is_bsl", "is_audio_described", "price_bands"]

    def get_label(self, obj):
        return performance_label(obj)


class AuditoriumSerializer(serializers.ModelSerializer):
    seat_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Auditorium
        fields = ["id", "name", "short_code", "is_unreserved", "has_wheelchair_spaces", "seat_count"]


class VenueSerializer(serializers.ModelSerializer):
    auditoria = AuditoriumSerializer(many=True, read_only=True)

    class Meta:
        model = Venue
        fields = ["id", "name", "address", "postcode", "phone", "access_info", "auditoria"]


class SeatSerializer(serializers.ModelSerializer):
    section = serializers.CharField(source="section.name")

    class Meta:
        model = Seat
        fields = ["id", "section", "row", "number", "is_wheelchair", "is_restricted_view"]


class TicketSerializer(serializers.ModelSerializer):
    seat = SeatSerializer(read_only=True)
    performance = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Ticket
        fields = ["id", "performance", "seat", "price", "concession_type", "status", "barcode"]


class OrderSerializer(serializers.ModelSerializer):
    tickets = TicketSerializer(many=True, read_only=True)
    patron_name = serializers.CharField(source="patron.display_name", read_only=True, default="")

    class Meta:
        model = Order
        fields = ["id", "reference", "patron", "patron_name", "channel", "status", "total", "booking_fee", "created", "paid_at", "tickets"]
        read_only_fields = ["reference", "status", "total", "created", "paid_at"]


class PartnerOrderSerializer(serializers.Serializer):
    """Partner sites (the tourist board) book unreserved tickets through this."""

    performance = serializers.PrimaryKeyRelatedField(queryset=Performance.objects.all())
    price_band = serializers.PrimaryKeyRelatedField(queryset=PriceBand.objects.all())
    quantity = serializers.IntegerField(min_value=1, max_value=10)
    email = serializers.EmailField()
    name = serializers.CharField(max_length=200)

    def validate(self, data):
        if data["price_band"].performance_id != data["performance"].pk:
            raise serializers.ValidationError("price_band does not belong to performance")
        if not data["performance"].is_bookable():
            raise serializers.ValidationError("performance not on sale")
        return data


class MembershipSerializer(serializers.ModelSerializer):
    tier = serializers.CharField(source="tier.name")
    active = serializers.SerializerMethodField()

    class Meta:
        model = Membership
        fields = ["number", "tier", "starts_on", "expires_on", "status", "auto_renew", "active"]

    def get_active(self, obj):
        return obj.is_active()


class PatronSerializer(DynamicFieldsModelSerializer):
    class Meta:
        model = Patron
        fields = ["id", "title", "first_name", "last_name", "email", "phone", "is_company", "company_name", "do_not_contact"]


class DonationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Donation
        fields = ["id", "patron", "amount", "campaign", "gift_aid", "anonymous", "source", "in_memory_of", "created"]
        read_only_fields = ["source", "created"]


class ShiftSerializer(serializers.ModelSerializer):
    role = serializers.CharField(source="shift.get_role_display")
    starts_at = serializers.DateTimeField(source="shift.starts_at")
    ends_at = serializers.DateTimeField(source="shift.ends_at")
    performance = serializers.SerializerMethodField()

    class Meta:
        model = ShiftAssignment
        fields = ["id", "role", "starts_at", "ends_at", "performance", "status"]

    def get_performance(self, obj):
        return performance_label(obj.shift.performance)
