from django import forms

from boats.models import Boat, Owner
from staff.models import LeaveRequest, Shift, StaffMember


class ShiftForm(forms.ModelForm):
    class Meta:
        model = Shift
        fields = ('staff', 'date', 'start', 'end', 'post', 'note')


class LeaveForm(forms.ModelForm):
    class Meta:
        model = LeaveRequest
        fields = ('start', 'end', 'kind')


class FobForm(forms.Form):
    serial = forms.CharField(max_length=32)
    owner = forms.ModelChoiceField(Owner.objects.current(), required=False)
    staff = forms.ModelChoiceField(StaffMember.objects.filter(left__isnull=True), required=False)
    expires = forms.DateField(required=False)


class IncidentForm(forms.Form):
    location = forms.CharField()
    description = forms.CharField(widget=forms.Textarea)
    boat = forms.ModelChoiceField(Boat.objects.all(), required=False)
