"""
invoicing.py - weekly / monthly billing runs (SB, 2012).

A billing run walks every live contract and builds one invoice per contract for the
period according to the billing basis:
    per_piece: delivered pieces x price
    per_kg   : collected soiled kg x rate
    rental   : rental qty x weekly rate x weeks
plus RFID lost-item charges and the minimum weekly charge top-up.
"""
import datetime
import logging

import config
import db
import util
import dates
import pricing
import accounts

log = logging.getLogger('lhs.invoicing')


def start_billing_run(period_start, period_end, user_id=None):
    existing = db.fetch_one(
        "SELECT id FROM billing_runs WHERE period_start = %s AND period_end = %s",
        (period_start, period_end))
    if existing:
        raise ValueError('billing run already exists for that period (id %s)' % existing['id'])
    return db.insert(
        "INSERT INTO billing_runs (period_start, period_end, run_by) VALUES (%s, %s, %s) RETURNING id",
        (period_start, period_end, user_id))


def live_contracts(on):
    return db.fetch_all(
        "SELECT ct.*, c.name AS customer_name, c.on_stop FROM contracts ct "
        "JOIN customers c ON c.id = ct.customer_id WHERE ct.status = 'live' "
        "AND ct.start_date <= %s AND (ct.end_date IS NULL OR ct.end_date >= %s)", (on, on))


def _per_piece_lines(contract, start, end):
    rows = db.fetch_all(
        "SELECT d.id AS delivery_id, dl.linen_type_id, lt.description, sum(dl.qty_delivered) AS qty "
        "FROM deliveries d JOIN delivery_lines dl ON dl.delivery_id = d.id "
        "JOIN customer_sites s ON s.id = d.site_id JOIN linen_types lt ON lt.id = dl.linen_type_id "
        "WHERE s.customer_id = %s AND d.delivery_date BETWEEN %s AND %s "
        "AND d.status IN ('delivered', 'short') AND NOT d.invoiced "
        "GROUP BY d.id, dl.linen_type_id, lt.description",
        (contract['customer_id'], start, end))
    out = []
    for r in rows:
        price = pricing.price_for(contract['id'], r['linen_type_id'], 'piece')
        out.append(dict(description=r['description'], qty=r['qty'] or 0, unit_price=price,
                        delivery_id=r['delivery_id'], linen_type_id=r['linen_type_id']))
    return out


def _per_kg_lines(contract, start, end):
    kg = db.fetch_value(
        "SELECT coalesce(sum(col.total_weight_kg), 0) FROM collections col "
        "JOIN customer_sites s ON s.id = col.site_id WHERE s.customer_id = %s "
        "AND col.collected_at::date BETWEEN %s AND %s", (contract['customer_id'], start, end), 0)
    if not kg:
        return []
    rate = pricing.kg_rate_for(contract['id'])
    return [dict(description='Laundry service %s - %s (kg)' % (util.fmt_date(start), util.fmt_date(end)),
                 qty=kg, unit_price=rate, delivery_id=None, linen_type_id=None)]


