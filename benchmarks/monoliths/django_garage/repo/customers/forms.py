from django import forms

from common.forms import BootstrapFormMixin
from common.utils import UK_REG_RE, normalise_reg
from customers.models import Campaign, ContactNote, Customer, FleetAccount, Vehicle


class CustomerForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Customer
        fields = ('title', 'first_name', 'last_name', 'email', 'phone', 'address_line1', 'address_line2',
                  'town', 'postcode', 'date_of_birth', 'fleet_account', 'marketing_opt_out')

    def clean(self):
        data = super(CustomerForm, self).clean()
        if not data.get('email') and not data.get('phone'):
            raise forms.ValidationError('We need at least a phone number or an email')
        return data


class VehicleForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Vehicle
        fields = ('registration', 'vin', 'make', 'model', 'year', 'fuel', 'engine_cc', 'colour',
                  'mileage', 'mot_due', 'service_due', 'first_registered')

    def clean_registration(self):
        reg = normalise_reg(self.cleaned_data['registration'])
        if not UK_REG_RE.match(reg) and not self.data.get('allow_odd_plate'):
            # private plates etc. -- front desk can tick the box
            raise forms.ValidationError('Does not look like a current-format UK plate')
        qs = Vehicle.objects.filter(registration=reg)
        if self.instance.pk:
            qs = qs.exclude(pk=self.instance.pk)
        if qs.exists():
            raise forms.ValidationError('Vehicle %s already on file' % reg)
        return reg

    def clean_vin(self):
        vin = (self.cleaned_data.get('vin') or '').upper().strip()
        if vin and len(vin) != 17:
            raise forms.ValidationError('VIN must be 17 characters')
        return vin


class FleetAccountForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = FleetAccount
        fields = ('company_name', 'account_number', 'contact_email', 'credit_limit',
                  'payment_terms_days', 'discount_percent', 'on_stop')


class ContactNoteForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = ContactNote
        fields = ('channel', 'body', 'follow_up_on')


class TransferOwnershipForm(BootstrapFormMixin, forms.Form):
    new_owner = forms.ModelChoiceField(queryset=Customer.objects.all())
    mileage = forms.IntegerField(min_value=0, required=False)


class CampaignForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ('name', 'channel', 'subject', 'body_template', 'segment', 'bonus_points',
                  'coupon_value', 'scheduled_for')

    def clean_body_template(self):
        from django.template import Template, TemplateSyntaxError
        body = self.cleaned_data['body_template']
        try:
            Template(body)
        except TemplateSyntaxError as e:
            raise forms.ValidationError('Template error: %s' % e)
        return body


class RedeemPointsForm(BootstrapFormMixin, forms.Form):
    points = forms.IntegerField(min_value=100)
    invoice_number = forms.CharField(required=False)
    note = forms.CharField(required=False)


class ManualPointsAdjustmentForm(BootstrapFormMixin, forms.Form):
    points = forms.IntegerField()
    reason = forms.CharField(max_length=200)
