# -*- coding: utf-8 -*-
# GAP / drive-away / tyre & alloy / cosmetic insurance sold by F&I.
# Insurer is WarrantyWise-ish API via urllib2. Written 2012, not ported yet.
import urllib2
import json
import datetime

import db
import utils
import config

PRODUCTS = {
    'gap': {'insurer': 'Motor Shield', 'commission_pct': 45},
    'drive_away': {'insurer': 'Motor Shield', 'commission_pct': 0},
    'tyre_alloy': {'insurer': 'Alloygator Cover', 'commission_pct': 35},
    'cosmetic': {'insurer': 'Alloygator Cover', 'commission_pct': 35},
}

API = 'https://api.motorshield.example/v2/'


def premium_quote(product, vehicle_price, term_months):
    if product not in PRODUCTS:
        raise ValueError('unknown product %s' % product)
    if product == 'drive_away':
        return utils.to_decimal('0.00')
    body = json.dumps({'product': product, 'vehiclePrice': float(vehicle_price),
                       'term': term_months, 'dealer': 'HARROW01'})
    req = urllib2.Request(API + 'quote', body, {'Content-Type': 'application/json'})
    try:
        resp = json.loads(urllib2.urlopen(req, timeout=20).read())
    except urllib2.URLError, e:
        print "insurance quote failed", e
        # fallback table the F&I guys asked for
        return utils.to_decimal({'gap': 399, 'tyre_alloy': 299, 'cosmetic': 349}[product])
    return utils.to_decimal(resp['premium'])


def sell_policy(deal_id, product, premium, term_months=36):
    d = db.query_one('SELECT customer_id, vehicle_id FROM deals WHERE id = %s', (deal_id,))
    comm = utils.round_money(utils.to_decimal(premium) *
                             PRODUCTS[product]['commission_pct'] / 100)
    start = datetime.date.today()
    end = start + datetime.timedelta(days=int(term_months * 30.4))
    pid = db.execute("INSERT INTO insurance_policies (deal_id, customer_id, vehicle_id, product, "
                     "insurer, premium, dealer_commission, starts_on, ends_on) "
                     "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                     (deal_id, d['customer_id'], d['vehicle_id'], product,
                      PRODUCTS[product]['insurer'], premium, comm, start, end))
    register_with_insurer(pid)
    return pid


def register_with_insurer(policy_id):
    p = db.query_one('SELECT * FROM insurance_policies WHERE id = %s', (policy_id,))
    if p['product'] == 'drive_away':
        return None
    c = db.query_one('SELECT first_name, last_name, email, postcode FROM customers WHERE id = %s',
                     (p['customer_id'],))
    v = db.query_one('SELECT vin, reg FROM vehicles WHERE id = %s', (p['vehicle_id'],))
    body = json.dumps({'product': p['product'], 'premium': float(p['premium']),
                       'start': str(p['starts_on']), 'end': str(p['ends_on']),
                       'customer': c, 'vehicle': v, 'dealer': 'HARROW01'})
    try:
        resp = json.loads(urllib2.urlopen(urllib2.Request(API + 'policies', body,
                          {'Content-Type': 'application/json'}), timeout=20).read())
        db.execute('UPDATE insurance_policies SET policy_no = %s WHERE id = %s',
                   (resp['policyNumber'], policy_id))
        return resp['policyNumber']
    except Exception, e:
        print "insurer registration failed for %s: %s" % (policy_id, e)
        return None


def cancel_policy(policy_id, refund=True):
    db.execute('UPDATE insurance_policies SET cancelled = 1 WHERE id = %s', (policy_id,))
    # TODO pro-rata commission clawback -- currently done by hand in Sage


def policies_for_deal(deal_id):
    return db.query('SELECT * FROM insurance_policies WHERE deal_id = %s', (deal_id,))


def gap_cooling_off_ok(deal_id):
    """FCA: GAP can't be sold until 2 days after it was first mentioned."""
    d = db.query_one('SELECT signed_at FROM deals WHERE id = %s', (deal_id,))
    q = db.query_one('SELECT q.created_at FROM quotes q JOIN deals d ON d.quote_id = q.id '
                     'WHERE d.id = %s', (deal_id,))
    first = q and q['created_at'] or d['signed_at']
    if not first:
        return False
    return (datetime.datetime.now() - first).days >= 2


def monthly_bordereau(period):
    start, end = period + '-01', period + '-31'
    rows = db.query("SELECT p.*, c.last_name, v.reg FROM insurance_policies p "
                    "JOIN customers c ON c.id = p.customer_id "
                    "LEFT JOIN vehicles v ON v.id = p.vehicle_id "
                    "WHERE p.starts_on BETWEEN '%s' AND '%s' ORDER BY p.insurer, p.starts_on"
                    % (start, end))
    lines = ['insurer,policy_no,product,customer,reg,premium,start,end,cancelled']
    for r in rows:
        lines.append(','.join([utils.csv_escape(r[k]) for k in
                               ('insurer', 'policy_no', 'product', 'last_name', 'reg',
                                'premium', 'starts_on', 'ends_on', 'cancelled')]))
    return '\n'.join(lines)
