"""
"Models".  Not an ORM - MR wanted SQLAlchemy in 2012 and lost that argument.
These are thin wrappers over rows so templates can do patient.full_name.
Most new code just uses the dict rows directly.
"""
import datetime

from dbconn import query, query_one
import common
import dt_helpers


class BaseModel(object):
    table = None
    fields = ()

    def __init__(self, **kw):
        for f in self.fields:
            setattr(self, f, kw.get(f))
        self._extra = dict((k, v) for k, v in kw.items() if k not in self.fields)

    @classmethod
    def from_row(cls, row):
        if row is None:
            return None
        return cls(**row)

    @classmethod
    def get(cls, id_):
        row = query_one("SELECT * FROM " + cls.table + " WHERE id = %s", (id_,))
        return cls.from_row(row)

    def to_dict(self):
        d = dict((f, getattr(self, f)) for f in self.fields)
        d.update(self._extra)
        return d

    def __repr__(self):
        return '<%s %s>' % (self.__class__.__name__, getattr(self, 'id', '?'))


class Patient(BaseModel):
    table = 'patients'
    fields = ('id', 'first_name', 'last_name', 'dob', 'gender', 'phone', 'mobile',
              'email', 'preferred_branch_id', 'merged_into_id', 'active')

    @property
    def full_name(self):
        return common.format_name(self.first_name, self.last_name, style='first_last')

    @property
    def age(self):
        return dt_helpers.age_in_years(self.dob)

    def allergies(self):
        return query("SELECT * FROM patient_allergies WHERE patient_id = %s", (self.id,))

    def is_minor(self):
        return self.age is not None and self.age < 18


class Prescriber(BaseModel):
    table = 'prescribers'
    fields = ('id', 'npi', 'dea_number', 'first_name', 'last_name', 'practice_name', 'phone', 'fax')

    @property
    def display(self):
        return 'Dr. %s %s' % (self.first_name or '', self.last_name or '')

    @classmethod
    def by_npi(cls, npi):
        return cls.from_row(query_one("SELECT * FROM prescribers WHERE npi = %s", (npi,)))


class Prescription(BaseModel):
    table = 'prescriptions'
    fields = ('id', 'rx_number', 'patient_id', 'prescriber_id', 'branch_id', 'written_date',
              'received_at', 'source', 'status', 'hold_reason')

    def items(self):
        rows = query("SELECT * FROM prescription_items WHERE prescription_id = %s", (self.id,))
        return [RxItem.from_row(r) for r in rows]

    def is_expired(self):
        # schedule II: 90 days in our state, everything else 1 year
        if not self.written_date:
            return False
        return (dt_helpers.today() - self.written_date).days > 365


class RxItem(BaseModel):
    table = 'prescription_items'
    fields = ('id', 'prescription_id', 'product_id', 'sig', 'quantity', 'days_supply',
              'refills_authorized', 'refills_used', 'daw_code', 'status', 'last_filled_at',
              'next_due_date')

    @property
    def refills_left(self):
        return (self.refills_authorized or 0) - (self.refills_used or 0)


class DispenseEvent(BaseModel):
    table = 'dispense_events'
    fields = ('id', 'prescription_item_id', 'patient_id', 'branch_id', 'product_id', 'batch_id',
              'collection_order_id', 'quantity', 'status', 'filled_by', 'filled_at',
              'verified_by', 'verified_at', 'collected_at', 'price', 'copay', 'bin_location')

    def is_ready(self):
        return self.status in ('VERIFIED', 'READY')

    def waiting_days(self):
        if not self.verified_at:
            return 0
        return (datetime.datetime.now() - self.verified_at).days


class Product(BaseModel):
    table = 'products'
    fields = ('id', 'ndc', 'upc', 'name', 'strength', 'form', 'pack_size', 'manufacturer',
              'active_ingredient', 'dea_schedule', 'is_generic', 'unit_cost', 'discontinued')

    @property
    def display_name(self):
        return ' '.join(x for x in (self.name, self.strength, self.form) if x)

    @property
    def ndc_formatted(self):
        n = self.ndc or ''
        return '%s-%s-%s' % (n[:5], n[5:9], n[9:]) if len(n) == 11 else n


class Supplier(BaseModel):
    table = 'suppliers'
    fields = ('id', 'name', 'account_number', 'edi_id', 'email', 'phone',
              'payment_terms_days', 'lead_time_days', 'min_order_value', 'active')

    def uses_edi(self):
        return bool(self.edi_id)


class PurchaseOrder(BaseModel):
    """row from `orders` (supplier orders)"""
    table = 'orders'
    fields = ('id', 'order_number', 'supplier_id', 'branch_id', 'status', 'auto_generated',
              'created_at', 'submitted_at', 'expected_date', 'total_cost', 'edi_ack')

    def lines(self):
        return query("SELECT * FROM order_lines WHERE order_id = %s", (self.id,))

    def is_open(self):
        return self.status in ('SUBMITTED', 'ACKED', 'PARTIAL')


class Claim(BaseModel):
    table = 'claims'
    fields = ('id', 'claim_number', 'dispense_event_id', 'coverage_id', 'status', 'attempts',
              'submitted_at', 'response_code', 'reject_codes', 'amount_billed', 'amount_paid', 'copay')

    def reject_code_list(self):
        return [c for c in (self.reject_codes or '').split(',') if c]


class LoyaltyMember(BaseModel):
    table = 'loyalty_members'
    fields = ('id', 'patient_id', 'card_number', 'tier', 'points_balance', 'status', 'enrolled_at')

    @classmethod
    def for_patient(cls, patient_id):
        return cls.from_row(query_one("SELECT * FROM loyalty_members WHERE patient_id = %s", (patient_id,)))

    @property
    def tier_label(self):
        return common.loyalty_tier_label(self.tier)


class StaffMember(BaseModel):
    table = 'staff'
    fields = ('id', 'branch_id', 'username', 'first_name', 'last_name', 'role', 'email', 'active')

    def is_pharmacist(self):
        return self.role == 'pharmacist'