def _rental_lines(contract, start, end):
    weeks = max(1, ((end - start).days + 1) // 7)
    out = []
    for cl in db.fetch_all(
            "SELECT cl.*, lt.description FROM contract_lines cl JOIN linen_types lt "
            "ON lt.id = cl.linen_type_id WHERE cl.contract_id = %s AND cl.rental_qty > 0",
            (contract['id'],)):
        price = pricing.price_for(contract['id'], cl['linen_type_id'], 'rental')
        out.append(dict(description='Rental %s x %d wk' % (cl['description'], weeks),
                        qty=cl['rental_qty'] * weeks, unit_price=price, delivery_id=None,
                        linen_type_id=cl['linen_type_id']))
    return out


def _minimum_charge_top_up(contract, net, start, end):
    weeks = max(1, ((end - start).days + 1) // 7)
    minimum = util.to_decimal(contract['min_weekly_charge'] or 0) * weeks
    if net < minimum:
        return dict(description='Minimum charge top-up', qty=1, unit_price=minimum - net,
                    delivery_id=None, linen_type_id=None)
    return None


def charge_unreturned_items(invoice_id, customer_id):
    """bill the replacement cost of RFID tagged items that never came back"""
    rows = db.fetch_all(
        "SELECT u.id, t.epc, lt.id AS linen_type_id, lt.description, lt.replacement_cost "
        "FROM unreturned_items u JOIN rfid_tags t ON t.id = u.tag_id "
        "JOIN linen_types lt ON lt.id = t.linen_type_id "
        "JOIN customer_sites s ON s.id = u.site_id "
        "WHERE s.customer_id = %s AND NOT u.charged", (customer_id,))
    n = 0
    for r in rows:
        line_id = accounts.add_invoice_line(invoice_id, 'Lost item %s (%s)' % (r['description'], r['epc']),
                                            1, r['replacement_cost'] or 0, linen_type_id=r['linen_type_id'])
        db.run("UPDATE unreturned_items SET charged = true, invoice_line_id = %s WHERE id = %s",
               (line_id, r['id']))
        n += 1
    return n


def mark_deliveries_invoiced(invoice_id, delivery_ids):
    if not delivery_ids:
        return
    ids, args = db.sql_in(delivery_ids)
    db.run("UPDATE deliveries SET invoiced = true, invoice_id = %s WHERE id IN " + ids,
           [invoice_id] + args)


def bill_contract(run_id, contract, start, end):
    basis = contract['billing_basis']
    if basis == 'per_piece':
        lines = _per_piece_lines(contract, start, end)
    elif basis == 'per_kg':
        lines = _per_kg_lines(contract, start, end)
    elif basis == 'rental':
        lines = _rental_lines(contract, start, end)
    else:
        log.error('contract %s has unknown basis %s', contract['contract_no'], basis)
        return None
    with db.transaction():
        inv_id = accounts.create_invoice(contract['customer_id'], contract['id'], end, billing_run_id=run_id)
        net = util.to_decimal(0)
        for l in lines:
            accounts.add_invoice_line(inv_id, l['description'], l['qty'], l['unit_price'],
                                      delivery_id=l['delivery_id'], linen_type_id=l['linen_type_id'])
            net += util.round_money(util.to_decimal(l['qty']) * util.to_decimal(l['unit_price']))
        top = _minimum_charge_top_up(contract, net, start, end)
        if top:
            accounts.add_invoice_line(inv_id, top['description'], 1, top['unit_price'])
        charge_unreturned_items(inv_id, contract['customer_id'])
        mark_deliveries_invoiced(inv_id, set(l['delivery_id'] for l in lines if l['delivery_id']))
        total = accounts.recalc_invoice_totals(inv_id)
        if total < util.to_decimal(config.MIN_INVOICE_VALUE):
            # too small to bother - roll into next period
            db.run("DELETE FROM invoice_lines WHERE invoice_id = %s", (inv_id,))
            db.run("DELETE FROM invoices WHERE id = %s", (inv_id,))
            db.run("UPDATE deliveries SET invoiced = false, invoice_id = NULL WHERE invoice_id = %s", (inv_id,))
            return None
    return inv_id


def finish_billing_run(run_id):
    agg = db.fetch_one(
        "SELECT count(*) AS n, coalesce(sum(gross),0) AS total FROM invoices WHERE billing_run_id = %s",
        (run_id,))
    db.run("UPDATE billing_runs SET invoice_count = %s, total = %s WHERE id = %s",
           (agg['n'], agg['total'], run_id))
    return agg


def run_billing(period_start, period_end, user_id=None, issue=False):
    run_id = start_billing_run(period_start, period_end, user_id)
    made = []
    for ct in live_contracts(period_end):
        try:
            inv_id = bill_contract(run_id, ct, period_start, period_end)
        except Exception:
            log.exception('billing contract %s failed', ct['contract_no'])
            continue
        if inv_id:
            made.append(inv_id)
            if issue and not ct['on_stop']:
                accounts.issue_invoice(inv_id)
    agg = finish_billing_run(run_id)
    log.info('billing run %s: %s invoices, %s', run_id, agg['n'], util.fmt_money(agg['total']))
    return run_id, made


def void_invoice(invoice_id, reason):
    inv = db.fetch_one("SELECT * FROM invoices WHERE id = %s", (invoice_id,))
    if inv['status'] == 'paid':
        raise ValueError('cannot void a paid invoice, raise a credit note')
    with db.transaction():
        db.run("UPDATE invoices SET status = 'void' WHERE id = %s", (invoice_id,))
        db.run("UPDATE deliveries SET invoiced = false, invoice_id = NULL WHERE invoice_id = %s",
               (invoice_id,))
        db.run("UPDATE unreturned_items SET charged = false, invoice_line_id = NULL WHERE invoice_line_id IN "
               "(SELECT id FROM invoice_lines WHERE invoice_id = %s)", (invoice_id,))
    log.info('voided %s: %s', inv['invoice_no'], reason)


def previous_week_period(today=None):
    ws = dates.week_start(today or util.today())
    return ws - datetime.timedelta(days=7), ws - datetime.timedelta(days=1)
