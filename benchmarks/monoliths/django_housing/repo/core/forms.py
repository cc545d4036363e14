"""
All the forms.  (community/ and legacy/ never got their own forms.py, so
theirs live here too.)
"""
import decimal

from django import forms
from django.utils import timezone

from accounts.models import Resident
from community.models import Event, EventRSVP, Hearing, Incident, IncidentParty, Sanction
from core.models import Payment, RentCharge, RoomAssignment, RoommateRequest
from housing.models import Bed
from legacy.models import Key, KeyLoan, RoomInspection, Technician, WorkOrder


# --- assignments -----------------------------------------------------------

class AssignmentForm(forms.ModelForm):
    resident = forms.ModelChoiceField(queryset=Resident.objects.exclude(status="banned"),
                                      widget=forms.TextInput)
    bed = forms.ModelChoiceField(queryset=Bed.objects.filter(is_active=True), widget=forms.TextInput)

    class Meta:
        model = RoomAssignment
        fields = ["resident", "bed", "term", "start_date", "end_date", "status"]
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"}),
                   "end_date": forms.DateInput(attrs={"type": "date"})}

    def clean(self):
        cleaned = super(AssignmentForm, self).clean()
        bed, term = cleaned.get("bed"), cleaned.get("term")
        if bed and term:
            clash = RoomAssignment.objects.filter(bed=bed, term=term, status__in=("pending", "active"))
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                raise forms.ValidationError("That bed is already assigned for %s." % term)
            if bed.room.offline:
                raise forms.ValidationError("Room %s is offline." % bed.room)
        if cleaned.get("start_date") and cleaned.get("end_date") and \
                cleaned["start_date"] >= cleaned["end_date"]:
            raise forms.ValidationError("End date must be after start date.")
        resident = cleaned.get("resident")
        if resident and resident.financial_hold:
            self.add_error("resident", "Resident has a financial hold.")
        return cleaned


class RoommateRequestForm(forms.ModelForm):
    requested_student_id = forms.CharField(max_length=12)

    class Meta:
        model = RoommateRequest
        fields = ["term"]

    def clean_requested_student_id(self):
        sid = self.cleaned_data["requested_student_id"].strip().upper()
        try:
            return Resident.objects.get(student_id=sid)
        except Resident.DoesNotExist:
            raise forms.ValidationError("No student with that ID has applied.")


class SwapForm(forms.Form):
    assignment_a = forms.ModelChoiceField(queryset=RoomAssignment.objects.filter(status__in=("pending", "active")))
    assignment_b = forms.ModelChoiceField(queryset=RoomAssignment.objects.filter(status__in=("pending", "active")))
    reason = forms.CharField(widget=forms.Textarea, required=False)
    charge_fee = forms.BooleanField(required=False, initial=True)


class CheckOutForm(forms.Form):
    keys_returned = forms.BooleanField(required=False)
    card_returned = forms.BooleanField(required=False)
    forwarding_address = forms.CharField(widget=forms.Textarea, required=False)
    reason = forms.ChoiceField(choices=(("end_of_term", "End of term"), ("withdrawal", "Withdrawal"),
                                        ("room_change", "Room change"), ("eviction", "Eviction"),
                                        ("other", "Other")))


# --- billing ---------------------------------------------------------------

class PaymentForm(forms.ModelForm):
    class Meta:
        model = Payment
        fields = ["amount", "method", "reference"]

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount <= 0:
            raise forms.ValidationError("Amount must be positive.")
        if amount > decimal.Decimal("25000"):
            raise forms.ValidationError("That looks wrong. Amounts over $25,000 need finance approval.")
        return amount


class ChargeAdjustmentForm(forms.ModelForm):
    class Meta:
        model = RentCharge
        fields = ["kind", "description", "amount", "due_date", "term"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"})}


class RefundForm(forms.Form):
    amount = forms.DecimalField(max_digits=9, decimal_places=2, min_value=decimal.Decimal("0.01"))
    reason = forms.CharField(max_length=200)
    payment_id = forms.IntegerField(required=False)


# --- facilities (legacy) ---------------------------------------------------

class WorkOrderForm(forms.ModelForm):
    class Meta:
        model = WorkOrder
        fields = ["room", "location_text", "category", "priority", "summary", "details",
                  "permission_to_enter"]

    def clean(self):
        cleaned = super(WorkOrderForm, self).clean()
        if not cleaned.get("room") and not cleaned.get("location_text"):
            raise forms.ValidationError("Give a room or describe the location.")
        return cleaned


class WorkOrderUpdateForm(forms.ModelForm):
    note = forms.CharField(widget=forms.Textarea, required=False)
    visible_to_resident = forms.BooleanField(required=False)

    class Meta:
        model = WorkOrder
        fields = ["status", "priority", "technician", "resident_caused", "damage_charge"]

    def __init__(self, *args, **kwargs):
        super(WorkOrderUpdateForm, self).__init__(*args, **kwargs)
        self.fields["technician"].queryset = Technician.objects.filter(active=True)


class InspectionForm(forms.ModelForm):
    class Meta:
        model = RoomInspection
        fields = ["room", "kind", "damage_amount", "notes"]


class KeyLoanForm(forms.ModelForm):
    key_stamp = forms.CharField(max_length=20)
    hours = forms.IntegerField(required=False, help_text="Leave blank for term-long loans")

    class Meta:
        model = KeyLoan
        fields = ["resident", "borrower_name"]

    def clean_key_stamp(self):
        try:
            return Key.objects.get(stamp=self.cleaned_data["key_stamp"].strip().upper(), retired=False)
        except Key.DoesNotExist:
            raise forms.ValidationError("Unknown key stamp.")


# --- community: conduct ----------------------------------------------------

class IncidentForm(forms.ModelForm):
    class Meta:
        model = Incident
        fields = ["hall", "room", "occurred_at", "incident_type", "severity", "narrative",
                  "police_involved", "confidential"]

    def clean_occurred_at(self):
        value = self.cleaned_data["occurred_at"]
        if value > timezone.now():
            raise forms.ValidationError("Incident can't be in the future.")
        return value


class IncidentPartyForm(forms.ModelForm):
    class Meta:
        model = IncidentParty
        fields = ["resident", "non_resident_name", "role", "statement"]


class HearingForm(forms.ModelForm):
    class Meta:
        model = Hearing
        fields = ["scheduled_for", "location", "officer"]


class SanctionForm(forms.ModelForm):
    class Meta:
        model = Sanction
        fields = ["resident", "kind", "amount", "due_date", "effective_date", "notes"]

    def clean(self):
        cleaned = super(SanctionForm, self).clean()
        if cleaned.get("kind") in ("fine", "restitution") and not cleaned.get("amount"):
            raise forms.ValidationError("Fines and restitution need an amount.")
        return cleaned


# --- community: events -----------------------------------------------------

class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = ["title", "hall", "category", "description", "location", "starts_at", "ends_at",
                  "capacity", "term", "mandatory", "cost"]

    def clean(self):
        cleaned = super(EventForm, self).clean()
        if cleaned.get("starts_at") and cleaned.get("ends_at") and cleaned["ends_at"] <= cleaned["starts_at"]:
            raise forms.ValidationError("Event must end after it starts.")
        return cleaned


class RSVPForm(forms.ModelForm):
    class Meta:
        model = EventRSVP
        fields = []
