# -*- coding: utf-8 -*-
"""Finance & insurance desk: lenders, rates, applications, decisions."""
import json
import logging
import urllib.request
import urllib.error

from dealer import db, utils, dates
from dealer.decorators import memoize, retry

log = logging.getLogger('dealer.finance')

PRODUCTS = ('hp', 'pcp', 'lease')


class FinanceError(Exception):
    pass


def list_lenders(active_only=True):
    sql = 'SELECT * FROM lenders'
    if active_only:
        sql += ' WHERE active = 1'
    return db.query(sql + ' ORDER BY name')


@memoize(ttl=600)
def current_rates(product, term_months):
    return db.query('SELECT r.*, l.name AS lender FROM lender_rates r '
                    'JOIN lenders l ON l.id = r.lender_id '
                    'WHERE l.active = 1 AND r.product = %s AND r.term_months = %s '
                    'AND r.valid_from <= CURDATE() '
                    'AND r.valid_from = (SELECT MAX(r2.valid_from) FROM lender_rates r2 '
                    '  WHERE r2.lender_id = r.lender_id AND r2.product = r.product '
                    '  AND r2.term_months = r.term_months AND r2.valid_from <= CURDATE()) '
                    'ORDER BY r.apr', (product, term_months))


def best_rate(product, term_months):
    rates = current_rates(product, term_months)
    return rates[0] if rates else None


def update_lender_rates(lender_id, rows, valid_from=None):
    valid_from = valid_from or dates.today()
    n = 0
    for r in rows:
        if r['product'] not in PRODUCTS:
            continue
        db.execute('INSERT INTO lender_rates (lender_id, product, term_months, apr, valid_from) '
                   'VALUES (%s, %s, %s, %s, %s)',
                   (lender_id, r['product'], int(r['term_months']), r['apr'], valid_from))
        n += 1
    current_rates.clear()
    return n


def quote_options(amount, deposit=0, terms=(24, 36, 48, 60), product='hp', balloon=0):
    """What the F&I manager shows on the menu screen."""
    out = []
    principal = float(amount) - float(deposit or 0)
    for term in terms:
        r = best_rate(product, term)
        if not r:
            continue
        out.append({
            'term': term, 'lender': r['lender'], 'lender_id': r['lender_id'],
            'apr': float(r['apr']),
            'monthly': utils.calc_monthly_payment(principal, r['apr'], term, balloon),
        })
    return out


def create_application(customer_id, vehicle_id, amount, deposit, term_months, product,
                       lender_id, fi_manager_id, balloon=0):
    if product not in PRODUCTS:
        raise FinanceError('Unknown product %s' % product)
    rate = db.query_one('SELECT apr FROM lender_rates WHERE lender_id = %s AND product = %s '
                        'AND term_months = %s ORDER BY valid_from DESC LIMIT 1',
                        (lender_id, product, term_months))
    if rate is None:
        raise FinanceError('Lender has no rate for that product/term')
    return db.insert('finance_applications', {
        'customer_id': customer_id, 'vehicle_id': vehicle_id, 'lender_id': lender_id,
        'product': product, 'amount': utils.round_money(amount),
        'deposit': utils.round_money(deposit), 'term_months': term_months,
        'balloon': utils.round_money(balloon), 'apr': rate['apr'], 'status': 'draft',
        'fi_manager_id': fi_manager_id,
    })


def link_to_deal(app_id, deal_id):
    db.execute('UPDATE deals SET finance_app_id = %s, fi_manager_id = '
               '(SELECT fi_manager_id FROM finance_applications WHERE id = %s) WHERE id = %s',
               (app_id, app_id, deal_id))


