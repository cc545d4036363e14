"""
accounts.py - customer accounts: customers, sites, contracts and the money side.

History: this was 'customers.py' until 2011 when invoicing got merged in because
invoices are 'on the account'. Newer weekly billing is in invoicing.py.
"""
import datetime
import logging

import config
import db
import util
import dates
import emailer
import pdfgen
import pricing
import vat
import linen

log = logging.getLogger('lhs.accounts')


# ---------------------------------------------------------------------------
# customers
# ---------------------------------------------------------------------------

def list_customers(sector=None, search=None, include_stopped=True, limit=500):
    sql = "SELECT c.*, (SELECT count(*) FROM customer_sites s WHERE s.customer_id = c.id AND s.active) AS site_count FROM customers c WHERE 1=1"
    args = []
    if sector:
        sql += " AND c.sector = %s"
        args.append(sector)
    if search:
        sql += " AND (c.name ILIKE %s OR c.account_no ILIKE %s)"
        args += ['%' + search + '%', search + '%']
    if not include_stopped:
        sql += " AND NOT c.on_stop"
    sql += " ORDER BY c.name LIMIT %d" % limit
    return db.fetch_all(sql, args)


def get_customer(customer_id):
    return db.fetch_one("SELECT * FROM customers WHERE id = %s", (customer_id,))


def get_customer_by_account(account_no):
    return db.fetch_one("SELECT * FROM customers WHERE account_no = '%s'" % account_no.upper())


def next_account_no(name):
    # first 3 letters of the name + 3 digits, e.g. GRA001 for Grand Hotel
    stem = ''.join(ch for ch in name.upper() if ch.isalpha())[:3].ljust(3, 'X')
    n = db.fetch_value("SELECT count(*) FROM customers WHERE account_no LIKE %s", (stem + '%',), 0)
    return '%s%03d' % (stem, n + 1)


def create_customer(data):
    if data.get('sector') not in ('hotel', 'hospital', 'restaurant', 'care_home'):
        raise ValueError('bad sector')
    acc = data.get('account_no') or next_account_no(data['name'])
    cid = db.insert(
        "INSERT INTO customers (account_no, name, sector, billing_email, vat_no, credit_limit, notes) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id",
        (acc, data['name'].strip(), data['sector'], data.get('billing_email'),
         data.get('vat_no'), util.to_decimal(data.get('credit_limit'), 0), data.get('notes')))
    log.info('created customer %s %s', acc, data['name'])
    return cid


def update_customer(customer_id, data):
    allowed = ['name', 'sector', 'billing_email', 'vat_no', 'credit_limit', 'notes', 'on_stop']
    sets, args = [], []
    for k in allowed:
        if k in data:
            sets.append(k + " = %s")
            args.append(data[k])
    if not sets:
        return 0
    args.append(customer_id)
    return db.run("UPDATE customers SET " + ", ".join(sets) + " WHERE id = %s", args)


def take_off_stop(customer_id, user=None):
    db.run("UPDATE customers SET on_stop = false, notes = coalesce(notes,'') || %s WHERE id = %s",
           ('\nTaken off stop %s by %s' % (util.today(), user or '?'), customer_id))


def add_site(customer_id, data):
    return db.insert(
        "INSERT INTO customer_sites (customer_id, name, address1, address2, town, postcode, delivery_notes) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id",
        (customer_id, data['name'], data.get('address1'), data.get('address2'),
         data.get('town'), util.clean_postcode(data.get('postcode')), data.get('delivery_notes')))


def update_site(site_id, data):
    if 'postcode' in data:
        data['postcode'] = util.clean_postcode(data['postcode'])
    cols = [k for k in ('name', 'address1', 'address2', 'town', 'postcode', 'delivery_notes') if k in data]
    if not cols:
        return
    sql = "UPDATE customer_sites SET %s WHERE id = %%s" % ', '.join('%s = %%s' % c for c in cols)
    db.run(sql, [data[c] for c in cols] + [site_id])


