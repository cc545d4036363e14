from django import forms

from venues.models import Hall


class SeatMapUploadForm(forms.Form):
    hall = forms.ModelChoiceField(queryset=Hall.objects.all())
    csv_file = forms.FileField()
    replace = forms.BooleanField(required=False)
