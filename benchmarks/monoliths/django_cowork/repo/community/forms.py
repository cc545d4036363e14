from django import forms

from community.models import Event
from members.models import MeetingRoom


class EventForm(forms.ModelForm):
    room = forms.ModelChoiceField(queryset=MeetingRoom.objects.filter(active=True), required=False,
                                  help_text="Book a meeting room for this event")

    class Meta:
        model = Event
        fields = ["location", "title", "description", "starts_at", "ends_at", "capacity", "price",
                  "members_only", "cover", "published"]

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            raise forms.ValidationError("Event must end after it starts")
        return data
