# -*- coding: utf-8 -*-
"""Sales / F&I / technician commission.  Rules are per commission_plan.
If you change anything here tell payroll (Sandra) BEFORE month end."""
import logging

from dealer import db, utils, dates

log = logging.getLogger('dealer.commissions')


def get_plan(employee_id):
    return db.query_one('SELECT p.* FROM commission_plans p JOIN employees e '
                        'ON e.commission_plan_id = p.id WHERE e.id = %s', (employee_id,))


def create_plan(name, front_pct=0, back_pct=0, flat_per_unit=0, min_per_unit=0,
                volume_bonus_threshold=0, volume_bonus=0):
    return db.insert('commission_plans', {
        'name': name, 'front_pct': front_pct, 'back_pct': back_pct,
        'flat_per_unit': flat_per_unit, 'min_per_unit': min_per_unit,
        'volume_bonus_threshold': volume_bonus_threshold, 'volume_bonus': volume_bonus,
    })


def assign_plan(employee_id, plan_id):
    db.execute('UPDATE employees SET commission_plan_id = %s WHERE id = %s', (plan_id, employee_id))


def calc_deal_commission(deal_id):
    """Returns list of (employee_id, kind, amount)."""
    d = db.query_one('SELECT salesperson_id, fi_manager_id, front_gross, back_gross '
                     'FROM deals WHERE id = %s', (deal_id,))
    out = []
    sp_plan = get_plan(d['salesperson_id']) if d['salesperson_id'] else None
    if sp_plan:
        front = utils.to_decimal(d['front_gross'], 0)
        amt = max(front, 0) * utils.to_decimal(sp_plan['front_pct']) / 100
        amt = max(amt, utils.to_decimal(sp_plan['min_per_unit'], 0))
        out.append((d['salesperson_id'], 'front', utils.round_money(amt)))
        if sp_plan['flat_per_unit']:
            out.append((d['salesperson_id'], 'unit', utils.round_money(sp_plan['flat_per_unit'])))
    fi_id = d['fi_manager_id'] or d['salesperson_id']
    fi_plan = get_plan(fi_id) if fi_id else None
    if fi_plan and fi_plan['back_pct'] and d['back_gross']:
        amt = utils.to_decimal(d['back_gross']) * utils.to_decimal(fi_plan['back_pct']) / 100
        out.append((fi_id, 'back', utils.round_money(amt)))
    return out


def accrue_for_deal(deal_id):
    if db.query_one("SELECT id FROM commission_entries WHERE deal_id = %s AND kind != 'chargeback'",
                    (deal_id,)):
        log.info('commission already accrued for deal %s', deal_id)
        return 0
    period = utils.period_of(dates.today())
    n = 0
    for emp_id, kind, amount in calc_deal_commission(deal_id):
        if not amount:
            continue
        db.execute('INSERT INTO commission_entries (employee_id, deal_id, kind, amount, period, '
                   'created_at) VALUES (%s, %s, %s, %s, %s, NOW())',
                   (emp_id, deal_id, kind, amount, period))
        n += 1
    return n


def chargeback_deal(deal_id, reason=''):
    rows = db.query("SELECT employee_id, SUM(amount) AS total FROM commission_entries "
                    "WHERE deal_id = %s GROUP BY employee_id", (deal_id,))
    period = utils.period_of(dates.today())
    for r in rows:
        if r['total'] and r['total'] > 0:
            db.execute("INSERT INTO commission_entries (employee_id, deal_id, kind, amount, period, "
                       "created_at) VALUES (%s, %s, 'chargeback', %s, %s, NOW())",
                       (r['employee_id'], deal_id, -r['total'], period))
    log.info('chargeback for deal %s: %s', deal_id, reason)


def volume_bonuses(period):
    start, end = dates.period_bounds(period)
    rows = db.query("SELECT d.salesperson_id, COUNT(*) AS units, p.volume_bonus_threshold, "
                    "p.volume_bonus FROM deals d JOIN employees e ON e.id = d.salesperson_id "
                    "JOIN commission_plans p ON p.id = e.commission_plan_id "
                    "WHERE d.status = 'delivered' AND DATE(d.delivered_at) BETWEEN %s AND %s "
                    "GROUP BY d.salesperson_id", (start, end))
    n = 0
    for r in rows:
        if r['volume_bonus_threshold'] and r['units'] >= r['volume_bonus_threshold']:
            exists = db.query_one("SELECT id FROM commission_entries WHERE employee_id = %s "
                                  "AND kind = 'bonus' AND period = %s", (r['salesperson_id'], period))
            if not exists:
                db.execute("INSERT INTO commission_entries (employee_id, kind, amount, period, "
                           "created_at) VALUES (%s, 'bonus', %s, %s, NOW())",
                           (r['salesperson_id'], r['volume_bonus'], period))
                n += 1
    return n


def technician_bonuses(period, rate_per_hour=2.50, min_efficiency=1.0):
    """Techs get a bonus per sold hour when sold/clocked >= min_efficiency."""
    start, end = dates.period_bounds(period)
    rows = db.query("SELECT t.employee_id, SUM(l.sold_hours) AS sold, SUM(l.actual_hours) AS clocked "
                    "FROM ro_labour l JOIN technicians t ON t.id = l.technician_id "
                    "JOIN repair_orders r ON r.id = l.ro_id WHERE r.status = 'invoiced' "
                    "AND DATE(r.closed_at) BETWEEN %s AND %s GROUP BY t.employee_id", (start, end))
    n = 0
    for r in rows:
        if not r['clocked']:
            continue
        eff = float(r['sold']) / float(r['clocked'])
        if eff >= min_efficiency:
            db.execute("INSERT INTO commission_entries (employee_id, kind, amount, period, created_at) "
                       "VALUES (%s, 'labour', %s, %s, NOW())",
                       (r['employee_id'], utils.round_money(float(r['sold']) * rate_per_hour), period))
            n += 1
    return n


def statement(employee_id, period):
    rows = db.query('SELECT c.*, d.deal_no FROM commission_entries c '
                    'LEFT JOIN deals d ON d.id = c.deal_id WHERE c.employee_id = %s '
                    'AND c.period = %s ORDER BY c.created_at', (employee_id, period))
    total = sum(utils.to_decimal(r['amount'], 0) for r in rows)
    return rows, utils.round_money(total)


def unpaid_total(employee_id, period):
    return db.query_value('SELECT COALESCE(SUM(amount), 0) FROM commission_entries '
                          'WHERE employee_id = %s AND period <= %s AND payroll_run_id IS NULL',
                          (employee_id, period), 0)