def build_payload(app_id):
    a = db.query_one('SELECT * FROM finance_applications WHERE id = %s', (app_id,))
    c = db.query_one('SELECT * FROM customers WHERE id = %s', (a['customer_id'],))
    v = db.query_one('SELECT * FROM vehicles WHERE id = %s', (a['vehicle_id'],))
    lender = db.query_one('SELECT * FROM lenders WHERE id = %s', (a['lender_id'],))
    return lender, {
        'dealerCode': lender['dealer_code'],
        'reference': 'HM-%d' % app_id,
        'product': a['product'].upper(),
        'applicant': {
            'title': c['title'], 'firstName': c['first_name'], 'lastName': c['last_name'],
            'dob': str(c['dob']) if c['dob'] else None, 'email': c['email'],
            'mobile': c['mobile'], 'postcode': c['postcode'],
            'address': [c['address1'], c['address2'], c['town']],
        },
        'asset': {'vin': v['vin'], 'reg': v['reg'], 'make': v['make'], 'model': v['model'],
                  'mileage': v['mileage'], 'new': bool(v['is_new'])},
        'advance': float(a['amount']), 'deposit': float(a['deposit'] or 0),
        'term': a['term_months'], 'balloon': float(a['balloon'] or 0),
    }


@retry(times=2, delay=3, exceptions=(urllib.error.URLError,))
def _post(url, payload):
    req = urllib.request.Request(url, json.dumps(payload).encode('utf8'),
                                 {'Content-Type': 'application/json'})
    return json.loads(urllib.request.urlopen(req, timeout=45).read().decode('utf8'))


def submit_application(app_id):
    lender, payload = build_payload(app_id)
    if not lender['api_url']:
        # some lenders are still phone/fax. Just mark it submitted.
        db.execute("UPDATE finance_applications SET status = 'submitted', submitted_at = NOW() "
                   "WHERE id = %s", (app_id,))
        return None
    resp = _post(lender['api_url'].rstrip('/') + '/applications', payload)
    db.execute("UPDATE finance_applications SET status = 'submitted', submitted_at = NOW() "
               "WHERE id = %s", (app_id,))
    if resp.get('decision'):
        record_decision(app_id, resp['decision'], resp.get('reference'), resp.get('conditions'))
    return resp


def record_decision(app_id, decision, reference=None, conditions=None):
    decision = (decision or '').lower()
    status = {'accept': 'approved', 'approved': 'approved', 'refer': 'submitted',
              'decline': 'declined', 'declined': 'declined'}.get(decision, 'submitted')
    db.execute('INSERT INTO finance_decisions (application_id, decision, reference, conditions, '
               'received_at) VALUES (%s, %s, %s, %s, NOW())',
               (app_id, decision, reference,
                json.dumps(conditions) if isinstance(conditions, (list, dict)) else conditions))
    db.execute('UPDATE finance_applications SET status = %s WHERE id = %s', (status, app_id))
    if status == 'approved':
        deal = db.query_one('SELECT id FROM deals WHERE finance_app_id = %s', (app_id,))
        if deal:
            from dealer import sales
            sales.recalc_gross(deal['id'])
    return status


def poll_pending_decisions():
    pending = db.query("SELECT f.id, l.api_url FROM finance_applications f "
                       "JOIN lenders l ON l.id = f.lender_id WHERE f.status = 'submitted' "
                       "AND l.api_url IS NOT NULL AND f.submitted_at > DATE_SUB(NOW(), INTERVAL 14 DAY)")
    n = 0
    for p in pending:
        try:
            url = p['api_url'].rstrip('/') + '/applications/HM-%d' % p['id']
            resp = json.loads(urllib.request.urlopen(url, timeout=30).read().decode('utf8'))
        except Exception as e:
            log.warning('poll failed for app %s: %s', p['id'], e)
            continue
        if resp.get('decision') and resp['decision'].lower() != 'refer':
            record_decision(p['id'], resp['decision'], resp.get('reference'), resp.get('conditions'))
            n += 1
    return n


def decisions_for(app_id):
    return db.query('SELECT * FROM finance_decisions WHERE application_id = %s '
                    'ORDER BY received_at', (app_id,))


def affordability_ok(monthly, net_income, other_commitments=0):
    # lenders want car payment < 25% of net, roughly. Advisory only.
    if not net_income:
        return True
    return (float(monthly) + float(other_commitments or 0)) <= float(net_income) * 0.25


def applications_for_customer(customer_id):
    return db.query('SELECT f.*, l.name AS lender FROM finance_applications f '
                    'LEFT JOIN lenders l ON l.id = f.lender_id WHERE f.customer_id = %s '
                    'ORDER BY f.id DESC', (customer_id,))
