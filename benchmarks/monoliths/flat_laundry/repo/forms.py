"""
forms.py - hand-rolled form validation (we tried WTForms in 2011, didn't stick).
"""
import re

import util
from constants import SECTORS, BILLING_BASES, SOIL_TYPES

_email_re = re.compile(r'^[^@\s]+@[^@\s]+\.[^@\s]+$')
_postcode_re = re.compile(r'^[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}$')


def validate_email(v):
    return bool(v and _email_re.match(v.strip()))


def validate_postcode(v):
    return bool(v and _postcode_re.match(util.clean_postcode(v)))


class Form(object):
    required = ()
    fields = ()

    def __init__(self, data):
        self.data = dict((k, (data.get(k) or '').strip() if isinstance(data.get(k), str) else data.get(k))
                         for k in self.fields)
        self.errors = {}

    def check(self):
        pass

    def is_valid(self):
        self.errors = {}
        for f in self.required:
            if not self.data.get(f):
                self.errors[f] = 'required'
        if not self.errors:
            self.check()
        return not self.errors

    def cleaned(self):
        return dict((k, v) for k, v in self.data.items() if v not in (None, ''))


class CustomerForm(Form):
    required = ('name', 'sector')
    fields = ('name', 'sector', 'billing_email', 'vat_no', 'credit_limit', 'notes', 'account_no')

    def check(self):
        if self.data['sector'] not in SECTORS:
            self.errors['sector'] = 'pick one of ' + ', '.join(SECTORS)
        if self.data.get('billing_email') and not validate_email(self.data['billing_email']):
            self.errors['billing_email'] = 'not an email'
        if self.data.get('credit_limit') and util.to_decimal(self.data['credit_limit']) is None:
            self.errors['credit_limit'] = 'not a number'


class SiteForm(Form):
    required = ('name', 'postcode')
    fields = ('name', 'address1', 'address2', 'town', 'postcode', 'delivery_notes')

    def check(self):
        if not validate_postcode(self.data['postcode']):
            self.errors['postcode'] = 'bad postcode'


class ContractForm(Form):
    required = ('start_date', 'billing_basis')
    fields = ('start_date', 'billing_basis', 'price_list_id', 'min_weekly_charge', 'payment_terms_days')

    def check(self):
        try:
            self.data['start_date'] = util.parse_date(self.data['start_date'])
        except ValueError:
            self.errors['start_date'] = 'bad date'
        if self.data['billing_basis'] not in BILLING_BASES:
            self.errors['billing_basis'] = 'bad basis'


class LinenTypeForm(Form):
    required = ('sku', 'category', 'description', 'weight_g')
    fields = ('sku', 'category', 'description', 'weight_g', 'colour', 'max_washes', 'replacement_cost')

    def check(self):
        if util.to_int(self.data['weight_g']) <= 0:
            self.errors['weight_g'] = 'weight must be > 0'


class DeliveryForm(Form):
    required = ('site_id', 'delivery_date')
    fields = ('site_id', 'delivery_date', 'route_id')

    def check(self):
        try:
            self.data['delivery_date'] = util.parse_date(self.data['delivery_date'])
        except ValueError:
            self.errors['delivery_date'] = 'bad date'


class CollectionForm(Form):
    required = ('site_id', 'driver_id')
    fields = ('site_id', 'driver_id', 'route_id', 'signed_by', 'bags')

    def check(self):
        for b in self.data.get('bags') or []:
            if b.get('soil_type', 'normal') not in SOIL_TYPES:
                self.errors['bags'] = 'bad soil type %s' % b.get('soil_type')


class PaymentForm(Form):
    required = ('invoice_id', 'amount')
    fields = ('invoice_id', 'amount', 'paid_on', 'method', 'reference')

    def check(self):
        if util.to_decimal(self.data['amount']) is None:
            self.errors['amount'] = 'not a number'
        if self.data.get('method') and self.data['method'] not in ('bacs', 'cheque', 'card'):
            self.errors['method'] = 'bad method'


class ComplaintForm(Form):
    required = ('customer_id', 'category', 'description')
    fields = ('customer_id', 'site_id', 'delivery_id', 'category', 'description', 'credit_requested')


class StaffForm(Form):
    required = ('first_name', 'last_name', 'role')
    fields = ('first_name', 'last_name', 'role', 'depot', 'phone', 'email', 'hourly_rate', 'start_date')

    def check(self):
        if self.data['role'] not in ('driver', 'operator', 'supervisor', 'office'):
            self.errors['role'] = 'bad role'
        if self.data.get('email') and not validate_email(self.data['email']):
            self.errors['email'] = 'not an email'
