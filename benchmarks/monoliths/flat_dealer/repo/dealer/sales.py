# -*- coding: utf-8 -*-
"""Deals: from signed quote to delivery.  Gross calculations, deposits,
test drives.  See quotes.py for the quoting side."""
import datetime
import logging

from dealer import db, utils, dates, inventory, crm
from dealer.constants import DEFAULT_FEES, FOLLOWUP_AFTER_DELIVERY_DAYS

log = logging.getLogger('dealer.sales')


class DealError(Exception):
    pass


def next_deal_no():
    year = dates.today().year % 100
    last = db.query_value("SELECT deal_no FROM deals WHERE deal_no LIKE %s "
                          "ORDER BY id DESC LIMIT 1", ('D%02d%%' % year,))
    seq = utils.safe_int(last[3:], 0) + 1 if last else 1
    return 'D%02d%05d' % (year, seq)


def get_deal(deal_id):
    return db.query_one(
        'SELECT d.*, c.first_name, c.last_name, c.email, v.stock_no, v.make, v.model, '
        'v.reg, v.purchase_price, e.username AS salesperson '
        'FROM deals d JOIN customers c ON c.id = d.customer_id '
        'JOIN vehicles v ON v.id = d.vehicle_id '
        'LEFT JOIN employees e ON e.id = d.salesperson_id WHERE d.id = %s', (deal_id,))


def create_deal(customer_id, vehicle_id, salesperson_id, sale_price, quote_id=None,
                trade_in_id=None):
    v = db.query_one('SELECT status FROM vehicles WHERE id = %s', (vehicle_id,))
    if v is None:
        raise DealError('Vehicle not found')
    if v['status'] not in ('in_stock', 'reserved', 'transit', 'recon'):
        raise DealError('Vehicle is %s' % v['status'])
    open_deal = db.query_one("SELECT deal_no FROM deals WHERE vehicle_id = %s "
                             "AND status IN ('pending', 'signed')", (vehicle_id,))
    if open_deal:
        raise DealError('Vehicle already on deal %s' % open_deal['deal_no'])
    with db.transaction():
        deal_id = db.insert('deals', {
            'deal_no': next_deal_no(),
            'quote_id': quote_id,
            'customer_id': customer_id,
            'vehicle_id': vehicle_id,
            'salesperson_id': salesperson_id,
            'sale_price': utils.round_money(sale_price),
            'trade_in_id': trade_in_id,
            'status': 'pending',
        })
        if v['status'] != 'reserved':
            inventory.mark_reserved(vehicle_id)
        apply_default_fees(deal_id)
    recalc_gross(deal_id)
    crm.touch_customer(customer_id, 'deal created')
    return deal_id


def create_deal_from_quote(quote_id, user_id):
    q = db.query_one('SELECT * FROM quotes WHERE id = %s', (quote_id,))
    if q is None:
        raise DealError('Quote not found')
    if q['status'] not in ('open',):
        raise DealError('Quote is %s' % q['status'])
    trade_in_id = None
    if q['appraisal_id']:
        ti = db.query_one('SELECT id FROM trade_ins WHERE appraisal_id = %s', (q['appraisal_id'],))
        trade_in_id = ti and ti['id']
    price = utils.to_decimal(q['price'], 0) - utils.to_decimal(q['discount'], 0)
    deal_id = create_deal(q['customer_id'], q['vehicle_id'], q['salesperson_id'] or user_id,
                          price, quote_id=quote_id, trade_in_id=trade_in_id)
    # quote lines that are fees become deal_fees (accessories stay in the price)
    for line in db.query('SELECT * FROM quote_lines WHERE quote_id = %s', (quote_id,)):
        if line['description'].lower() in DEFAULT_FEES:
            db.execute('UPDATE deal_fees SET amount = %s WHERE deal_id = %s AND fee_type = %s',
                       (line['amount'], deal_id, line['description'].lower()))
    db.execute("UPDATE quotes SET status = 'accepted' WHERE id = %s", (quote_id,))
    db.execute('UPDATE deposits SET deal_id = %s WHERE quote_id = %s AND deal_id IS NULL',
               (deal_id, quote_id))
    return deal_id


def apply_default_fees(deal_id, is_new=None):
    if is_new is None:
        is_new = db.query_value('SELECT v.is_new FROM deals d JOIN vehicles v '
                                'ON v.id = d.vehicle_id WHERE d.id = %s', (deal_id,), 0)
    for fee, amount in DEFAULT_FEES.items():
        if fee in ('first_reg', 'plates') and not is_new:
            continue
        add_fee(deal_id, fee, amount)


def add_fee(deal_id, fee_type, amount):
    existing = db.query_one('SELECT id FROM deal_fees WHERE deal_id = %s AND fee_type = %s',
                            (deal_id, fee_type))
    if existing:
        db.execute('UPDATE deal_fees SET amount = %s WHERE id = %s', (amount, existing['id']))
        return existing['id']
    return db.execute('INSERT INTO deal_fees (deal_id, fee_type, amount) VALUES (%s, %s, %s)',
                      (deal_id, fee_type, amount))