def deactivate_site(site_id):
    with db.transaction():
        db.run("UPDATE customer_sites SET active = false, route_id = NULL WHERE id = %s", (site_id,))
        # take it off the van routes too, otherwise drivers still turn up (KT 2012)
        db.run("DELETE FROM route_stops WHERE site_id = %s", (site_id,))


def sites_for_customer(customer_id, active_only=True):
    sql = "SELECT * FROM customer_sites WHERE customer_id = %s"
    if active_only:
        sql += " AND active"
    return db.fetch_all(sql + " ORDER BY name", (customer_id,))


def add_contact(customer_id, name, phone=None, email=None, role=None, site_id=None):
    return db.insert(
        "INSERT INTO contacts (customer_id, site_id, name, phone, email, role) "
        "VALUES (%s, %s, %s, %s, %s, %s) RETURNING id",
        (customer_id, site_id, name, phone, email, role))


def contacts_for(customer_id, role=None):
    if role:
        return db.fetch_all("SELECT * FROM contacts WHERE customer_id = %s AND role = %s",
                            (customer_id, role))
    return db.fetch_all("SELECT * FROM contacts WHERE customer_id = %s ORDER BY name", (customer_id,))


# ---------------------------------------------------------------------------
# contracts
# ---------------------------------------------------------------------------

def next_contract_no():
    year = util.today().year
    n = db.fetch_value("SELECT count(*) FROM contracts WHERE contract_no LIKE 'C{0}%'".format(year), None, 0)
    return 'C%d-%04d' % (year, n + 1)


def create_contract(customer_id, start_date, billing_basis='per_piece', price_list_id=None,
                    min_weekly_charge=0, payment_terms_days=None):
    if billing_basis not in ('per_piece', 'per_kg', 'rental'):
        raise ValueError(billing_basis)
    if price_list_id is None:
        sector = db.fetch_value("SELECT sector FROM customers WHERE id = %s", (customer_id,))
        pl = pricing.current_price_list(sector)
        price_list_id = pl['id'] if pl else None
    return db.insert(
        "INSERT INTO contracts (customer_id, contract_no, start_date, billing_basis, price_list_id, "
        "min_weekly_charge, payment_terms_days) VALUES (%s,%s,%s,%s,%s,%s,%s) RETURNING id",
        (customer_id, next_contract_no(), start_date, billing_basis, price_list_id,
         min_weekly_charge, payment_terms_days or config.DEFAULT_PAYMENT_TERMS))


def get_contract(contract_id):
    return db.fetch_one(
        "SELECT ct.*, c.name AS customer_name, c.account_no FROM contracts ct "
        "JOIN customers c ON c.id = ct.customer_id WHERE ct.id = %s", (contract_id,))


def activate_contract(contract_id):
    ct = get_contract(contract_id)
    if not ct:
        raise ValueError('no contract %s' % contract_id)
    # only one live contract per customer
    db.run("UPDATE contracts SET status = 'ended', end_date = %s WHERE customer_id = %s "
           "AND status = 'live' AND id <> %s", (util.today(), ct['customer_id'], contract_id))
    db.run("UPDATE contracts SET status = 'live' WHERE id = %s", (contract_id,))


def end_contract(contract_id, end_date=None):
    end_date = end_date or util.today()
    ct = get_contract(contract_id)
    db.run("UPDATE contracts SET status = 'ended', end_date = %s WHERE id = %s", (end_date, contract_id))
    # zero the par levels so transport stops delivering
    for s in sites_for_customer(ct['customer_id']):
        linen.clear_par_levels(s['id'])


