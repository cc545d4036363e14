"""Plain model classes.  No ORM - each class knows its own SQL."""
import db
import utils


class ModelError(Exception):
    pass


def row_to_model(cls, row):
    if row is None:
        return None
    obj = cls()
    for k, v in row.items():
        setattr(obj, k, v)
    return obj


class BaseModel(object):
    fields = ()

    def __init__(self, **kw):
        self.id = None
        for f in self.fields:
            setattr(self, f, kw.get(f))

    def to_dict(self):
        d = {'id': self.id}
        for f in self.fields:
            d[f] = getattr(self, f, None)
        return d

    def __repr__(self):
        return '<%s %s>' % (self.__class__.__name__, self.id)


class User(BaseModel):
    fields = ('username', 'full_name', 'email', 'active', 'last_login')

    @classmethod
    def get(cls, user_id):
        row = db.query_one('SELECT * FROM users WHERE id = ?', (user_id,))
        return row_to_model(cls, row)

    @classmethod
    def by_username(cls, username):
        row = db.query_one('SELECT * FROM users WHERE username = ? AND active = 1', (username,))
        return row_to_model(cls, row)

    def roles(self):
        rows = db.query_all('SELECT r.name FROM roles r JOIN user_roles ur ON ur.role_id = r.id '
                            'WHERE ur.user_id = ?', (self.id,))
        return [r['name'] for r in rows]


class Customer(BaseModel):
    fields = ('customer_type', 'first_name', 'last_name', 'company_name', 'id_number',
              'phone', 'mobile', 'email', 'mailing_address', 'status')

    @classmethod
    def get(cls, cid):
        return row_to_model(cls, db.query_one('SELECT * FROM customers WHERE id = ?', (cid,)))

    @property
    def display_name(self):
        if self.customer_type in ('COM', 'IND', 'GOV') and self.company_name:
            return self.company_name
        return ('%s %s' % (self.first_name or '', self.last_name or '')).strip()

    def save(self):
        data = dict((f, getattr(self, f)) for f in self.fields)
        data['phone'] = utils.normalize_phone(data.get('phone'))
        data['mobile'] = utils.normalize_phone(data.get('mobile'))
        if self.id:
            db.execute('UPDATE customers SET customer_type=?, first_name=?, last_name=?, company_name=?, '
                       'id_number=?, phone=?, mobile=?, email=?, mailing_address=?, status=? WHERE id=?',
                       tuple(data[f] for f in self.fields) + (self.id,))
        else:
            self.id = db.execute('INSERT INTO customers (customer_type, first_name, last_name, company_name, '
                                 'id_number, phone, mobile, email, mailing_address, status) '
                                 'VALUES (?,?,?,?,?,?,?,?,?,?)', tuple(data[f] for f in self.fields))
        return self

    def accounts(self):
        return db.query_all('SELECT * FROM accounts WHERE customer_id = ? ORDER BY opened_on DESC', (self.id,))


class Premise(BaseModel):
    fields = ('street_no', 'street', 'suburb', 'zone_code', 'erf_number', 'property_class',
              'latitude', 'longitude')

    @classmethod
    def get(cls, pid):
        return row_to_model(cls, db.query_one('SELECT * FROM premises WHERE id = ?', (pid,)))

    @property
    def address(self):
        return ' '.join(x for x in (self.street_no, self.street, self.suburb) if x)


class Account(BaseModel):
    fields = ('account_no', 'customer_id', 'premise_id', 'tariff_id', 'status', 'billing_cycle',
              'deposit_amount', 'paperless', 'indigent', 'medical_hold', 'opened_on', 'closed_on')

    @classmethod
    def get(cls, aid):
        return row_to_model(cls, db.query_one('SELECT * FROM accounts WHERE id = ?', (aid,)))

    @classmethod
    def by_number(cls, account_no):
        return row_to_model(cls, db.query_one('SELECT * FROM accounts WHERE account_no = ?',
                                              (utils.format_account_no(account_no),)))

    def customer(self):
        return Customer.get(self.customer_id)

    def premise(self):
        return Premise.get(self.premise_id)

    def balance(self):
        # view does the sums
        row = db.query_one('SELECT balance FROM v_account_balance WHERE account_id = ?', (self.id,))
        return utils.round_money(row['balance'] if row else 0)

    def is_active(self):
        return self.status == 'ACTIVE'


class ServiceConnection(BaseModel):
    fields = ('connection_no', 'premise_id', 'connection_type', 'pipe_size_mm', 'zone_code',
              'route_id', 'route_seq', 'status', 'installed_on')

    @classmethod
    def get(cls, cid):
        return row_to_model(cls, db.query_one('SELECT * FROM service_connections WHERE id = ?', (cid,)))

    def current_meter(self):
        return db.query_one('SELECT * FROM v_current_meter WHERE connection_id = ?', (self.id,))


class Meter(BaseModel):
    fields = ('serial_no', 'make', 'model', 'size_mm', 'dials', 'multiplier', 'status', 'purchased_on')

    @classmethod
    def get(cls, mid):
        return row_to_model(cls, db.query_one('SELECT * FROM meters WHERE id = ?', (mid,)))

    @classmethod
    def by_serial(cls, serial):
        return row_to_model(cls, db.query_one('SELECT * FROM meters WHERE serial_no = ?',
                                              (serial.strip().upper(),)))


