"""
models.py - table classes on top of db.Model.
Started by RW as 'the ORM', half the code still uses raw SQL instead. Use these
for simple lookups.
"""
import datetime

import db
from db import Model, fetch_all, fetch_one, fetch_value, run


class Customer(Model):
    table = 'customers'
    order_by = 'name'

    def sites(self):
        return Site.find(customer_id=self.id)

    def live_contract(self):
        return Contract.find_one(customer_id=self.id, status='live')

    def balance(self):
        return fetch_value('SELECT balance FROM v_customer_balance WHERE customer_id = %s',
                           (self.id,), 0)

    def put_on_stop(self, reason=''):
        self.update(on_stop=True, notes=(self.notes or '') + '\nON STOP: ' + reason)


class Site(Model):
    table = 'customer_sites'
    order_by = 'name'

    @property
    def customer(self):
        return Customer.get(self.customer_id)

    def contacts(self):
        return fetch_all('SELECT * FROM contacts WHERE site_id = %s ORDER BY name', (self.id,))

    def address_lines(self):
        return [x for x in (self.address1, self.address2, self.town, self.postcode) if x]


class Contract(Model):
    table = 'contracts'

    def lines(self):
        return fetch_all(
            'SELECT cl.*, lt.sku, lt.description FROM contract_lines cl '
            'JOIN linen_types lt ON lt.id = cl.linen_type_id WHERE cl.contract_id = %s',
            (self.id,))

    def is_live(self, on=None):
        on = on or datetime.date.today()
        if self.status != 'live':
            return False
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)


class LinenType(Model):
    table = 'linen_types'
    order_by = 'sku'

    @classmethod
    def by_sku(cls, sku):
        return cls.find_one(sku=sku.upper())

    @classmethod
    def active(cls):
        return cls.find(active=True)


class StockLevel(Model):
    table = 'stock_levels'


class Van(Model):
    table = 'vans'
    order_by = 'reg_no'


class Route(Model):
    table = 'routes'
    order_by = 'code'

    def stops(self):
        return fetch_all(
            'SELECT rs.*, s.name AS site_name, s.postcode FROM route_stops rs '
            'JOIN customer_sites s ON s.id = rs.site_id WHERE rs.route_id = %s ORDER BY rs.seq',
            (self.id,))

    @property
    def van(self):
        return Van.get(self.van_id) if self.van_id else None


class Delivery(Model):
    table = 'deliveries'
    order_by = 'delivery_date, id'

    def lines(self):
        return fetch_all(
            'SELECT dl.*, lt.sku, lt.description FROM delivery_lines dl '
            'JOIN linen_types lt ON lt.id = dl.linen_type_id WHERE dl.delivery_id = %s',
            (self.id,))

    def is_short(self):
        return any((l['qty_delivered'] or 0) < l['qty_ordered'] for l in self.lines())


class Collection(Model):
    table = 'collections'

    def bags(self):
        return fetch_all('SELECT * FROM collection_bags WHERE collection_id = %s', (self.id,))


class Machine(Model):
    table = 'machines'
    order_by = 'code'

    def set_status(self, status):
        self.update(status=status)


class WashBatch(Model):
    table = 'wash_batches'

    def loads(self):
        return fetch_all('SELECT * FROM batch_loads WHERE batch_id = %s', (self.id,))


class Invoice(Model):
    table = 'invoices'

    def lines(self):
        return fetch_all('SELECT * FROM invoice_lines WHERE invoice_id = %s ORDER BY id', (self.id,))

    def paid_amount(self):
        return fetch_value('SELECT coalesce(sum(amount), 0) FROM payments WHERE invoice_id = %s',
                           (self.id,), 0)

    def outstanding(self):
        return self.gross - self.paid_amount()


class Payment(Model):
    table = 'payments'


class Staff(Model):
    table = 'staff'
    order_by = 'last_name, first_name'

    @property
    def full_name(self):
        return '%s %s' % (self.first_name, self.last_name)

    @classmethod
    def drivers(cls):
        return cls.find(role='driver', active=True)


class Shift(Model):
    table = 'shifts'
    order_by = 'shift_date, starts_at'


class RfidTag(Model):
    table = 'rfid_tags'
    order_by = 'epc'

    @classmethod
    def by_epc(cls, epc):
        return cls.find_one(epc=epc)


class Reject(Model):
    table = 'rejects'


class Complaint(Model):
    table = 'complaints'
    order_by = 'received_at DESC'


# --- added later, used by the portal / admin screens -------------------------

class Contact(Model):
    table = 'contacts'
    order_by = 'name'


class PriceList(Model):
    table = 'price_lists'
    order_by = 'valid_from DESC'

    def items(self):
        return fetch_all('SELECT * FROM price_list_items WHERE price_list_id = %s', (self.id,))


class ParLevel(Model):
    table = 'par_levels'


class Timesheet(Model):
    table = 'timesheets'
    order_by = 'work_date'


class Inspection(Model):
    table = 'inspections'
    order_by = 'inspected_at'


class RfidReader(Model):
    table = 'rfid_readers'
    order_by = 'code'

    def is_alive(self, minutes=30):
        if not self.last_heartbeat:
            return False
        return (datetime.datetime.now() - self.last_heartbeat).total_seconds() < minutes * 60


class CreditNote(Model):
    table = 'credit_notes'


class MaintenanceJob(Model):
    table = 'maintenance_jobs'
    order_by = 'due_on'