def add_contract_line(contract_id, linen_type_id, rental_qty=0, unit_price=None, wash_price=None,
                      site_id=None):
    lid = db.insert(
        "INSERT INTO contract_lines (contract_id, linen_type_id, rental_qty, unit_price, wash_price) "
        "VALUES (%s, %s, %s, %s, %s) RETURNING id",
        (contract_id, linen_type_id, rental_qty, unit_price, wash_price))
    if site_id and rental_qty:
        # par = rental qty x 1.5 (one on the bed, half in the cupboard) -- ops rule of thumb
        linen.set_par_level(site_id, linen_type_id, int(rental_qty * 1.5))
    return lid


def remove_contract_line(line_id):
    db.run("DELETE FROM contract_lines WHERE id = %s", (line_id,))


def contracts_expiring(days=60):
    return db.fetch_all(
        "SELECT ct.*, c.name AS customer_name FROM contracts ct JOIN customers c ON c.id = ct.customer_id "
        "WHERE ct.status = 'live' AND ct.end_date IS NOT NULL "
        "AND ct.end_date <= current_date + interval '%d days' ORDER BY ct.end_date" % int(days))


# ---------------------------------------------------------------------------
# invoices (old per-delivery invoicing, still used for ad-hoc / one-off customers)
# ---------------------------------------------------------------------------

def create_invoice(customer_id, contract_id=None, issue_date=None, billing_run_id=None):
    issue_date = issue_date or util.today()
    terms = config.DEFAULT_PAYMENT_TERMS
    if contract_id:
        terms = db.fetch_value("SELECT payment_terms_days FROM contracts WHERE id = %s",
                               (contract_id,), terms)
    return db.insert(
        "INSERT INTO invoices (invoice_no, customer_id, contract_id, billing_run_id, issue_date, due_date) "
        "VALUES (%s, %s, %s, %s, %s, %s) RETURNING id",
        (util.next_invoice_number(), customer_id, contract_id, billing_run_id, issue_date,
         issue_date + datetime.timedelta(days=terms)))


def add_invoice_line(invoice_id, description, qty, unit_price, vat_code='S', delivery_id=None,
                     linen_type_id=None):
    total = util.round_money(util.to_decimal(qty) * util.to_decimal(unit_price))
    return db.insert(
        "INSERT INTO invoice_lines (invoice_id, description, qty, unit_price, line_total, vat_code, "
        "delivery_id, linen_type_id) VALUES (%s,%s,%s,%s,%s,%s,%s,%s) RETURNING id",
        (invoice_id, description[:200], qty, unit_price, total, vat_code, delivery_id, linen_type_id))


def recalc_invoice_totals(invoice_id):
    rows = db.fetch_all("SELECT line_total, vat_code FROM invoice_lines WHERE invoice_id = %s",
                        (invoice_id,))
    issue = db.fetch_value("SELECT issue_date FROM invoices WHERE id = %s", (invoice_id,))
    net = sum((r['line_total'] for r in rows), util.to_decimal(0))
    tax = sum((vat.calc_vat(r['line_total'], r['vat_code'], issue) for r in rows), util.to_decimal(0))
    db.run("UPDATE invoices SET net = %s, vat = %s, gross = %s WHERE id = %s",
           (util.round_money(net), util.round_money(tax), util.round_money(net + tax), invoice_id))
    return net + tax


def invoice_delivery(delivery_id):
    d = db.fetch_one(
        "SELECT d.*, s.customer_id, s.name AS site_name FROM deliveries d "
        "JOIN customer_sites s ON s.id = d.site_id WHERE d.id = %s", (delivery_id,))
    if d is None or d['invoiced']:
        return None
    ct = db.fetch_one("SELECT * FROM contracts WHERE customer_id = %s AND status = 'live'",
                      (d['customer_id'],))
    with db.transaction():
        inv_id = create_invoice(d['customer_id'], ct['id'] if ct else None)
        lines = db.fetch_all(
            "SELECT dl.*, lt.description FROM delivery_lines dl JOIN linen_types lt "
            "ON lt.id = dl.linen_type_id WHERE dl.delivery_id = %s", (delivery_id,))
        for l in lines:
            price = pricing.price_for(ct['id'], l['linen_type_id']) if ct else 0
            add_invoice_line(inv_id, '%s - %s' % (d['site_name'], l['description']),
                             l['qty_delivered'] or 0, price, delivery_id=delivery_id,
                             linen_type_id=l['linen_type_id'])
        db.run("UPDATE deliveries SET invoiced = true, invoice_id = %s WHERE id = %s",
               (inv_id, delivery_id))
        recalc_invoice_totals(inv_id)
    return inv_id


