# management reports. Most of these get exported to excel by finance every month
import datetime

import db
import utils


def default_period(date_from=None, date_to=None):
    if not date_to:
        date_to = utils.today().isoformat()
    if not date_from:
        date_from = utils.add_months(utils.parse_date(date_to), -1).isoformat()
    return date_from, date_to


def consumption_by_zone(date_from=None, date_to=None):
    date_from, date_to = default_period(date_from, date_to)
    return db.query_all("SELECT sc.zone_code, COUNT(DISTINCT sc.id) AS connections, SUM(r.consumption) AS kl "
                        "FROM meter_readings r JOIN service_connections sc ON sc.id = r.connection_id "
                        "WHERE r.read_date BETWEEN ? AND ? AND r.status = 'VALID' GROUP BY sc.zone_code "
                        "ORDER BY sc.zone_code", (date_from, date_to))


def unread_meters(days=45):
    cutoff = (utils.today() - datetime.timedelta(days=days)).isoformat()
    return db.query_all("SELECT sc.connection_no, cm.serial_no, rr.route_code, "
                        "(SELECT MAX(read_date) FROM meter_readings r WHERE r.meter_id = cm.meter_id "
                        " AND r.read_type = 'A') AS last_actual "
                        "FROM service_connections sc JOIN v_current_meter cm ON cm.connection_id = sc.id "
                        "LEFT JOIN reading_routes rr ON rr.id = sc.route_id WHERE sc.status = 'ACTIVE' "
                        "AND COALESCE((SELECT MAX(read_date) FROM meter_readings r WHERE r.meter_id = cm.meter_id "
                        " AND r.read_type = 'A'), '1900-01-01') < ? ORDER BY rr.route_code, sc.route_seq", (cutoff,))


def billing_run_summary(run_id):
    run = db.query_one('SELECT * FROM billing_runs WHERE id = ?', (run_id,))
    run['by_line'] = db.query_all('SELECT l.line_type, COUNT(*) AS n, SUM(l.amount) AS amount FROM bill_lines l '
                                  'JOIN bills b ON b.id = l.bill_id WHERE b.run_id = ? AND b.status != \'VOID\' '
                                  'GROUP BY l.line_type', (run_id,))
    run['zero_bills'] = db.query_scalar("SELECT COUNT(*) FROM bills WHERE run_id = ? AND consumption_kl = 0", (run_id,), 0)
    return run


def revenue_by_tariff(date_from=None, date_to=None):
    date_from, date_to = default_period(date_from, date_to)
    return db.query_all("SELECT t.code, t.name, COUNT(b.id) AS bills, SUM(b.consumption_kl) AS kl, SUM(b.total) AS billed "
                        "FROM bills b JOIN accounts a ON a.id = b.account_id JOIN tariffs t ON t.id = a.tariff_id "
                        "WHERE b.bill_date BETWEEN ? AND ? AND b.status != 'VOID' GROUP BY t.code, t.name",
                        (date_from, date_to))


def aged_debt_report():
    import arrears
    out = []
    for a in db.query_all("SELECT a.id, a.account_no, c.last_name, c.company_name FROM accounts a "
                          "JOIN customers c ON c.id = a.customer_id WHERE a.status != 'CLOSED'"):
        b = arrears.aged_balances(a['id'])
        if sum(b.values()) > 0:
            a.update(b)
            out.append(a)
    return out


def collections_performance(date_from=None, date_to=None):
    date_from, date_to = default_period(date_from, date_to)
    billed = db.query_scalar("SELECT SUM(total) FROM bills WHERE bill_date BETWEEN ? AND ? AND status != 'VOID'",
                             (date_from, date_to), 0)
    collected = db.query_scalar("SELECT SUM(amount) FROM payments WHERE received_at BETWEEN ? AND ? "
                                "AND status = 'POSTED'", (date_from, date_to + ' 23:59:59'), 0)
    by_method = db.query_all("SELECT method, COUNT(*) AS n, SUM(amount) AS total FROM payments "
                             "WHERE received_at BETWEEN ? AND ? AND status = 'POSTED' GROUP BY method",
                             (date_from, date_to + ' 23:59:59'))
    rate = (utils.to_decimal(collected) / utils.to_decimal(billed) * 100) if billed else 0
    return {'billed': billed, 'collected': collected, 'rate': utils.round_money(rate), 'by_method': by_method}