def remove_fee(deal_id, fee_type):
    db.execute('DELETE FROM deal_fees WHERE deal_id = %s AND fee_type = %s', (deal_id, fee_type))


def calc_front_gross(deal_id):
    d = db.query_one('SELECT * FROM deals WHERE id = %s', (deal_id,))
    cost = inventory.vehicle_cost_breakdown(d['vehicle_id'])['total']
    gross = utils.to_decimal(d['sale_price'], 0) - utils.to_decimal(cost, 0)
    admin = db.query_value("SELECT amount FROM deal_fees WHERE deal_id = %s AND fee_type = 'admin'",
                           (deal_id,), 0)
    gross += utils.to_decimal(admin, 0)
    if d['trade_in_id']:
        # over-allowance on the px reduces front gross
        ti = db.query_one('SELECT t.allowance, a.book_value FROM trade_ins t '
                          'JOIN appraisals a ON a.id = t.appraisal_id WHERE t.id = %s',
                          (d['trade_in_id'],))
        if ti and ti['book_value'] and ti['allowance'] > ti['book_value']:
            gross -= ti['allowance'] - ti['book_value']
    return utils.round_money(gross)


def calc_back_gross(deal_id):
    """F&I income: finance commission + insurance + warranty margin."""
    d = db.query_one('SELECT finance_app_id FROM deals WHERE id = %s', (deal_id,))
    total = utils.to_decimal(0)
    if d['finance_app_id']:
        fa = db.query_one('SELECT f.amount, l.commission_pct FROM finance_applications f '
                          'JOIN lenders l ON l.id = f.lender_id WHERE f.id = %s '
                          "AND f.status IN ('approved', 'paid_out')", (d['finance_app_id'],))
        if fa:
            total += utils.to_decimal(fa['amount']) * utils.to_decimal(fa['commission_pct']) / 100
    ins = db.query_value('SELECT COALESCE(SUM(dealer_commission), 0) FROM insurance_policies '
                         'WHERE deal_id = %s AND cancelled = 0', (deal_id,), 0)
    total += utils.to_decimal(ins, 0)
    war = db.query_value('SELECT COALESCE(SUM(wc.sold_price - wp.cost), 0) FROM warranty_contracts wc '
                         'JOIN warranty_products wp ON wp.id = wc.product_id '
                         "WHERE wc.deal_id = %s AND wc.status = 'active'", (deal_id,), 0)
    total += utils.to_decimal(war, 0)
    return utils.round_money(total)


def recalc_gross(deal_id):
    front = calc_front_gross(deal_id)
    back = calc_back_gross(deal_id)
    db.execute('UPDATE deals SET front_gross = %s, back_gross = %s WHERE id = %s',
               (front, back, deal_id))
    return front, back


def sign_deal(deal_id, fi_manager_id=None):
    d = db.query_one('SELECT status FROM deals WHERE id = %s', (deal_id,))
    if d['status'] != 'pending':
        raise DealError('Deal is %s' % d['status'])
    db.execute("UPDATE deals SET status = 'signed', signed_at = NOW(), fi_manager_id = %s "
               "WHERE id = %s", (fi_manager_id, deal_id))
    recalc_gross(deal_id)


def take_deposit(amount, method, user_id, deal_id=None, quote_id=None):
    if not deal_id and not quote_id:
        raise DealError('Deposit needs a deal or a quote')
    amount = utils.round_money(amount)
    if amount <= 0:
        raise DealError('Deposit must be positive')
    if method not in ('card', 'cash', 'bacs', 'cheque'):
        raise DealError('Unknown payment method')
    if method == 'cash' and amount > 8000:
        # money laundering regs -- €10k limit, keep margin
        raise DealError('Cash over 8000 needs manager approval')
    return db.execute('INSERT INTO deposits (deal_id, quote_id, amount, method, taken_by, '
                      'taken_at) VALUES (%s, %s, %s, %s, %s, NOW())',
                      (deal_id, quote_id, amount, method, user_id))


def refund_deposit(deposit_id):
    db.execute('UPDATE deposits SET refunded = 1 WHERE id = %s', (deposit_id,))


def deposits_total(deal_id):
    return db.query_value('SELECT COALESCE(SUM(amount), 0) FROM deposits WHERE deal_id = %s '
                          'AND refunded = 0', (deal_id,), 0)


def balance_due(deal_id):
    d = db.query_one('SELECT sale_price, trade_in_id, finance_app_id FROM deals WHERE id = %s',
                     (deal_id,))
    total = utils.to_decimal(d['sale_price'], 0)
    total += utils.to_decimal(db.query_value(
        'SELECT COALESCE(SUM(amount), 0) FROM deal_fees WHERE deal_id = %s', (deal_id,), 0))
    if d['trade_in_id']:
        ti = db.query_one('SELECT allowance, settlement FROM trade_ins WHERE id = %s',
                          (d['trade_in_id'],))
        total -= utils.to_decimal(ti['allowance'], 0) - utils.to_decimal(ti['settlement'], 0)
    if d['finance_app_id']:
        fa = db.query_one("SELECT amount FROM finance_applications WHERE id = %s "
                          "AND status IN ('approved', 'paid_out')", (d['finance_app_id'],))
        if fa:
            total -= utils.to_decimal(fa['amount'], 0)
    total -= utils.to_decimal(deposits_total(deal_id), 0)
    return utils.round_money(total)


