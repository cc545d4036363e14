from django import forms

from animals.models import (Animal, AnimalTransfer, FeedingLog, FeedItem, Keeper, LeaveRequest,
                            MedicalRecord, Shift, VetVisit, WeighIn)
from utils.dates import today_local


class AnimalForm(forms.ModelForm):
    class Meta:
        model = Animal
        fields = ("species", "name", "house_name", "sex", "date_of_birth", "dob_estimated",
                  "arrival_date", "enclosure", "status", "microchip", "zims_id",
                  "is_adoptable", "public_bio", "photo")

    def clean(self):
        data = super(AnimalForm, self).clean()
        enc = data.get("enclosure")
        if enc and enc.max_animals:
            current = enc.animals.on_site().exclude(pk=self.instance.pk).count()
            if current >= enc.max_animals:
                self.add_error("enclosure", "%s is full (%d/%d)" % (enc, current, enc.max_animals))
        return data


class MedicalRecordForm(forms.ModelForm):
    class Meta:
        model = MedicalRecord
        fields = ("record_type", "summary", "notes", "next_due")


class VetVisitForm(forms.ModelForm):
    class Meta:
        model = VetVisit
        fields = ("visit_date", "vet", "external_vet", "reason", "diagnosis", "outcome",
                  "requires_quarantine", "quarantine_until", "cost")

    def clean(self):
        data = super(VetVisitForm, self).clean()
        if data.get("requires_quarantine") and not data.get("quarantine_until"):
            self.add_error("quarantine_until", "Required when quarantining")
        return data


class WeighInForm(forms.ModelForm):
    class Meta:
        model = WeighIn
        fields = ("weighed_on", "weight_kg", "body_condition")


class TransferForm(forms.ModelForm):
    class Meta:
        model = AnimalTransfer
        fields = ("direction", "institution", "transfer_date", "cites_permit",
                  "breeding_programme", "notes")


class FeedingLogForm(forms.ModelForm):
    class Meta:
        model = FeedingLog
        fields = ("animal", "item", "quantity", "fed_at", "refused", "enrichment", "notes")

    def __init__(self, *args, **kwargs):
        section = kwargs.pop("section", None)
        super(FeedingLogForm, self).__init__(*args, **kwargs)
        self.fields["item"].queryset = FeedItem.objects.order_by("name")
        if section:
            # TODO enclosures should know their section (see core.signals)
            self.fields["animal"].queryset = Animal.objects.on_site().order_by("name")


class BulkFeedingForm(forms.Form):
    """'Fed the whole flamingo flock' form."""
    item = forms.ModelChoiceField(queryset=FeedItem.objects.all())
    quantity_each = forms.DecimalField(max_digits=8, decimal_places=3)
    animals = forms.ModelMultipleChoiceField(queryset=Animal.objects.on_site())
    fed_at = forms.DateTimeField()


class ShiftForm(forms.ModelForm):
    class Meta:
        model = Shift
        fields = ("keeper", "date", "shift_type", "start_time", "end_time", "section", "notes")

    def clean(self):
        data = super(ShiftForm, self).clean()
        k, d = data.get("keeper"), data.get("date")
        if k and d and k.is_on_leave(d):
            raise forms.ValidationError("%s is on leave on %s" % (k, d))
        return data


class LeaveRequestForm(forms.ModelForm):
    class Meta:
        model = LeaveRequest
        fields = ("leave_type", "start_date", "end_date", "reason")

    def clean(self):
        data = super(LeaveRequestForm, self).clean()
        s, e = data.get("start_date"), data.get("end_date")
        if s and e and e < s:
            raise forms.ValidationError("End date before start date")
        if s and s < today_local() and data.get("leave_type") == "annual":
            raise forms.ValidationError("Annual leave can't be booked in the past")
        return data


class KeeperForm(forms.ModelForm):
    class Meta:
        model = Keeper
        exclude = ("user",)
