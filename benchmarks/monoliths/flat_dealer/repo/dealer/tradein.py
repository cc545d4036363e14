# -*- coding: utf-8 -*-
"""Part exchange appraisals and trade-ins."""
import datetime
import logging

from dealer import db, utils, dates, inventory
from dealer.constants import APPRAISAL_VALID_DAYS

log = logging.getLogger('dealer.tradein')

PANELS = ('front_bumper', 'rear_bumper', 'bonnet', 'roof', 'tailgate',
          'ns_front_wing', 'os_front_wing', 'ns_front_door', 'os_front_door',
          'ns_rear_door', 'os_rear_door', 'ns_rear_quarter', 'os_rear_quarter',
          'windscreen', 'wheels', 'interior', 'mechanical')

# standard prep costs added to every appraisal (valet, MOT, service)
STANDARD_PREP = 175
SEVERITY_COST = {1: 60, 2: 150, 3: 320, 4: 650}


def create_appraisal(data, appraiser_id):
    reg = utils.normalise_reg(data.get('reg'))
    aid = db.insert('appraisals', {
        'customer_id': data.get('customer_id'),
        'reg': reg,
        'vin': (data.get('vin') or '').upper() or None,
        'make': (data.get('make') or '').upper(),
        'model': data.get('model'),
        'year': utils.safe_int(data.get('year'), None),
        'mileage': utils.safe_int(data.get('mileage'), 0),
        'appraiser_id': appraiser_id,
        'status': 'open',
        'created_at': dates.now(),
    })
    try:
        from dealer import bookvalue
        bv = bookvalue.lookup(reg, data.get('mileage'))
        if bv:
            db.execute('UPDATE appraisals SET book_value = %s WHERE id = %s',
                       (bv['trade_value'], aid))
    except Exception:
        log.exception('book value lookup failed for %s', reg)
    return aid


def get_appraisal(appraisal_id):
    a = db.query_one('SELECT * FROM appraisals WHERE id = %s', (appraisal_id,))
    if a:
        a['damage'] = db.query('SELECT * FROM appraisal_damage WHERE appraisal_id = %s',
                               (appraisal_id,))
    return a


def add_damage(appraisal_id, panel, severity, cost_estimate=None):
    if panel not in PANELS:
        raise ValueError('Unknown panel %s' % panel)
    severity = max(1, min(4, utils.safe_int(severity, 1)))
    if cost_estimate is None:
        cost_estimate = SEVERITY_COST[severity]
    db.execute('INSERT INTO appraisal_damage (appraisal_id, panel, severity, cost_estimate) '
               'VALUES (%s, %s, %s, %s)', (appraisal_id, panel, severity, cost_estimate))
    estimate_recon(appraisal_id)


def estimate_recon(appraisal_id):
    dmg = db.query_value('SELECT COALESCE(SUM(cost_estimate), 0) FROM appraisal_damage '
                         'WHERE appraisal_id = %s', (appraisal_id,), 0)
    total = utils.round_money(utils.to_decimal(dmg, 0) + STANDARD_PREP)
    db.execute('UPDATE appraisals SET recon_estimate = %s WHERE id = %s', (total, appraisal_id))
    return total


def suggested_offer(appraisal_id, margin_pct=8):
    a = db.query_one('SELECT book_value, recon_estimate, mileage, year FROM appraisals '
                     'WHERE id = %s', (appraisal_id,))
    if not a or not a['book_value']:
        return None
    base = float(a['book_value']) - float(a['recon_estimate'] or 0)
    # high-mileage penalty, 10p a mile over 12k/year
    if a['year']:
        expected = max(1, dates.today().year - a['year']) * 12000
        if a['mileage'] and a['mileage'] > expected:
            base -= (a['mileage'] - expected) * 0.10
    offer = base * (1 - margin_pct / 100.0)
    # round down to nearest 50, that's what the managers do by hand anyway
    return max(0, int(offer // 50) * 50)


def make_offer(appraisal_id, offer):
    db.execute("UPDATE appraisals SET offer = %s, status = 'offered' WHERE id = %s",
               (utils.round_money(offer), appraisal_id))


def accept_appraisal(appraisal_id, allowance=None, settlement=0, settlement_lender=None):
    a = db.query_one('SELECT * FROM appraisals WHERE id = %s', (appraisal_id,))
    if a['status'] not in ('open', 'offered'):
        raise ValueError('Appraisal is %s' % a['status'])
    if a['created_at'] and dates.age_in_days(a['created_at']) > APPRAISAL_VALID_DAYS:
        raise ValueError('Appraisal is older than %d days, re-appraise' % APPRAISAL_VALID_DAYS)
    allowance = utils.round_money(allowance if allowance is not None else a['offer'])
    db.execute("UPDATE appraisals SET status = 'accepted' WHERE id = %s", (appraisal_id,))
    return db.execute('INSERT INTO trade_ins (appraisal_id, allowance, settlement, '
                      'settlement_lender) VALUES (%s, %s, %s, %s)',
                      (appraisal_id, allowance, utils.round_money(settlement), settlement_lender))


def record_settlement(trade_in_id, amount, lender):
    db.execute('UPDATE trade_ins SET settlement = %s, settlement_lender = %s WHERE id = %s',
               (utils.round_money(amount), lender, trade_in_id))


def take_into_stock(trade_in_id):
    """Called from sales.deliver_deal.  The px becomes a used stock unit."""
    t = db.query_one('SELECT t.*, a.reg, a.vin, a.make, a.model, a.year, a.mileage, '
                     'a.book_value FROM trade_ins t JOIN appraisals a ON a.id = t.appraisal_id '
                     'WHERE t.id = %s', (trade_in_id,))
    if t['vehicle_id']:
        return t['vehicle_id']
    vid = inventory.create_vehicle({
        'reg': t['reg'], 'vin': t['vin'], 'make': t['make'], 'model': t['model'],
        'year': t['year'], 'mileage': t['mileage'],
        # stock at book, not allowance; over-allowance is charged to the deal
        'purchase_price': min(t['allowance'], t['book_value'] or t['allowance']),
        'retail_price': None, 'status': 'recon', 'source': 'trade_in',
    })
    db.execute('UPDATE trade_ins SET vehicle_id = %s, received_at = NOW() WHERE id = %s',
               (vid, trade_in_id))
    return vid


def expire_appraisals():
    cutoff = dates.now() - datetime.timedelta(days=APPRAISAL_VALID_DAYS)
    return db.execute("UPDATE appraisals SET status = 'expired' WHERE status IN ('open', 'offered') "
                      "AND created_at < %s", (cutoff,))


def appraisals_for_customer(customer_id):
    return db.query('SELECT * FROM appraisals WHERE customer_id = %s ORDER BY created_at DESC',
                    (customer_id,))


def open_appraisals():
    return db.query("SELECT a.*, e.username AS appraiser FROM appraisals a "
                    "LEFT JOIN employees e ON e.id = a.appraiser_id "
                    "WHERE a.status IN ('open', 'offered') ORDER BY a.created_at DESC")