def disconnection_report(status=None):
    sql = ('SELECT d.*, a.account_no, p.street_no, p.street, w.wo_no FROM disconnections d '
           'JOIN accounts a ON a.id = d.account_id JOIN premises p ON p.id = a.premise_id '
           'LEFT JOIN work_orders w ON w.id = d.work_order_id')
    if status:
        return db.query_all(sql + ' WHERE d.status = ? ORDER BY d.scheduled_on', (status,))
    return db.query_all(sql + ' ORDER BY d.scheduled_on DESC')


def work_order_backlog():
    return db.query_all("SELECT wo_type, crew_name, COUNT(*) AS open_jobs, MIN(created_at) AS oldest "
                        "FROM v_open_work_orders GROUP BY wo_type, crew_name ORDER BY open_jobs DESC")


def crew_productivity(date_from=None, date_to=None):
    date_from, date_to = default_period(date_from, date_to)
    return db.query_all("SELECT c.name, c.depot, COUNT(w.id) AS completed, "
                        "SUM(COALESCE((SELECT SUM(qty * unit_cost) FROM work_order_materials m "
                        "WHERE m.work_order_id = w.id), 0)) AS material_cost "
                        "FROM crews c LEFT JOIN work_orders w ON w.assigned_crew_id = c.id AND w.status = 'DONE' "
                        "AND w.completed_at BETWEEN ? AND ? GROUP BY c.id ORDER BY completed DESC",
                        (date_from, date_to + ' 23:59:59'))


def compliance_report(date_from=None, date_to=None):
    import quality
    date_from, date_to = default_period(date_from, date_to)
    rows = quality.compliance_summary(date_from, date_to + ' 23:59:59')
    for r in rows:
        r['pct'] = round(100.0 * (r['passed'] or 0) / r['tests'], 1) if r['tests'] else None
    return rows


def complaints_by_category(date_from=None, date_to=None):
    date_from, date_to = default_period(date_from, date_to)
    return db.query_all("SELECT cc.name, COUNT(c.id) AS n, SUM(CASE WHEN c.closed_at > c.due_at THEN 1 ELSE 0 END) "
                        "AS late FROM complaints c JOIN complaint_categories cc ON cc.id = c.category_id "
                        "WHERE c.received_at BETWEEN ? AND ? GROUP BY cc.name ORDER BY n DESC",
                        (date_from, date_to + ' 23:59:59'))


def sla_breaches():
    return db.query_all("SELECT c.ref_no, cc.name AS category, c.received_at, c.due_at, c.status "
                        "FROM complaints c JOIN complaint_categories cc ON cc.id = c.category_id "
                        "WHERE (c.closed_at IS NULL AND c.due_at < ?) OR c.closed_at > c.due_at "
                        "ORDER BY c.due_at", (utils.now_str(),))


def non_revenue_water(zone_code, bulk_kl, date_from=None, date_to=None):
    """bulk meter volume in the zone minus what was read on customer meters"""
    date_from, date_to = default_period(date_from, date_to)
    metered = db.query_scalar("SELECT SUM(r.consumption) FROM meter_readings r JOIN service_connections sc "
                              "ON sc.id = r.connection_id WHERE sc.zone_code = ? AND r.read_date BETWEEN ? AND ? "
                              "AND r.status = 'VALID'", (zone_code, date_from, date_to), 0)
    bulk = utils.to_decimal(bulk_kl)
    lost = bulk - utils.to_decimal(metered)
    return {'zone': zone_code, 'bulk': bulk, 'metered': metered, 'nrw': lost,
            'pct': utils.round_money(lost / bulk * 100) if bulk else None}


def user_activity(days=30):
    since = (utils.today() - datetime.timedelta(days=days)).isoformat()
    return db.query_all('SELECT u.username, l.action, COUNT(*) AS n FROM audit_log l JOIN users u ON u.id = l.user_id '
                        'WHERE l.created_at >= ? GROUP BY u.username, l.action ORDER BY u.username', (since,))
