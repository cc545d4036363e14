from rest_framework import serializers

from backoffice.models import FaultReport
from main.models import (
    Bay, CarPark, Customer, ParkingSession, Payment, PenaltyNotice, Permit, Tariff, TariffBand,
    Vehicle, Zone,
)
from shared.utils import format_money, is_valid_vrm, normalise_vrm


class MoneyField(serializers.Field):
    """Pence in the db, {"pence": 350, "display": "£3.50"} on the wire."""

    def to_representation(self, value):
        return {"pence": value, "display": format_money(value)}

    def to_internal_value(self, data):
        if isinstance(data, dict):
            data = data.get("pence")
        try:
            return int(data)
        except (TypeError, ValueError):
            raise serializers.ValidationError("amount in pence expected")


class ZoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Zone
        fields = ["id", "code", "name", "is_cpz", "controlled_from", "controlled_to"]


class BaySerializer(serializers.ModelSerializer):
    class Meta:
        model = Bay
        fields = ["id", "number", "bay_type", "is_occupied", "suspended_until"]


class CarParkSerializer(serializers.ModelSerializer):
    free_spaces = serializers.SerializerMethodField()
    zones = ZoneSerializer(many=True, read_only=True)

    class Meta:
        model = CarPark
        fields = ["id", "code", "name", "kind", "postcode", "latitude", "longitude", "capacity",
                  "is_open", "opening_hours", "free_spaces", "zones"]

    def get_free_spaces(self, obj):
        return obj.free_spaces() if obj.has_sensors else None


class TariffBandSerializer(serializers.ModelSerializer):
    price = MoneyField(source="price_pence")

    class Meta:
        model = TariffBand
        fields = ["up_to_minutes", "price"]


class TariffSerializer(serializers.ModelSerializer):
    bands = TariffBandSerializer(many=True, read_only=True)

    class Meta:
        model = Tariff
        fields = ["id", "name", "valid_from", "valid_to", "max_stay_minutes", "free_minutes", "bands"]


class VehicleSerializer(serializers.ModelSerializer):
    class Meta:
        model = Vehicle
        fields = ["id", "vrm", "make", "colour", "nickname", "is_electric"]

    def validate_vrm(self, value):
        if not is_valid_vrm(value):
            raise serializers.ValidationError("Invalid registration")
        return normalise_vrm(value)


class CustomerSerializer(serializers.ModelSerializer):
    vehicles = VehicleSerializer(many=True, read_only=True)

    class Meta:
        model = Customer
        fields = ["account_ref", "first_name", "last_name", "email", "phone", "marketing_opt_in", "vehicles"]
        read_only_fields = ["account_ref"]


class ParkingSessionSerializer(serializers.ModelSerializer):
    location_code = serializers.CharField(source="location.code", read_only=True)
    zone = serializers.CharField(source="zone.code", read_only=True)
    price = MoneyField(source="price_pence", read_only=True)
    minutes_left = serializers.IntegerField(read_only=True)

    class Meta:
        model = ParkingSession
        fields = ["reference", "vrm", "location_code", "zone", "started_at", "expires_at", "ended_at",
                  "price", "status", "channel", "minutes_left"]


class StartSessionSerializer(serializers.Serializer):
    vehicle_id = serializers.IntegerField()
    location_code = serializers.CharField(max_length=8)
    minutes = serializers.IntegerField(min_value=5, max_value=24 * 60)
    card_token = serializers.CharField(required=False, allow_blank=True)

    def validate_vehicle_id(self, value):
        customer = self.context["request"].user.customer
        if not customer.vehicles.filter(pk=value).exists():
            raise serializers.ValidationError("Not your vehicle")
        return value


class PermitSerializer(serializers.ModelSerializer):
    vrm = serializers.CharField(source="vehicle.vrm", read_only=True)
    zone = serializers.CharField(source="zone.code", read_only=True)
    permit_type = serializers.CharField(source="permit_type.name", read_only=True)

    class Meta:
        model = Permit
        fields = ["reference", "permit_type", "vrm", "zone", "valid_from", "valid_to", "status"]


class PenaltyNoticeSerializer(serializers.ModelSerializer):
    contravention = serializers.CharField(source="contravention.code", read_only=True)
    amount_due = serializers.SerializerMethodField()

    class Meta:
        model = PenaltyNotice
        fields = ["pcn_ref", "vrm", "contravention", "issued_at", "status", "amount_due", "discount_until"]

    def get_amount_due(self, obj):
        return {"pence": obj.current_amount(), "display": format_money(obj.current_amount())}


class PcnIssueSerializer(serializers.Serializer):
    vrm = serializers.CharField(max_length=10)
    zone = serializers.SlugRelatedField(slug_field="code", queryset=Zone.objects.all())
    bay = serializers.CharField(required=False, allow_blank=True)
    contravention = serializers.CharField(max_length=4)
    observed_from = serializers.DateTimeField(required=False)
    photo_count = serializers.IntegerField(min_value=0, default=0)
    notes = serializers.CharField(required=False, allow_blank=True)


class PaymentSerializer(serializers.ModelSerializer):
    amount = MoneyField(source="amount_pence", read_only=True)

    class Meta:
        model = Payment
        fields = ["reference", "amount", "purpose", "method", "status", "captured_at"]


class FaultReportSerializer(serializers.ModelSerializer):
    asset_number = serializers.SlugRelatedField(source="machine", slug_field="asset_number",
                                                queryset=FaultReport._meta.get_field("machine").related_model.objects.all())

    class Meta:
        model = FaultReport
        fields = ["id", "asset_number", "source", "description", "reported_by", "priority", "created_at"]
        read_only_fields = ["created_at"]
