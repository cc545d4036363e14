from django import forms

from main.models import (Applicant, Application, ApplicationDocument, FeeSchedule, Payment,
                         Student)


class ApplicantForm(forms.ModelForm):
    class Meta:
        model = Applicant
        fields = ('first_name', 'last_name', 'email', 'phone', 'date_of_birth', 'nationality',
                  'address', 'previous_school', 'predicted_grades', 'requires_visa')
        widgets = {'date_of_birth': forms.DateInput(attrs={'type': 'date'})}

    def clean_email(self):
        return self.cleaned_data['email'].strip().lower()


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = ('round', 'programme_code', 'personal_statement', 'fee_status')
        widgets = {'personal_statement': forms.Textarea(attrs={'rows': 12})}

    def __init__(self, *args, **kwargs):
        rounds = kwargs.pop('rounds', None)
        super(ApplicationForm, self).__init__(*args, **kwargs)
        if rounds is not None:
            self.fields['round'].queryset = self.fields['round'].queryset.filter(
                pk__in=[r.pk for r in rounds])

    def clean_personal_statement(self):
        text = self.cleaned_data.get('personal_statement', '')
        if len(text) > 4000:
            raise forms.ValidationError('Personal statement must be under 4000 characters.')
        return text


class DocumentUploadForm(forms.ModelForm):
    MAX_SIZE = 10 * 1024 * 1024

    class Meta:
        model = ApplicationDocument
        fields = ('kind', 'file')

    def clean_file(self):
        f = self.cleaned_data['file']
        if f.size > self.MAX_SIZE:
            raise forms.ValidationError('File too large (max 10MB).')
        if not f.name.lower().endswith(('.pdf', '.jpg', '.jpeg', '.png')):
            raise forms.ValidationError('PDF or image only.')
        return f


class ReviewDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=(('offer', 'Make offer'), ('interview', 'Invite to interview'),
                                          ('reject', 'Reject')))
    offer_type = forms.ChoiceField(choices=(('conditional', 'Conditional'), ('unconditional', 'Unconditional')),
                                   required=False, initial='conditional')
    conditions = forms.CharField(widget=forms.Textarea, required=False)
    notes = forms.CharField(widget=forms.Textarea, required=False)

    def clean(self):
        data = super(ReviewDecisionForm, self).clean()
        if data.get('decision') == 'offer' and data.get('offer_type') == 'conditional' and not data.get('conditions'):
            raise forms.ValidationError('Conditional offers need conditions.')
        return data


class OfferResponseForm(forms.Form):
    response = forms.ChoiceField(choices=(('accept', 'Accept'), ('decline', 'Decline')),
                                 widget=forms.RadioSelect)
    reason = forms.CharField(required=False, max_length=500)
    confirm = forms.BooleanField(required=True, label='I confirm my choice')


class ManualPaymentForm(forms.ModelForm):
    reference = forms.CharField(required=False, max_length=64)

    class Meta:
        model = Payment
        fields = ('amount', 'method')

    def clean_amount(self):
        amount = self.cleaned_data['amount']
        if amount <= 0:
            raise forms.ValidationError('Amount must be positive')
        return amount


class InvoiceAdjustmentForm(forms.Form):
    description = forms.CharField(max_length=255)
    amount = forms.DecimalField(max_digits=10, decimal_places=2,
                                help_text='Negative for a credit')


class FeeScheduleForm(forms.ModelForm):
    class Meta:
        model = FeeSchedule
        fields = ('programme_code', 'academic_year', 'is_international', 'per_credit_fee',
                  'flat_fee', 'deposit_amount', 'full_time_cap')


class StudentSearchForm(forms.Form):
    q = forms.CharField(min_length=2, label='Search')
    status = forms.ChoiceField(choices=(('', 'Any'),) + Student.STATUS_CHOICES, required=False)
