# -*- coding: utf-8 -*-
"""Service workshop: repair orders, labour, technicians."""
import logging

from dealer import db, utils, dates, parts, inventory
from dealer.decorators import memoize
from dealer.constants import PAY_TYPE_INTERNAL, PAY_TYPE_WARRANTY

log = logging.getLogger('dealer.workshop')

DEFAULT_RATE_CODE = {'C': 'RETAIL', 'W': 'WARR', 'I': 'INTERNAL'}


class ROError(Exception):
    pass


def next_ro_number():
    last = db.query_value('SELECT ro_no FROM repair_orders ORDER BY id DESC LIMIT 1')
    n = utils.safe_int((last or 'R0')[1:], 0) + 1
    return 'R%06d' % n


@memoize(ttl=3600)
def labour_rate(code):
    row = db.query_one('SELECT hourly FROM labour_rates WHERE code = %s AND valid_from <= CURDATE() '
                       'ORDER BY valid_from DESC LIMIT 1', (code,))
    if row is None:
        raise ROError('No labour rate %s' % code)
    return row['hourly']


def find_or_create_customer_vehicle(customer_id, reg, make=None, model=None, vin=None, mileage=None):
    """Customer cars live in the vehicles table too (owner_customer_id set).
    Stock cars we sold them keep their row, we just set the owner."""
    reg = utils.normalise_reg(reg)
    v = db.query_one('SELECT id, owner_customer_id FROM vehicles WHERE reg = %s '
                     'ORDER BY id DESC LIMIT 1', (reg,))
    if v:
        if v['owner_customer_id'] != customer_id:
            db.execute('UPDATE vehicles SET owner_customer_id = %s WHERE id = %s',
                       (customer_id, v['id']))
        return v['id']
    return db.insert('vehicles', {
        'stock_no': 'C' + reg, 'reg': reg, 'vin': vin, 'make': (make or '').upper(),
        'model': model, 'mileage': mileage, 'status': 'customer', 'source': 'customer',
        'owner_customer_id': customer_id,
    })


def open_ro(vehicle_id, customer_id, advisor_id, pay_type='C', mileage_in=None):
    if pay_type not in ('C', 'W', 'I'):
        raise ROError('Bad pay type')
    ro_id = db.insert('repair_orders', {
        'ro_no': next_ro_number(), 'customer_id': customer_id, 'vehicle_id': vehicle_id,
        'advisor_id': advisor_id, 'pay_type': pay_type, 'status': 'open',
        'mileage_in': mileage_in, 'opened_at': dates.now(),
    })
    if mileage_in:
        db.execute('UPDATE vehicles SET mileage = %s WHERE id = %s AND (mileage IS NULL OR mileage < %s)',
                   (mileage_in, vehicle_id, mileage_in))
    return ro_id


def open_recon_ro(vehicle_id, advisor_id):
    """Internal job to prep a used car for sale."""
    v = db.query_one('SELECT status FROM vehicles WHERE id = %s', (vehicle_id,))
    ro_id = open_ro(vehicle_id, None, advisor_id, PAY_TYPE_INTERNAL)
    if v and v['status'] == 'in_stock':
        inventory.set_status(vehicle_id, 'recon')
    return ro_id


def get_ro(ro_id):
    ro = db.query_one('SELECT r.*, v.reg, v.make, v.model, c.first_name, c.last_name, c.mobile '
                      'FROM repair_orders r JOIN vehicles v ON v.id = r.vehicle_id '
                      'LEFT JOIN customers c ON c.id = r.customer_id WHERE r.id = %s', (ro_id,))
    if ro:
        ro['labour'] = db.query('SELECT l.*, e.first_name AS tech FROM ro_labour l '
                                'LEFT JOIN technicians t ON t.id = l.technician_id '
                                'LEFT JOIN employees e ON e.id = t.employee_id '
                                'WHERE l.ro_id = %s', (ro_id,))
        ro['parts'] = db.query('SELECT rp.*, p.part_no, p.description FROM ro_parts rp '
                               'JOIN parts p ON p.id = rp.part_id WHERE rp.ro_id = %s', (ro_id,))
    return ro


def _check_open(ro_id):
    st = db.query_value('SELECT status FROM repair_orders WHERE id = %s', (ro_id,))
    if st not in ('open', 'wip'):
        raise ROError('RO is %s' % st)


def add_labour(ro_id, op_code, description, sold_hours, technician_id=None, rate_code=None):
    _check_open(ro_id)
    if rate_code is None:
        pt = db.query_value('SELECT pay_type FROM repair_orders WHERE id = %s', (ro_id,))
        rate_code = DEFAULT_RATE_CODE.get(pt, 'RETAIL')
    lid = db.execute('INSERT INTO ro_labour (ro_id, technician_id, op_code, description, '
                     'sold_hours, rate) VALUES (%s, %s, %s, %s, %s, %s)',
                     (ro_id, technician_id, op_code, description, sold_hours, labour_rate(rate_code)))
    db.execute("UPDATE repair_orders SET status = 'wip' WHERE id = %s AND status = 'open'", (ro_id,))
    recalc_total(ro_id)
    return lid


def assign_technician(labour_id, technician_id):
    db.execute('UPDATE ro_labour SET technician_id = %s WHERE id = %s', (technician_id, labour_id))


def clock_job(labour_id, actual_hours):
    db.execute('UPDATE ro_labour SET actual_hours = actual_hours + %s WHERE id = %s',
               (actual_hours, labour_id))