class Tariff(BaseModel):
    fields = ('code', 'name', 'customer_class', 'fixed_charge', 'sewer_pct', 'effective_from',
              'effective_to', 'active')

    @classmethod
    def get(cls, tid):
        return row_to_model(cls, db.query_one('SELECT * FROM tariffs WHERE id = ?', (tid,)))

    def blocks(self):
        return db.query_all('SELECT * FROM tariff_blocks WHERE tariff_id = ? ORDER BY block_no', (self.id,))


class Bill(BaseModel):
    fields = ('bill_no', 'account_id', 'run_id', 'bill_date', 'due_date', 'period_start', 'period_end',
              'consumption_kl', 'amount_water', 'amount_sewer', 'amount_fixed', 'amount_tax', 'total',
              'balance_forward', 'status')

    @classmethod
    def get(cls, bid):
        return row_to_model(cls, db.query_one('SELECT * FROM bills WHERE id = ?', (bid,)))

    def lines(self):
        return db.query_all('SELECT * FROM bill_lines WHERE bill_id = ? ORDER BY id', (self.id,))

    def amount_paid(self):
        return utils.round_money(db.query_scalar(
            'SELECT SUM(amount) FROM payment_allocations WHERE bill_id = ?', (self.id,), 0))

    def amount_due(self):
        return utils.round_money(self.total) - self.amount_paid()


class Payment(BaseModel):
    fields = ('account_id', 'batch_id', 'amount', 'method', 'reference', 'received_at', 'status',
              'captured_by')

    @classmethod
    def get(cls, pid):
        return row_to_model(cls, db.query_one('SELECT * FROM payments WHERE id = ?', (pid,)))

    def allocations(self):
        return db.query_all('SELECT * FROM payment_allocations WHERE payment_id = ?', (self.id,))


class PaymentPlan(BaseModel):
    fields = ('account_id', 'total_amount', 'installments', 'start_date', 'status', 'created_by')

    @classmethod
    def get(cls, pid):
        return row_to_model(cls, db.query_one('SELECT * FROM payment_plans WHERE id = ?', (pid,)))

    def installments_due(self):
        return db.query_all("SELECT * FROM plan_installments WHERE plan_id = ? AND status != 'PAID' "
                            "ORDER BY seq", (self.id,))


class WorkOrder(BaseModel):
    fields = ('wo_no', 'wo_type', 'priority', 'status', 'premise_id', 'connection_id', 'account_id',
              'description', 'source', 'source_ref', 'assigned_crew_id', 'scheduled_for',
              'created_by', 'created_at', 'completed_at', 'completion_notes')

    @classmethod
    def get(cls, wid):
        return row_to_model(cls, db.query_one('SELECT * FROM work_orders WHERE id = ?', (wid,)))

    def is_open(self):
        return self.status not in ('DONE', 'CANCELLED')

    def materials(self):
        return db.query_all('SELECT * FROM work_order_materials WHERE work_order_id = ?', (self.id,))


class Crew(BaseModel):
    fields = ('name', 'depot', 'supervisor_id', 'active')

    @classmethod
    def get(cls, cid):
        return row_to_model(cls, db.query_one('SELECT * FROM crews WHERE id = ?', (cid,)))

    def members(self):
        return db.query_all('SELECT * FROM crew_members WHERE crew_id = ?', (self.id,))


class SamplingPoint(BaseModel):
    fields = ('code', 'description', 'zone_code', 'point_type', 'frequency_days', 'latitude',
              'longitude', 'active')

    @classmethod
    def get(cls, pid):
        return row_to_model(cls, db.query_one('SELECT * FROM sampling_points WHERE id = ?', (pid,)))


class LabSample(BaseModel):
    fields = ('sample_no', 'point_id', 'scheduled_for', 'collected_at', 'collected_by',
              'work_order_id', 'received_at', 'lab_ref', 'status')

    @classmethod
    def get(cls, sid):
        return row_to_model(cls, db.query_one('SELECT * FROM lab_samples WHERE id = ?', (sid,)))

    def results(self):
        return db.query_all('SELECT r.*, p.code, p.name, p.unit FROM sample_results r '
                            'JOIN quality_parameters p ON p.id = r.parameter_id WHERE r.sample_id = ?',
                            (self.id,))


class Complaint(BaseModel):
    fields = ('ref_no', 'account_id', 'premise_id', 'category_id', 'channel', 'caller_name',
              'caller_phone', 'description', 'status', 'assigned_to', 'work_order_id',
              'received_at', 'received_by', 'due_at', 'closed_at', 'resolution')

    @classmethod
    def get(cls, cid):
        return row_to_model(cls, db.query_one('SELECT * FROM complaints WHERE id = ?', (cid,)))

    def actions(self):
        return db.query_all('SELECT * FROM complaint_actions WHERE complaint_id = ? ORDER BY created_at',
                            (self.id,))