def issue_invoice(invoice_id, send=True):
    inv = db.fetch_one(
        "SELECT i.*, c.name, c.billing_email FROM invoices i JOIN customers c ON c.id = i.customer_id "
        "WHERE i.id = %s", (invoice_id,))
    if inv['status'] != 'draft':
        raise ValueError('invoice %s already %s' % (inv['invoice_no'], inv['status']))
    db.run("UPDATE invoices SET status = 'issued' WHERE id = %s", (invoice_id,))
    if send and inv['billing_email']:
        pdf = pdfgen.render_invoice(invoice_id)
        ok = emailer.send_template(inv['billing_email'], 'Invoice ' + inv['invoice_no'], 'invoice',
                                   attachments=[(inv['invoice_no'] + '.pdf', pdf)],
                                   name=inv['name'], invoice_no=inv['invoice_no'],
                                   amount=util.fmt_money(inv['gross']))
        if ok:
            db.run("UPDATE invoices SET sent_at = now() WHERE id = %s", (invoice_id,))


def record_payment(invoice_id, amount, paid_on=None, method='bacs', reference=None):
    amount = util.round_money(amount)
    pid = db.insert(
        "INSERT INTO payments (invoice_id, amount, paid_on, method, reference) "
        "VALUES (%s, %s, %s, %s, %s) RETURNING id",
        (invoice_id, amount, paid_on or util.today(), method, reference))
    paid = db.fetch_value("SELECT coalesce(sum(amount),0) FROM payments WHERE invoice_id = %s",
                          (invoice_id,), 0)
    gross = db.fetch_value("SELECT gross FROM invoices WHERE id = %s", (invoice_id,), 0)
    if paid >= gross:
        db.run("UPDATE invoices SET status = 'paid' WHERE id = %s", (invoice_id,))
    return pid


def allocate_bacs_payment(account_no, amount, reference):
    """Allocate a lump sum against the oldest open invoices. Returns what's left over."""
    cust = get_customer_by_account(account_no)
    if not cust:
        raise ValueError('unknown account ' + account_no)
    left = util.round_money(amount)
    open_invs = db.fetch_all(
        "SELECT i.id, i.gross - coalesce((SELECT sum(amount) FROM payments p WHERE p.invoice_id = i.id),0) AS due "
        "FROM invoices i WHERE i.customer_id = %s AND i.status = 'issued' ORDER BY i.issue_date, i.id",
        (cust['id'],))
    for inv in open_invs:
        if left <= 0:
            break
        take = min(left, inv['due'])
        if take > 0:
            record_payment(inv['id'], take, method='bacs', reference=reference)
            left -= take
    if left > 0:
        log.warning('unallocated %s on %s (%s)', left, account_no, reference)
    return left


def overdue_invoices(min_days=0, customer_id=None):
    sql = ("SELECT i.*, c.name, c.account_no, current_date - i.due_date AS days_over "
           "FROM invoices i JOIN customers c ON c.id = i.customer_id "
           "WHERE i.status = 'issued' AND i.due_date < current_date - %d" % int(min_days))
    if customer_id:
        sql += " AND i.customer_id = %d" % int(customer_id)
    return db.fetch_all(sql + " ORDER BY i.due_date")


