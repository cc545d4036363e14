from rest_framework import serializers

from access.models import KeyCard
from community.models import Event, EventRSVP
from core.models import Invoice, Payment
from desks.models import DeskBooking
from facilities.models import MaintenanceTicket
from members.models import Member, Membership, MembershipPlan, RoomBooking


class PlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = MembershipPlan
        fields = ["id", "name", "kind", "monthly_price", "included_room_hours", "access_24_7"]


class MembershipSerializer(serializers.ModelSerializer):
    plan = PlanSerializer(read_only=True)
    location = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "plan", "location", "status", "start_date", "end_date", "seats"]


class MemberSerializer(serializers.ModelSerializer):
    memberships = MembershipSerializer(many=True, read_only=True)
    company = serializers.StringRelatedField()

    class Meta:
        model = Member
        fields = ["id", "first_name", "last_name", "email", "phone", "company", "is_company_admin",
                  "suspended", "memberships"]
        read_only_fields = ["suspended", "is_company_admin"]


class RoomBookingSerializer(serializers.ModelSerializer):
    class Meta:
        model = RoomBooking
        fields = ["id", "room", "title", "start", "end", "status", "price"]
        read_only_fields = ["status", "price"]

    def validate(self, data):
        if data["end"] <= data["start"]:
            raise serializers.ValidationError("end must be after start")
        return data


class DeskBookingSerializer(serializers.ModelSerializer):
    desk_label = serializers.CharField(source="desk.label", read_only=True)

    class Meta:
        model = DeskBooking
        fields = ["id", "desk", "desk_label", "date", "half_day", "cancelled"]


class InvoiceSerializer(serializers.ModelSerializer):
    lines = serializers.SerializerMethodField()
    balance = serializers.DecimalField(max_digits=10, decimal_places=2, read_only=True)

    class Meta:
        model = Invoice
        fields = ["id", "number", "status", "issue_date", "due_date", "subtotal", "tax", "total",
                  "balance", "currency", "lines"]

    def get_lines(self, obj):
        return [{"description": l.description, "quantity": l.quantity, "unit_price": l.unit_price,
                 "tax_rate": l.tax_rate, "amount": l.amount} for l in obj.lines.all()]


class PaymentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Payment
        fields = ["id", "invoice", "amount", "status", "created_at"]


class KeyCardSerializer(serializers.ModelSerializer):
    class Meta:
        model = KeyCard
        fields = ["id", "uid", "status", "valid_until", "synced_at"]


class EventSerializer(serializers.ModelSerializer):
    going = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = ["id", "title", "slug", "starts_at", "ends_at", "capacity", "price", "going"]

    def get_going(self, obj):
        return obj.rsvps.filter(status=EventRSVP.GOING).count()


class TicketSerializer(serializers.ModelSerializer):
    class Meta:
        model = MaintenanceTicket
        fields = ["id", "title", "category", "description", "priority", "status", "created_at", "closed_at"]
        read_only_fields = ["status", "closed_at"]
