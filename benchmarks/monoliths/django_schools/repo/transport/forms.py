from django import forms

from legacy.models import BusStop
from transport.models import RiderAssignment


class RiderAssignmentForm(forms.ModelForm):
    override = forms.BooleanField(required=False, help_text="ignore walk zone / capacity")

    class Meta:
        model = RiderAssignment
        fields = ["stop", "direction", "starts_on", "reason"]

    def __init__(self, student, *args, **kwargs):
        super(RiderAssignmentForm, self).__init__(*args, **kwargs)
        self.student = student
        self.fields["stop"].queryset = (BusStop.objects.filter(route__active=True, route__schools=student.school)
                                        .select_related("route"))
