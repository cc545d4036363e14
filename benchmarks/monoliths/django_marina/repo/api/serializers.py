from rest_framework import serializers

from boats.models import Boat, Owner, WorkOrder
from main.models import Berth, Invoice
from shop.models import FuelPrice


class BerthSerializer(serializers.ModelSerializer):
    pontoon = serializers.CharField(source='pontoon.code')

    class Meta:
        model = Berth
        fields = ('id', 'pontoon', 'number', 'length_m', 'width_m', 'depth_m', 'is_visitor')


class BoatSerializer(serializers.ModelSerializer):
    class Meta:
        model = Boat
        fields = ('id', 'name', 'make_model', 'boat_type', 'loa_m', 'beam_m', 'draft_m')


class OwnerSerializer(serializers.ModelSerializer):
    boats = BoatSerializer(many=True, read_only=True)

    class Meta:
        model = Owner
        fields = ('id', 'account_ref', 'first_name', 'surname', 'email', 'phone', 'boats')


class WorkOrderSerializer(serializers.ModelSerializer):
    boat = serializers.StringRelatedField()

    class Meta:
        model = WorkOrder
        fields = ('id', 'ref', 'boat', 'description', 'status', 'due_date', 'quoted_amount')


class FuelPriceSerializer(serializers.ModelSerializer):
    class Meta:
        model = FuelPrice
        fields = ('fuel_type', 'price_per_litre', 'effective_from')


class InvoiceSerializer(serializers.ModelSerializer):
    balance = serializers.DecimalField(max_digits=10, decimal_places=2, read_only=True)

    class Meta:
        model = Invoice
        fields = ('id', 'number', 'issue_date', 'due_date', 'status', 'gross_total', 'amount_paid', 'balance')