def credit_control_run(stop_after_days=60):
    """put customers with very old debt on stop. run weekly from jobs.py"""
    stopped = []
    for row in db.fetch_all(
            "SELECT DISTINCT i.customer_id FROM invoices i WHERE i.status = 'issued' "
            "AND i.due_date < current_date - %s", (stop_after_days,)):
        n = db.run("UPDATE customers SET on_stop = true WHERE id = %s AND NOT on_stop",
                   (row['customer_id'],))
        if n:
            stopped.append(row['customer_id'])
    if stopped:
        emailer.send_mail(config.ACCOUNTS_EMAIL, 'Customers put on stop',
                          'Put on stop: %s' % ', '.join(str(s) for s in stopped))
    return stopped


def customer_statement(customer_id, since=None):
    since = since or (util.today() - datetime.timedelta(days=90))
    invs = db.fetch_all(
        "SELECT 'INV' AS kind, invoice_no AS ref, issue_date AS dt, gross AS amount FROM invoices "
        "WHERE customer_id = %s AND status <> 'void' AND issue_date >= %s", (customer_id, since))
    pays = db.fetch_all(
        "SELECT 'PAY' AS kind, p.reference AS ref, p.paid_on AS dt, -p.amount AS amount "
        "FROM payments p JOIN invoices i ON i.id = p.invoice_id "
        "WHERE i.customer_id = %s AND p.paid_on >= %s", (customer_id, since))
    crs = db.fetch_all(
        "SELECT 'CRN' AS kind, cn.credit_no AS ref, cn.issued_on AS dt, -cn.amount AS amount "
        "FROM credit_notes cn JOIN invoices i ON i.id = cn.invoice_id "
        "WHERE i.customer_id = %s AND cn.issued_on >= %s", (customer_id, since))
    rows = sorted(invs + pays + crs, key=lambda r: r['dt'])
    bal = 0
    for r in rows:
        bal += r['amount']
        r['balance'] = bal
    return rows


def next_credit_no():
    last = db.fetch_value("SELECT max(id) FROM credit_notes", None, 0) or 0
    return '%s%06d' % (config.CREDIT_PREFIX, last + 1)


def raise_credit_note(invoice_id, amount, reason, complaint_id=None):
    inv = db.fetch_one("SELECT * FROM invoices WHERE id = %s", (invoice_id,))
    if util.to_decimal(amount) > inv['gross']:
        raise ValueError('credit more than invoice')
    return db.insert(
        "INSERT INTO credit_notes (credit_no, invoice_id, complaint_id, amount, reason, issued_on) "
        "VALUES (%s, %s, %s, %s, %s, current_date) RETURNING id",
        (next_credit_no(), invoice_id, complaint_id, util.round_money(amount), reason))


def _old_invoice_total(invoice_id):
    # pre-2011 VAT calc at 17.5% flat. DO NOT USE. kept for the 2010 re-prints
    net = db.fetch_value("SELECT sum(line_total) FROM invoice_lines WHERE invoice_id = %s" % invoice_id)
    return util.round_money(net * util.to_decimal('1.175'))


# ---------------------------------------------------------------------------
# added 2013+ (mixed bag, sorry)
# ---------------------------------------------------------------------------

class DuplicateCustomer(Exception):
    pass


class AccountError(Exception):
    """raised for money problems on an account (credit limit, on stop...)"""
    pass


def find_duplicate_customers():
    return db.fetch_all(
        "SELECT a.id AS id_a, b.id AS id_b, a.name FROM customers a JOIN customers b "
        "ON lower(a.name) = lower(b.name) AND a.id < b.id ORDER BY a.name")


