from decimal import Decimal

from django import forms

from academics.models import ResidenceHall, Room
from main.models import Student
from portal.models import HousingApplication, RoomSwapRequest


class HousingApplicationForm(forms.ModelForm):
    class Meta:
        model = HousingApplication
        fields = ('first_choice_hall', 'second_choice_hall', 'room_type', 'needs_accessible', 'medical_notes')
        widgets = {'medical_notes': forms.Textarea(attrs={'rows': 3})}

    def __init__(self, *args, **kwargs):
        super(HousingApplicationForm, self).__init__(*args, **kwargs)
        halls = ResidenceHall.objects.filter(is_active=True)
        self.fields['first_choice_hall'].queryset = halls
        self.fields['second_choice_hall'].queryset = halls
        self.fields['room_type'] = forms.ChoiceField(choices=(('', 'No preference'),) + Room.ROOM_TYPES,
                                                     required=False)

    def clean(self):
        data = super(HousingApplicationForm, self).clean()
        first, second = data.get('first_choice_hall'), data.get('second_choice_hall')
        if first and second and first == second:
            raise forms.ValidationError('Choose two different halls (or leave the second blank).')
        return data


class RoomSwapForm(forms.ModelForm):
    swap_with_number = forms.CharField(required=False, label="Swap with (student number)")

    class Meta:
        model = RoomSwapRequest
        fields = ('wanted_room', 'reason')

    def clean(self):
        data = super(RoomSwapForm, self).clean()
        number = data.get('swap_with_number')
        if number:
            data['swap_with'] = Student.objects.filter(student_number=number).first()
            if data['swap_with'] is None:
                raise forms.ValidationError('Unknown student number')
        if not data.get('wanted_room') and not number:
            raise forms.ValidationError('Pick a room or a student to swap with')
        return data


class OnlinePaymentForm(forms.Form):
    amount = forms.DecimalField(max_digits=10, decimal_places=2, min_value=Decimal('1.00'))

    def __init__(self, *args, **kwargs):
        self.invoice = kwargs.pop('invoice')
        super(OnlinePaymentForm, self).__init__(*args, **kwargs)
        self.fields['amount'].initial = self.invoice.balance

    def clean_amount(self):
        amount = self.cleaned_data['amount']
        if amount > self.invoice.balance:
            raise forms.ValidationError('You cannot pay more than the balance')
        return amount


class ContactDetailsForm(forms.ModelForm):
    class Meta:
        model = Student
        fields = ('preferred_name', 'personal_email', 'phone', 'term_address', 'home_address')