def add_part_to_ro(ro_id, part_id, qty, unit_price=None):
    _check_open(ro_id)
    ro = db.query_one('SELECT ro_no, pay_type FROM repair_orders WHERE id = %s', (ro_id,))
    if unit_price is None:
        unit_price = parts.retail_price_for(part_id, ro['pay_type'])
    parts.issue_part(part_id, qty, ro['ro_no'])
    rid = db.execute('INSERT INTO ro_parts (ro_id, part_id, qty, unit_price) VALUES (%s, %s, %s, %s)',
                     (ro_id, part_id, qty, unit_price))
    recalc_total(ro_id)
    return rid


def remove_part_from_ro(ro_part_id):
    rp = db.query_one('SELECT rp.*, r.ro_no FROM ro_parts rp JOIN repair_orders r ON r.id = rp.ro_id '
                      'WHERE rp.id = %s', (ro_part_id,))
    _check_open(rp['ro_id'])
    parts.return_part(rp['part_id'], rp['qty'], rp['ro_no'])
    db.execute('DELETE FROM ro_parts WHERE id = %s', (ro_part_id,))
    recalc_total(rp['ro_id'])


def calc_ro_net(ro_id):
    lab = db.query_value('SELECT COALESCE(SUM(sold_hours * rate), 0) FROM ro_labour WHERE ro_id = %s',
                         (ro_id,), 0)
    prt = db.query_value('SELECT COALESCE(SUM(qty * unit_price), 0) FROM ro_parts WHERE ro_id = %s',
                         (ro_id,), 0)
    return utils.round_money(utils.to_decimal(lab, 0) + utils.to_decimal(prt, 0))


def recalc_total(ro_id):
    net = calc_ro_net(ro_id)
    pt = db.query_value('SELECT pay_type FROM repair_orders WHERE id = %s', (ro_id,))
    total = net if pt == PAY_TYPE_INTERNAL else utils.add_vat(net)
    db.execute('UPDATE repair_orders SET total = %s WHERE id = %s', (total, ro_id))
    return total


def complete_ro(ro_id):
    _check_open(ro_id)
    db.execute("UPDATE repair_orders SET status = 'complete' WHERE id = %s", (ro_id,))


def invoice_ro(ro_id):
    ro = db.query_one('SELECT * FROM repair_orders WHERE id = %s', (ro_id,))
    if ro['status'] != 'complete':
        raise ROError('Complete the RO before invoicing')
    total = recalc_total(ro_id)
    db.execute("UPDATE repair_orders SET status = 'invoiced', closed_at = NOW() WHERE id = %s",
               (ro_id,))
    if ro['pay_type'] == PAY_TYPE_INTERNAL:
        # recon cost goes onto the stock vehicle
        inventory.add_vehicle_cost(ro['vehicle_id'], 'recon', total, 'Recon ' + ro['ro_no'], ro_id)
        db.execute("UPDATE vehicles SET status = 'in_stock' WHERE id = %s AND status = 'recon'",
                   (ro['vehicle_id'],))
        return None
    if ro['pay_type'] == PAY_TYPE_WARRANTY:
        from dealer import warranty
        make = db.query_value('SELECT make FROM vehicles WHERE id = %s', (ro['vehicle_id'],))
        warranty.create_claim(ro_id, make or 'UNKNOWN')
        return None
    from dealer import pdf
    return pdf.ro_invoice_pdf(ro_id)


def void_ro(ro_id, reason):
    for rp in db.query('SELECT id FROM ro_parts WHERE ro_id = %s', (ro_id,)):
        remove_part_from_ro(rp['id'])
    db.execute("UPDATE repair_orders SET status = 'void', closed_at = NOW() WHERE id = %s", (ro_id,))
    log.info('RO %s voided: %s', ro_id, reason)


def wip_list(advisor_id=None):
    sql = ("SELECT r.*, v.reg, v.make, v.model, c.last_name FROM repair_orders r "
           "JOIN vehicles v ON v.id = r.vehicle_id LEFT JOIN customers c ON c.id = r.customer_id "
           "WHERE r.status IN ('open', 'wip', 'complete')")
    if advisor_id:
        sql += ' AND r.advisor_id = %d' % int(advisor_id)
    return db.query(sql + ' ORDER BY r.opened_at')


def list_technicians():
    return db.query('SELECT t.*, e.first_name, e.last_name FROM technicians t '
                    'JOIN employees e ON e.id = t.employee_id WHERE e.active = 1 ORDER BY t.bay')


def add_technician(employee_id, grade='tech', bay=None):
    return db.execute('INSERT INTO technicians (employee_id, grade, bay) VALUES (%s, %s, %s)',
                      (employee_id, grade, bay))


def technician_load(day=None):
    day = day or dates.today()
    return db.query('SELECT t.id, e.first_name, SUM(l.sold_hours) AS booked, '
                    'SUM(l.actual_hours) AS clocked FROM technicians t '
                    'JOIN employees e ON e.id = t.employee_id '
                    'LEFT JOIN ro_labour l ON l.technician_id = t.id '
                    'LEFT JOIN repair_orders r ON r.id = l.ro_id AND DATE(r.opened_at) = %s '
                    'GROUP BY t.id', (day,))


def service_history(vehicle_id):
    return db.query("SELECT r.ro_no, r.opened_at, r.mileage_in, r.total, r.pay_type, "
                    "GROUP_CONCAT(l.description SEPARATOR '; ') AS work FROM repair_orders r "
                    "LEFT JOIN ro_labour l ON l.ro_id = r.id WHERE r.vehicle_id = %s "
                    "AND r.status = 'invoiced' GROUP BY r.id ORDER BY r.opened_at DESC",
                    (vehicle_id,))


def set_labour_rate(code, hourly, valid_from=None):
    db.execute('INSERT INTO labour_rates (code, hourly, valid_from) VALUES (%s, %s, %s)',
               (code, hourly, valid_from or dates.today()))
    labour_rate.clear()
