from django import forms

from venues.models import Hall, Venue


class VenueForm(forms.ModelForm):
    class Meta:
        model = Venue
        fields = ["name", "slug", "address_line", "city", "postcode", "phone", "facilities"]


class SeatMapUploadForm(forms.Form):
    hall = forms.ModelChoiceField(queryset=Hall.objects.all())
    csv_file = forms.FileField()
    replace = forms.BooleanField(required=False)