def deliver_deal(deal_id, user_id=None):
    d = db.query_one('SELECT * FROM deals WHERE id = %s', (deal_id,))
    if d['status'] != 'signed':
        raise DealError('Only signed deals can be delivered')
    if balance_due(deal_id) > 0:
        raise DealError('Balance outstanding: %s' % utils.format_money(balance_due(deal_id)))
    with db.transaction():
        db.execute("UPDATE deals SET status = 'delivered', delivered_at = NOW() WHERE id = %s",
                   (deal_id,))
        # straight SQL because inventory.mark_sold sets 'sold', we need 'delivered'
        db.execute("UPDATE vehicles SET status = 'delivered', sold_on = CURDATE() WHERE id = %s",
                   (d['vehicle_id'],))
        if d['trade_in_id']:
            from dealer import tradein
            tradein.take_into_stock(d['trade_in_id'])
        if d['finance_app_id']:
            db.execute("UPDATE finance_applications SET status = 'paid_out' WHERE id = %s "
                       "AND status = 'approved'", (d['finance_app_id'],))
    for days in FOLLOWUP_AFTER_DELIVERY_DAYS:
        crm.schedule_followup(d['customer_id'], d['salesperson_id'],
                              dates.today() + datetime.timedelta(days=days),
                              'post-delivery %dd' % days)
    from dealer import commissions
    commissions.accrue_for_deal(deal_id)
    log.info('deal %s delivered', d['deal_no'])


def unwind_deal(deal_id, reason):
    """Customer changed mind / finance fell through after delivery. Rare, messy."""
    d = db.query_one('SELECT * FROM deals WHERE id = %s', (deal_id,))
    if d['status'] == 'unwound':
        return
    with db.transaction():
        db.execute("UPDATE deals SET status = 'unwound' WHERE id = %s", (deal_id,))
        db.execute("UPDATE vehicles SET status = 'in_stock', sold_on = NULL WHERE id = %s",
                   (d['vehicle_id'],))
        db.execute('UPDATE insurance_policies SET cancelled = 1 WHERE deal_id = %s', (deal_id,))
        db.execute("UPDATE warranty_contracts SET status = 'cancelled' WHERE deal_id = %s",
                   (deal_id,))
    if d['status'] == 'delivered':
        from dealer import commissions
        commissions.chargeback_deal(deal_id, reason)
    crm.add_note(d['customer_id'], None, 'Deal %s unwound: %s' % (d['deal_no'], reason))


def book_test_drive(customer_id, vehicle_id, salesperson_id, licence_checked, miles_out):
    if not licence_checked:
        raise DealError('Check the licence first (insurance requirement)')
    busy = db.query_one('SELECT id FROM test_drives WHERE vehicle_id = %s AND back_at IS NULL',
                        (vehicle_id,))
    if busy:
        raise DealError('Vehicle is already out on a test drive')
    return db.execute('INSERT INTO test_drives (customer_id, vehicle_id, salesperson_id, '
                      'licence_checked, out_at, miles_out) VALUES (%s, %s, %s, 1, NOW(), %s)',
                      (customer_id, vehicle_id, salesperson_id, miles_out))


def return_test_drive(test_drive_id, miles_back):
    td = db.query_one('SELECT * FROM test_drives WHERE id = %s', (test_drive_id,))
    db.execute('UPDATE test_drives SET back_at = NOW(), miles_back = %s WHERE id = %s',
               (miles_back, test_drive_id))
    db.execute('UPDATE vehicles SET mileage = %s WHERE id = %s AND mileage < %s',
               (miles_back, td['vehicle_id'], miles_back))


def test_drives_out():
    return db.query('SELECT t.*, v.stock_no, v.reg, c.last_name FROM test_drives t '
                    'JOIN vehicles v ON v.id = t.vehicle_id '
                    'JOIN customers c ON c.id = t.customer_id WHERE t.back_at IS NULL')


def salesperson_board(period=None):
    start, end = dates.period_bounds(period or utils.period_of(dates.today()))
    return db.query('SELECT e.id, e.first_name, e.last_name, COUNT(d.id) AS units, '
                    'SUM(d.front_gross) AS front, SUM(d.back_gross) AS back '
                    'FROM deals d JOIN employees e ON e.id = d.salesperson_id '
                    "WHERE d.status = 'delivered' AND d.delivered_at BETWEEN %s AND %s "
                    'GROUP BY e.id ORDER BY units DESC, front DESC',
                    (dates.start_of_day(start), dates.end_of_day(end)))
