from django import forms

from clinic.helpers import is_valid_tooth
from clinic.models import ChartEntry, ClinicalNote, ConsentForm, LabOrder


class ChartEntryForm(forms.ModelForm):
    class Meta:
        model = ChartEntry
        fields = ['procedure', 'condition_code', 'tooth', 'surfaces', 'status', 'notes']

    def clean_tooth(self):
        t = self.cleaned_data.get('tooth', '').strip()
        if t and not is_valid_tooth(t):
            raise forms.ValidationError('Not a valid tooth number')
        return t


class ClinicalNoteForm(forms.ModelForm):
    class Meta:
        model = ClinicalNote
        fields = ['body', 'template_used']
        widgets = {'body': forms.Textarea(attrs={'rows': 10}), 'template_used': forms.HiddenInput()}


class ConsentSignForm(forms.ModelForm):
    signature_data = forms.CharField(widget=forms.HiddenInput())  # base64 png from the signature pad

    class Meta:
        model = ConsentForm
        fields = ['form_type', 'signed_by_name', 'plan']


class LabOrderForm(forms.ModelForm):
    class Meta:
        model = LabOrder
        fields = ['lab', 'work_type', 'teeth', 'shade', 'material', 'instructions', 'fit_appointment']
        widgets = {'instructions': forms.Textarea(attrs={'rows': 4})}

    def clean_teeth(self):
        teeth = [t.strip() for t in self.cleaned_data['teeth'].split(',') if t.strip()]
        bad = [t for t in teeth if not is_valid_tooth(t)]
        if bad:
            raise forms.ValidationError('Invalid teeth: %s' % ', '.join(bad))
        return ','.join(teeth)
