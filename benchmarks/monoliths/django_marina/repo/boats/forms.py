from django import forms

from boats.models import Boat, JobTemplate, Owner, WorkOrder
from shop.models import Product
from staff.models import StaffMember
from utils.misc import normalize_phone


class OwnerForm(forms.ModelForm):
    class Meta:
        model = Owner
        exclude = ('user', 'account_ref', 'archived')

    def clean_phone(self):
        return normalize_phone(self.cleaned_data.get('phone'))


class BoatForm(forms.ModelForm):
    class Meta:
        model = Boat
        exclude = ()


class WorkOrderForm(forms.Form):
    description = forms.CharField(widget=forms.Textarea)
    template = forms.ModelChoiceField(JobTemplate.objects.filter(active=True), required=False)
    quoted_amount = forms.DecimalField(required=False)
    due_date = forms.DateField(required=False)


class LabourForm(forms.Form):
    staff = forms.ModelChoiceField(StaffMember.objects.filter(left__isnull=True, role='yard'))
    hours = forms.DecimalField(max_digits=5, decimal_places=2)
    note = forms.CharField(required=False)


class PartForm(forms.Form):
    product = forms.ModelChoiceField(Product.objects.filter(active=True), required=False)
    description = forms.CharField(required=False)
    quantity = forms.DecimalField(initial=1)
    unit_price = forms.DecimalField(required=False)


class HaulOutForm(forms.Form):
    work_order = forms.ModelChoiceField(WorkOrder.objects.exclude(status__in=('invoiced', 'cancelled')), required=False)
    after = forms.DateTimeField(required=False)
    pressure_wash = forms.BooleanField(required=False, initial=True)
