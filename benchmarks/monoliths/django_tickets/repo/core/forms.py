from django import forms

from core.models import Event, Performance, PromoterContract


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = ["title", "slug", "description", "promoter", "venue", "categories", "lineup",
                  "age_limit", "poster"]

    def clean_age_limit(self):
        age = self.cleaned_data["age_limit"]
        if age not in (0, 12, 14, 16, 18):
            raise forms.ValidationError("Age limit must be 0, 12, 14, 16 or 18")
        return age


class PerformanceForm(forms.ModelForm):
    class Meta:
        model = Performance
        fields = ["hall", "starts_at", "doors_open_at", "on_sale_from", "max_tickets_per_order"]

    def clean(self):
        data = super().clean()
        if data.get("doors_open_at") and data.get("starts_at") and data["doors_open_at"] > data["starts_at"]:
            raise forms.ValidationError("Doors cannot open after the show starts")
        return data


class PromoterContractForm(forms.ModelForm):
    class Meta:
        model = PromoterContract
        fields = ["starts_on", "ends_on", "fee_percent", "per_ticket_fee_pence", "settlement_days"]
