from django import forms

from core.models import InsurancePolicy, MedicalHistory, Patient, TreatmentPlan, TreatmentPlanItem


class PatientForm(forms.ModelForm):
    class Meta:
        model = Patient
        exclude = ('practice', 'chart_number', 'merged_into', 'registered_on', 'created', 'modified')
        widgets = {'date_of_birth': forms.DateInput(attrs={'type': 'date'}),
                   'notes': forms.Textarea(attrs={'rows': 3})}

    def clean_zip_code(self):
        z = self.cleaned_data.get('zip_code', '').strip()
        if z and not (len(z) == 5 or len(z) == 10):
            raise forms.ValidationError('Zip must be 5 or 9 digits')
        return z


class MedicalHistoryForm(forms.ModelForm):
    class Meta:
        model = MedicalHistory
        exclude = ('patient', 'last_reviewed', 'reviewed_by')


class TreatmentPlanForm(forms.ModelForm):
    class Meta:
        model = TreatmentPlan
        fields = ['title', 'dentist', 'notes']


class TreatmentPlanItemForm(forms.ModelForm):
    class Meta:
        model = TreatmentPlanItem
        fields = ['procedure', 'tooth', 'surfaces', 'phase']

    def clean(self):
        cd = super().clean()
        proc = cd.get('procedure')
        if proc and proc.requires_tooth and not cd.get('tooth'):
            self.add_error('tooth', 'This procedure needs a tooth number')
        return cd


class InsurancePolicyForm(forms.ModelForm):
    class Meta:
        model = InsurancePolicy
        exclude = ('patient', 'used_this_year')


class ClaimFilterForm(forms.Form):
    status = forms.ChoiceField(required=False, choices=[('', 'Any')] + [
        ('ready', 'Ready'), ('submitted', 'Submitted'), ('rejected', 'Rejected'), ('part_paid', 'Part paid')])
    company = forms.IntegerField(required=False)
    older_than_days = forms.IntegerField(required=False)
