# -*- coding: utf-8 -*-
"""Two different things called 'warranty' live here, sorry:
  1. extended warranties we SELL (F&I product, warranty_products/contracts)
  2. manufacturer warranty CLAIMS for repairs done in the workshop
"""
import datetime
import logging

from dealer import db, utils, dates

log = logging.getLogger('dealer.warranty')


# -- 1. extended warranty products ------------------------------------------

def list_products():
    return db.query('SELECT * FROM warranty_products ORDER BY months')


def eligible_products(vehicle_id):
    v = db.query_one('SELECT year, mileage, is_new FROM vehicles WHERE id = %s', (vehicle_id,))
    age = dates.today().year - (v['year'] or dates.today().year)
    out = []
    for p in list_products():
        if v['mileage'] and p['max_mileage'] and v['mileage'] > p['max_mileage']:
            continue
        if age > 10:
            continue
        out.append(p)
    return out


def sell_warranty(deal_id, product_id, price=None):
    d = db.query_one('SELECT customer_id, vehicle_id FROM deals WHERE id = %s', (deal_id,))
    p = db.query_one('SELECT * FROM warranty_products WHERE id = %s', (product_id,))
    start = dates.today()
    end = start + datetime.timedelta(days=int(p['months'] * 30.44))
    cid = db.execute('INSERT INTO warranty_contracts (product_id, deal_id, customer_id, vehicle_id, '
                     'sold_price, starts_on, ends_on, status) '
                     "VALUES (%s, %s, %s, %s, %s, %s, %s, 'active')",
                     (product_id, deal_id, d['customer_id'], d['vehicle_id'],
                      utils.round_money(price if price is not None else p['retail']), start, end))
    from dealer import sales
    sales.recalc_gross(deal_id)
    return cid


def cancel_warranty(contract_id):
    db.execute("UPDATE warranty_contracts SET status = 'cancelled' WHERE id = %s", (contract_id,))


def active_warranty_for_vehicle(vehicle_id):
    return db.query_one("SELECT wc.*, wp.name FROM warranty_contracts wc "
                        "JOIN warranty_products wp ON wp.id = wc.product_id "
                        "WHERE wc.vehicle_id = %s AND wc.status = 'active' "
                        "AND wc.ends_on >= CURDATE()", (vehicle_id,))


def expiring_contracts(days=30):
    return db.query("SELECT wc.*, c.first_name, c.last_name, c.email FROM warranty_contracts wc "
                    "JOIN customers c ON c.id = wc.customer_id WHERE wc.status = 'active' "
                    "AND wc.ends_on BETWEEN CURDATE() AND DATE_ADD(CURDATE(), INTERVAL %s DAY)",
                    (days,))


# -- 2. manufacturer warranty claims -----------------------------------------

def claim_amount(ro_id):
    lab = db.query_value('SELECT COALESCE(SUM(sold_hours * rate), 0) FROM ro_labour '
                         'WHERE ro_id = %s', (ro_id,), 0)
    parts = db.query_value('SELECT COALESCE(SUM(rp.qty * p.cost * 1.15), 0) FROM ro_parts rp '
                           'JOIN parts p ON p.id = rp.part_id WHERE rp.ro_id = %s', (ro_id,), 0)
    return utils.round_money(utils.to_decimal(lab, 0) + utils.to_decimal(parts, 0))


def create_claim(ro_id, manufacturer):
    ro = db.query_one('SELECT pay_type, status FROM repair_orders WHERE id = %s', (ro_id,))
    if ro['pay_type'] != 'W':
        raise ValueError('RO is not a warranty job')
    existing = db.query_one('SELECT id FROM warranty_claims WHERE ro_id = %s', (ro_id,))
    if existing:
        return existing['id']
    return db.execute('INSERT INTO warranty_claims (ro_id, manufacturer, amount_claimed, status, '
                      "submitted_at) VALUES (%s, %s, %s, 'submitted', NOW())",
                      (ro_id, manufacturer.upper(), claim_amount(ro_id)))


def record_claim_payment(claim_no, amount_paid):
    n = db.execute("UPDATE warranty_claims SET amount_paid = %s, status = 'paid' "
                   "WHERE claim_no = %s", (amount_paid, claim_no))
    if not n:
        log.warning('unknown warranty claim %s in remittance', claim_no)
    return n


def outstanding_claims(older_than_days=0):
    return db.query("SELECT wc.*, r.ro_no FROM warranty_claims wc "
                    "JOIN repair_orders r ON r.id = wc.ro_id WHERE wc.status = 'submitted' "
                    "AND wc.submitted_at < DATE_SUB(NOW(), INTERVAL %s DAY) "
                    "ORDER BY wc.submitted_at", (older_than_days,))