def merge_customers(keep_id, drop_id):
    """merge a duplicate account into another. Moves everything across."""
    if keep_id == drop_id:
        raise DuplicateCustomer('same customer')
    with db.transaction():
        for table in ('customer_sites', 'contacts', 'contracts'):
            db.run("UPDATE " + table + " SET customer_id = %s WHERE customer_id = %s", (keep_id, drop_id))
        # invoices and complaints too, otherwise statements are wrong
        db.run("UPDATE invoices SET customer_id = %s WHERE customer_id = %s", (keep_id, drop_id))
        db.run("UPDATE complaints SET customer_id = %s WHERE customer_id = %s", (keep_id, drop_id))
        db.run("DELETE FROM customers WHERE id = %s", (drop_id,))
    log.info('merged customer %s into %s', drop_id, keep_id)


def renew_contract(contract_id, new_end_date, uplift_pct=None):
    ct = get_contract(contract_id)
    if ct['status'] != 'live':
        raise ValueError('only live contracts can be renewed')
    db.run("UPDATE contracts SET end_date = %s WHERE id = %s", (new_end_date, contract_id))
    if uplift_pct:
        factor = 1 + float(uplift_pct) / 100.0
        db.run("UPDATE contract_lines SET unit_price = round(unit_price * %s, 4), "
               "wash_price = round(wash_price * %s, 4) WHERE contract_id = %s", (factor, factor, contract_id))
    return get_contract(contract_id)


def contract_summary(contract_id):
    ct = get_contract(contract_id)
    if not ct:
        return None
    ct['lines'] = db.fetch_all(
        "SELECT cl.*, lt.sku, lt.description FROM contract_lines cl JOIN linen_types lt "
        "ON lt.id = cl.linen_type_id WHERE cl.contract_id = %s ORDER BY lt.sku", (contract_id,))
    ct['sites'] = sites_for_customer(ct['customer_id'])
    ct['weekly_rental_qty'] = sum(l['rental_qty'] or 0 for l in ct['lines'])
    return ct


def sites_without_contract():
    return db.fetch_all(
        "SELECT s.id, s.name, c.name AS customer_name FROM customer_sites s JOIN customers c ON c.id = s.customer_id "
        "WHERE s.active AND NOT EXISTS (SELECT 1 FROM contracts ct WHERE ct.customer_id = c.id AND ct.status = 'live')")


def unpaid_total(customer_id):
    return db.fetch_value(
        "SELECT coalesce(sum(i.gross - coalesce((SELECT sum(p.amount) FROM payments p WHERE p.invoice_id = i.id), 0)), 0) "
        "FROM invoices i WHERE i.customer_id = %s AND i.status = 'issued'", (customer_id,), 0)


def credit_check(customer_id, extra=0):
    """True if the customer can take `extra` more credit"""
    c = get_customer(customer_id)
    if c['on_stop']:
        raise AccountError('%s is on stop' % c['account_no'])
    if not c['credit_limit']:
        return True
    return unpaid_total(customer_id) + util.to_decimal(extra, 0) <= c['credit_limit']


def invoice_search(q, limit=50):
    q = q.strip()
    if q.upper().startswith(config.INVOICE_PREFIX):
        return db.fetch_all("SELECT * FROM invoices WHERE invoice_no = %s", (q.upper(),))
    return db.fetch_all(
        "SELECT i.* FROM invoices i JOIN customers c ON c.id = i.customer_id "
        "WHERE c.name ILIKE %s OR c.account_no = %s ORDER BY i.issue_date DESC LIMIT " + str(int(limit)),
        ('%' + q + '%', q.upper()))


def write_off_bad_debt(invoice_id, user=None):
    """accounts only. Credit the whole outstanding amount and mark paid."""
    inv = db.fetch_one("SELECT * FROM invoices WHERE id = %s", (invoice_id,))
    paid = db.fetch_value("SELECT coalesce(sum(amount),0) FROM payments WHERE invoice_id = %s", (invoice_id,), 0)
    left = inv['gross'] - paid
    if left <= 0:
        return None
    cn = raise_credit_note(invoice_id, left, 'Bad debt write off (%s)' % (user or '?'))
    db.run("UPDATE invoices SET status = 'paid' WHERE id = %s", (invoice_id,))
    return cn
