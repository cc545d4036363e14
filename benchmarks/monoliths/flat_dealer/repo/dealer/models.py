# -*- coding: utf-8 -*-
# Plain model classes. Not an ORM! Just enough to stop passing dicts around.
# (original author: PK, 2009. Extended by everyone since.)
import datetime

import db
import utils


class BaseModel(object):
    table = None
    fields = ()

    def __init__(self, **kw):
        self.id = kw.pop('id', None)
        for f in self.fields:
            setattr(self, f, kw.get(f))

    @classmethod
    def from_row(cls, row):
        if row is None:
            return None
        obj = cls(**row)
        return obj

    @classmethod
    def get(cls, pk):
        return cls.from_row(db.query_one('SELECT * FROM ' + cls.table + ' WHERE id = %s', (pk,)))

    @classmethod
    def find(cls, where='1=1', params=None, order='id'):
        sql = 'SELECT * FROM %s WHERE %s ORDER BY %s' % (cls.table, where, order)
        return [cls.from_row(r) for r in db.query(sql, params)]

    def to_dict(self):
        d = {'id': self.id}
        for f in self.fields:
            d[f] = getattr(self, f, None)
        return d

    def save(self):
        data = {}
        for k, v in self.to_dict().iteritems():
            if k != 'id':
                data[k] = v
        if self.id:
            db.update(self.table, self.id, data)
        else:
            self.id = db.insert(self.table, data)
        return self.id

    def delete(self):
        if self.id:
            db.execute('DELETE FROM ' + self.table + ' WHERE id = %s', (self.id,))

    def __repr__(self):
        return '<%s %s>' % (self.__class__.__name__, self.id)


class Employee(BaseModel):
    table = 'employees'
    fields = ('username', 'pw_hash', 'first_name', 'last_name', 'role', 'department',
              'email', 'base_salary', 'hourly_rate', 'commission_plan_id', 'active',
              'started_on', 'left_on')

    @property
    def full_name(self):
        return u'%s %s' % (self.first_name or '', self.last_name or '')

    @classmethod
    def by_role(cls, role):
        return cls.find('role = %s AND active = 1', (role,), 'last_name')


class Customer(BaseModel):
    table = 'customers'
    fields = ('title', 'first_name', 'last_name', 'company', 'email', 'phone', 'mobile',
              'address1', 'address2', 'town', 'postcode', 'dob', 'source', 'owner_id',
              'created_at', 'merged_into')

    @property
    def display_name(self):
        if self.company:
            return self.company
        return u' '.join(x for x in (self.title, self.first_name, self.last_name) if x)

    def save(self):
        if self.email:
            self.email = self.email.strip().lower()
        self.postcode = utils.normalise_postcode(self.postcode)
        if not self.created_at:
            self.created_at = datetime.datetime.now()
        return BaseModel.save(self)

    def notes(self):
        return db.query('SELECT * FROM customer_notes WHERE customer_id = %s '
                        'ORDER BY created_at DESC', (self.id,))


class Vehicle(BaseModel):
    table = 'vehicles'
    fields = ('stock_no', 'vin', 'reg', 'make', 'model', 'derivative', 'year', 'colour',
              'fuel', 'mileage', 'is_new', 'status', 'purchase_price', 'retail_price',
              'location_id', 'arrived_on', 'sold_on', 'source', 'owner_customer_id')

    @property
    def title(self):
        return u'%s %s %s' % (self.make, self.model, self.derivative or '')

    @property
    def days_in_stock(self):
        if not self.arrived_on:
            return 0
        end = self.sold_on or datetime.date.today()
        return (end - self.arrived_on).days

    def total_cost(self):
        extra = db.query_value('SELECT COALESCE(SUM(amount),0) AS t FROM vehicle_costs '
                               'WHERE vehicle_id = %s', (self.id,), 0)
        return (self.purchase_price or 0) + extra

    def options(self):
        return db.query('SELECT * FROM vehicle_options WHERE vehicle_id = %s', (self.id,))


class Quote(BaseModel):
    table = 'quotes'
    fields = ('customer_id', 'vehicle_id', 'salesperson_id', 'price', 'discount',
              'appraisal_id', 'status', 'valid_until', 'created_at')

    def lines(self):
        return db.query('SELECT * FROM quote_lines WHERE quote_id = %s', (self.id,))

    def total(self):
        t = utils.to_decimal(self.price, 0) - utils.to_decimal(self.discount, 0)
        for l in self.lines():
            t += utils.to_decimal(l['amount'], 0)
        return utils.round_money(t)

    def is_expired(self):
        return self.valid_until and self.valid_until < datetime.date.today()


class Deal(BaseModel):
    table = 'deals'
    fields = ('deal_no', 'quote_id', 'customer_id', 'vehicle_id', 'salesperson_id',
              'fi_manager_id', 'sale_price', 'trade_in_id', 'finance_app_id',
              'front_gross', 'back_gross', 'status', 'signed_at', 'delivered_at')

    def fees(self):
        return db.query('SELECT * FROM deal_fees WHERE deal_id = %s', (self.id,))

    def total_gross(self):
        return (self.front_gross or 0) + (self.back_gross or 0)


class Appraisal(BaseModel):
    table = 'appraisals'
    fields = ('customer_id', 'reg', 'vin', 'make', 'model', 'year', 'mileage',
              'appraiser_id', 'book_value', 'recon_estimate', 'offer', 'status', 'created_at')

    def damage(self):
        return db.query('SELECT * FROM appraisal_damage WHERE appraisal_id = %s', (self.id,))

    def damage_total(self):
        return sum([d['cost_estimate'] or 0 for d in self.damage()])


class Lender(BaseModel):
    table = 'lenders'
    fields = ('name', 'api_url', 'dealer_code', 'commission_pct', 'active')


class FinanceApplication(BaseModel):
    table = 'finance_applications'
    fields = ('customer_id', 'vehicle_id', 'lender_id', 'product', 'amount', 'deposit',
              'term_months', 'balloon', 'apr', 'status', 'submitted_at', 'fi_manager_id')

    def monthly_payment(self):
        return utils.calc_monthly_payment(self.amount, self.apr, self.term_months, self.balloon)


class RepairOrder(BaseModel):
    table = 'repair_orders'
    fields = ('ro_no', 'customer_id', 'vehicle_id', 'advisor_id', 'pay_type', 'status',
              'mileage_in', 'opened_at', 'closed_at', 'total')

    def labour(self):
        return db.query('SELECT * FROM ro_labour WHERE ro_id = %s', (self.id,))

    def parts(self):
        return db.query('SELECT * FROM ro_parts WHERE ro_id = %s', (self.id,))

    def is_internal(self):
        return self.pay_type == 'I'


class Supplier(BaseModel):
    table = 'suppliers'
    fields = ('name', 'account_no', 'email', 'lead_days')


class Part(BaseModel):
    table = 'parts'
    fields = ('part_no', 'description', 'supplier_id', 'cost', 'retail', 'bin',
              'min_qty', 'max_qty', 'superseded_by')

    def stock(self):
        row = db.query_one('SELECT * FROM part_stock WHERE part_id = %s', (self.id,))
        if row is None:
            return {'qty_on_hand': 0, 'qty_reserved': 0, 'qty_on_order': 0}
        return row

    def available(self):
        s = self.stock()
        return (s['qty_on_hand'] or 0) - (s['qty_reserved'] or 0)


def model_for_table(table):
    for cls in BaseModel.__subclasses__():
        if cls.table == table:
            return cls
    print "WARNING: no model for table", table
    return None
