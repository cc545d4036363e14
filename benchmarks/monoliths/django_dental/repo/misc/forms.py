from django import forms

from misc.models import PatientDocument, PurchaseOrder, StaffQualification, SupplyItem


class StockAdjustForm(forms.Form):
    item = forms.ModelChoiceField(queryset=SupplyItem.objects.filter(is_active=True))
    delta = forms.IntegerField()
    reason = forms.ChoiceField(choices=[('adjust', 'Adjustment'), ('expired', 'Expired'), ('sale', 'Retail sale'),
                                        ('transfer', 'Transfer')])
    reference = forms.CharField(required=False)


class PurchaseOrderForm(forms.ModelForm):
    class Meta:
        model = PurchaseOrder
        fields = ['supplier', 'notes']


class DocumentUploadForm(forms.ModelForm):
    class Meta:
        model = PatientDocument
        fields = ['kind', 'file', 'description']


class QualificationForm(forms.ModelForm):
    class Meta:
        model = StaffQualification
        exclude = ('staff',)
