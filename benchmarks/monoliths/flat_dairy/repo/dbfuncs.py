# dbfuncs.py - all the SQL lives here (apart from the bits that don't)
# started by MH 2009, please keep functions roughly grouped
import datetime

from db import query, query_one, query_value, execute, insert, escape, in_list, Transaction
import settings


# ==================================================================
# members
# ==================================================================

def get_member(member_id):
    return query_one("SELECT * FROM members WHERE id = %s", (member_id,))


def get_member_by_no(member_no):
    return query_one("SELECT * FROM members WHERE member_no = %s", (member_no.upper(),))


def list_members(status='active', order='name'):
    if order not in ('name', 'member_no', 'joined'):
        order = 'name'
    if status == 'all':
        return query("SELECT * FROM members ORDER BY " + order)
    return query("SELECT * FROM members WHERE status = %s ORDER BY " + order, (status,))


def search_members(term):
    like = '%' + term + '%'
    return query("""SELECT m.*, f.farm_name FROM members m
                    LEFT JOIN farms f ON f.member_id = m.id
                    WHERE m.name LIKE %s OR m.member_no LIKE %s OR f.farm_name LIKE %s
                       OR m.postcode LIKE %s
                    GROUP BY m.id ORDER BY m.name LIMIT 100""", (like, like, like, like))


def save_member(data):
    fields = ['member_no', 'name', 'trading_name', 'address', 'postcode', 'phone',
              'email', 'vat_no', 'joined', 'payment_method']
    if data.get('id'):
        sets = ', '.join(['%s = %%s' % f for f in fields])
        execute("UPDATE members SET " + sets + " WHERE id = %s",
                [data.get(f) for f in fields] + [data['id']])
        return data['id']
    new_id = insert("INSERT INTO members (" + ','.join(fields) + ") VALUES (" +
                    ','.join(['%s'] * len(fields)) + ")", [data.get(f) for f in fields])
    execute("INSERT INTO member_shares (member_id, shares, paid_up, updated) VALUES (%s, 0, 0, NOW())",
            (new_id,))
    return new_id


def set_member_status(member_id, status, when=None):
    if status == 'left':
        execute("UPDATE members SET status = %s, left_on = %s WHERE id = %s",
                (status, when or datetime.date.today(), member_id))
        execute("UPDATE farms SET active = 0 WHERE member_id = %s", (member_id,))
    else:
        execute("UPDATE members SET status = %s WHERE id = %s", (status, member_id))


def get_farms_for_member(member_id):
    return query("SELECT * FROM farms WHERE member_id = %s ORDER BY farm_name", (member_id,))


def get_farm(farm_id):
    return query_one("""SELECT f.*, m.name AS member_name, m.member_no
                        FROM farms f JOIN members m ON m.id = f.member_id
                        WHERE f.id = %s""", (farm_id,))


def save_farm(data):
    if data.get('id'):
        execute("""UPDATE farms SET farm_name=%s, holding_no=%s, herd_size=%s, address=%s,
                   postcode=%s, grid_ref=%s WHERE id=%s""",
                (data['farm_name'], data['holding_no'], data['herd_size'], data['address'],
                 data['postcode'], data['grid_ref'], data['id']))
        return data['id']
    return insert("""INSERT INTO farms (member_id, farm_name, holding_no, herd_size, address,
                     postcode, grid_ref) VALUES (%s,%s,%s,%s,%s,%s,%s)""",
                  (data['member_id'], data['farm_name'], data['holding_no'], data['herd_size'],
                   data['address'], data['postcode'], data['grid_ref']))


def get_member_shares(member_id):
    return query_one("SELECT * FROM member_shares WHERE member_id = %s", (member_id,))


def record_share_transaction(member_id, kind, shares, amount, ref='', user_id=None):
    t = Transaction()
    t.begin()
    try:
        insert("""INSERT INTO share_transactions (member_id, tx_date, kind, shares, amount, ref, user_id)
                  VALUES (%s, CURDATE(), %s, %s, %s, %s, %s)""",
               (member_id, kind, shares, amount, ref, user_id))
        sign = kind == 'redeem' and -1 or 1
        execute("""UPDATE member_shares SET shares = shares + %s, paid_up = paid_up + %s,
                   updated = NOW() WHERE member_id = %s""",
                (sign * shares, sign * amount, member_id))
        t.commit()
    except Exception:
        t.rollback()
        raise


def get_share_transactions(member_id):
    return query("SELECT * FROM share_transactions WHERE member_id = %s ORDER BY tx_date DESC, id DESC",
                 (member_id,))



def get_bank_account(member_id, on_date=None):
    on_date = on_date or datetime.date.today()
    return query_one("""SELECT * FROM member_bank_accounts WHERE member_id = %s
                        AND valid_from <= %s AND (valid_to IS NULL OR valid_to >= %s)
                        ORDER BY valid_from DESC LIMIT 1""", (member_id, on_date, on_date))


def save_bank_account(member_id, account_name, sort_code, account_no, valid_from):
    execute("""UPDATE member_bank_accounts SET valid_to = %s
               WHERE member_id = %s AND valid_to IS NULL""",
            (valid_from - datetime.timedelta(days=1), member_id))
    return insert("""INSERT INTO member_bank_accounts (member_id, account_name, sort_code, account_no, valid_from)
                     VALUES (%s,%s,%s,%s,%s)""",
                  (member_id, account_name, sort_code.replace('-', ''), account_no, valid_from))



def get_member_notes(member_id):
    return query("""SELECT n.*, u.fullname FROM member_notes n LEFT JOIN users u ON u.id = n.user_id
                    WHERE n.member_id = %s ORDER BY n.created DESC""", (member_id,))


def legacy_member_lookup(name):
    # old access-db style lookup, still used by the lab import for unmatched rows
    return query("SELECT * FROM members WHERE name LIKE '%%" + name.replace("'", "''") + "%%'")


# ==================================================================
# users & sessions
# ==================================================================

def get_user(user_id):
    return query_one("SELECT * FROM users WHERE id = %s", (user_id,))


def get_user_by_name(username):
    return query_one("SELECT * FROM users WHERE username = %s AND active = 1", (username,))


def list_users():
    return query("SELECT * FROM users ORDER BY active DESC, username")


def save_user(data):
    if data.get('id'):
        execute("UPDATE users SET fullname=%s, email=%s, role=%s, active=%s WHERE id=%s",
                (data['fullname'], data['email'], data['role'], data.get('active', 1), data['id']))
        return data['id']
    return insert("INSERT INTO users (username, fullname, email, role) VALUES (%s,%s,%s,%s)",
                  (data['username'], data['fullname'], data['email'], data['role']))


def set_password(user_id, pwhash):
    execute("UPDATE users SET pwhash = %s WHERE id = %s", (pwhash, user_id))


def create_session(sid, user_id, ip):
    execute("""INSERT INTO sessions (session_id, user_id, started, expires, ip)
               VALUES (%s, %s, NOW(), DATE_ADD(NOW(), INTERVAL %s HOUR), %s)""",
            (sid, user_id, settings.SESSION_HOURS, ip))
    execute("UPDATE users SET last_login = NOW() WHERE id = %s", (user_id,))


def get_session_user(sid):
    return query_one("""SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id
                        WHERE s.session_id = %s AND s.expires > NOW() AND u.active = 1""", (sid,))


def delete_session(sid):
    execute("DELETE FROM sessions WHERE session_id = %s", (sid,))


def expire_sessions():
    return execute("DELETE FROM sessions WHERE expires < NOW()")


def user_has_perm(user, perm):
    if user['role'] == 'admin':
        return True
    return query_one("SELECT 1 AS ok FROM permissions WHERE role = %s AND perm = %s",
                     (user['role'], perm)) is not None



def write_audit(user_id, action, detail):
    execute("INSERT INTO audit_log (user_id, at, action, detail) VALUES (%s, NOW(), %s, %s)",
            (user_id, action, detail[:2000]))


def get_audit_log(limit=200, action=None):
    sql = "SELECT a.*, u.username FROM audit_log a LEFT JOIN users u ON u.id = a.user_id"
    if action:
        sql += " WHERE a.action = " + escape(action)
    sql += " ORDER BY a.at DESC LIMIT %d" % int(limit)
    return query(sql)


# ==================================================================
# collection - routes, rounds, pickups
# ==================================================================

def list_routes(active_only=True):
    sql = "SELECT * FROM routes"
    if active_only:
        sql += " WHERE active = 1"
    return query(sql + " ORDER BY code")


def get_route(route_id):
    return query_one("SELECT * FROM routes WHERE id = %s", (route_id,))


def save_route(data):
    if data.get('id'):
        execute("UPDATE routes SET code=%s, name=%s, depot=%s, frequency=%s, active=%s WHERE id=%s",
                (data['code'], data['name'], data['depot'], data['frequency'], data['active'], data['id']))
        return data['id']
    return insert("INSERT INTO routes (code, name, depot, frequency) VALUES (%s,%s,%s,%s)",
                  (data['code'], data['name'], data['depot'], data['frequency']))


def get_route_stops(route_id):
    return query("""SELECT rs.*, f.farm_name, f.postcode, m.member_no
                    FROM route_stops rs JOIN farms f ON f.id = rs.farm_id
                    JOIN members m ON m.id = f.member_id
                    WHERE rs.route_id = %s ORDER BY rs.seq""", (route_id,))


def save_route_stop(route_id, farm_id, seq, pickup_days='1111111', access_notes=''):
    existing = query_one("SELECT id FROM route_stops WHERE route_id=%s AND farm_id=%s", (route_id, farm_id))
    if existing:
        execute("UPDATE route_stops SET seq=%s, pickup_days=%s, access_notes=%s WHERE id=%s",
                (seq, pickup_days, access_notes, existing['id']))
        return existing['id']
    return insert("""INSERT INTO route_stops (route_id, farm_id, seq, pickup_days, access_notes)
                     VALUES (%s,%s,%s,%s,%s)""", (route_id, farm_id, seq, pickup_days, access_notes))


def reorder_stops(route_id, farm_ids):
    for i, fid in enumerate(farm_ids):
        execute("UPDATE route_stops SET seq = %s WHERE route_id = %s AND farm_id = %s",
                (i + 1, route_id, fid))


def get_farm_tanks(farm_id):
    return query("SELECT * FROM farm_tanks WHERE farm_id = %s ORDER BY tank_no", (farm_id,))


def save_farm_tank(farm_id, tank_no, capacity_l, calibration, calibrated_on=None):
    row = query_one("SELECT id FROM farm_tanks WHERE farm_id=%s AND tank_no=%s", (farm_id, tank_no))
    if row:
        execute("UPDATE farm_tanks SET capacity_l=%s, calibration=%s, last_calibrated=%s WHERE id=%s",
                (capacity_l, calibration, calibrated_on, row['id']))
        return row['id']
    return insert("""INSERT INTO farm_tanks (farm_id, tank_no, capacity_l, calibration, last_calibrated)
                     VALUES (%s,%s,%s,%s,%s)""", (farm_id, tank_no, capacity_l, calibration, calibrated_on))


def create_round(route_id, round_date, tanker_id=None, driver_id=None):
    return insert("""INSERT INTO tanker_rounds (route_id, tanker_id, driver_id, round_date, status)
                     VALUES (%s,%s,%s,%s,'planned')""", (route_id, tanker_id, driver_id, round_date))


def get_round(round_id):
    return query_one("""SELECT r.*, rt.code AS route_code, rt.name AS route_name,
                               t.reg_no, d.name AS driver_name
                        FROM tanker_rounds r JOIN routes rt ON rt.id = r.route_id
                        LEFT JOIN tankers t ON t.id = r.tanker_id
                        LEFT JOIN drivers d ON d.id = r.driver_id
                        WHERE r.id = %s""", (round_id,))


def list_rounds_for_date(d):
    return query("""SELECT r.*, rt.code AS route_code, t.reg_no, d.name AS driver_name,
                           (SELECT SUM(litres) FROM pickups p WHERE p.round_id = r.id) AS litres
                    FROM tanker_rounds r JOIN routes rt ON rt.id = r.route_id
                    LEFT JOIN tankers t ON t.id = r.tanker_id
                    LEFT JOIN drivers d ON d.id = r.driver_id
                    WHERE r.round_date = %s ORDER BY rt.code""", (d,))



def close_round(round_id, notes=None):
    execute("UPDATE tanker_rounds SET status='closed', finished=IFNULL(finished, NOW()), notes=%s WHERE id=%s",
            (notes, round_id))


def stale_rounds(days=2):
    return query("""SELECT * FROM tanker_rounds WHERE status IN ('planned','out','delivered')
                    AND round_date < DATE_SUB(CURDATE(), INTERVAL %s DAY)""", (days,))


def add_pickup(round_id, farm_id, litres, tank_id=None, dip_cm=None, temp_c=None,
               picked_at=None, sample_code=None):
    return insert("""INSERT INTO pickups (round_id, farm_id, tank_id, dip_cm, litres, temp_c,
                     picked_at, sample_code) VALUES (%s,%s,%s,%s,%s,%s,%s,%s)""",
                  (round_id, farm_id, tank_id, dip_cm, litres, temp_c,
                   picked_at or datetime.datetime.now(), sample_code))



def get_pickups_for_round(round_id):
    return query("""SELECT p.*, f.farm_name, m.member_no FROM pickups p
                    JOIN farms f ON f.id = p.farm_id JOIN members m ON m.id = f.member_id
                    WHERE p.round_id = %s ORDER BY p.picked_at""", (round_id,))


def get_pickups_for_farm(farm_id, start, end):
    return query("""SELECT * FROM pickups WHERE farm_id = %s AND picked_at >= %s
                    AND picked_at < DATE_ADD(%s, INTERVAL 1 DAY) AND rejected = 0
                    ORDER BY picked_at""", (farm_id, start, end))


def litres_by_member(start, end):
    """total accepted litres per member for a period - used by the payment run"""
    return query("""SELECT f.member_id, SUM(p.litres) AS litres, COUNT(*) AS pickups
                    FROM pickups p JOIN farms f ON f.id = p.farm_id
                    WHERE p.picked_at >= %s AND p.picked_at < DATE_ADD(%s, INTERVAL 1 DAY)
                      AND p.rejected = 0
                    GROUP BY f.member_id""", (start, end))


def litres_by_farm(start, end):
    return query("""SELECT p.farm_id, SUM(p.litres) AS litres FROM pickups p
                    WHERE p.picked_at >= %s AND p.picked_at < DATE_ADD(%s, INTERVAL 1 DAY)
                      AND p.rejected = 0 GROUP BY p.farm_id""", (start, end))


def reject_round_pickups(round_id):
    # whole tanker load condemned (inhibitor) - nobody on the round gets paid for it
    execute("UPDATE pickups SET rejected = 1 WHERE round_id = %s", (round_id,))
    execute("UPDATE tanker_rounds SET status = 'rejected' WHERE id = %s", (round_id,))


def record_plant_intake(round_id, site, litres, silo=None):
    execute("UPDATE tanker_rounds SET status='delivered', finished=NOW() WHERE id=%s", (round_id,))
    return insert("""INSERT INTO plant_intakes (round_id, site, weighbridge_litres, received_at, silo)
                     VALUES (%s,%s,%s,NOW(),%s)""", (round_id, site, litres, silo))


def get_intakes_for_day(d):
    return query("""SELECT i.*, r.route_id, rt.code AS route_code FROM plant_intakes i
                    JOIN tanker_rounds r ON r.id = i.round_id JOIN routes rt ON rt.id = r.route_id
                    WHERE DATE(i.received_at) = %s""", (d,))


def round_variance(start, end):
    """farm-dip litres vs weighbridge litres per round"""
    return query("""SELECT r.id, r.round_date, rt.code, SUM(p.litres) AS dip_litres,
                           i.weighbridge_litres,
                           i.weighbridge_litres - SUM(p.litres) AS variance
                    FROM tanker_rounds r JOIN routes rt ON rt.id = r.route_id
                    JOIN pickups p ON p.round_id = r.id
                    LEFT JOIN plant_intakes i ON i.round_id = r.id
                    WHERE r.round_date BETWEEN %s AND %s
                    GROUP BY r.id ORDER BY r.round_date, rt.code""", (start, end))


# ==================================================================
# milk price & payments
# ==================================================================

def get_milk_price(month):
    return query_one("SELECT * FROM milk_prices WHERE month = %s", (month,))



def set_milk_price(month, base_ppl, fat_ppl, protein_ppl, user_id):
    execute("""REPLACE INTO milk_prices (month, base_ppl, fat_ppl, protein_ppl, set_by, set_on)
               VALUES (%s,%s,%s,%s,%s,NOW())""", (month, base_ppl, fat_ppl, protein_ppl, user_id))


def create_payment_run(month, user_id):
    existing = query_one("SELECT id FROM payment_runs WHERE month=%s AND status != 'void'", (month,))
    if existing:
        return existing['id']
    return insert("INSERT INTO payment_runs (month, status, created, created_by) VALUES (%s,'draft',NOW(),%s)",
                  (month, user_id))


def get_payment_run(run_id):
    return query_one("SELECT * FROM payment_runs WHERE id = %s", (run_id,))


def list_payment_runs():
    return query("""SELECT r.*, SUM(l.net) AS total_net, COUNT(l.id) AS members
                    FROM payment_runs r LEFT JOIN payment_lines l ON l.run_id = r.id
                    GROUP BY r.id ORDER BY r.month DESC""")


def clear_payment_lines(run_id):
    execute("DELETE FROM payment_lines WHERE run_id = %s", (run_id,))
    execute("UPDATE deductions SET run_id = NULL WHERE run_id = %s", (run_id,))


def save_payment_line(run_id, member_id, litres, base_amount, composition_adj, quality_adj,
                      deductions, vat, net):
    return insert("""INSERT INTO payment_lines (run_id, member_id, litres, base_amount, composition_adj,
                     quality_adj, deductions, vat, net) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s)""",
                  (run_id, member_id, litres, base_amount, composition_adj, quality_adj,
                   deductions, vat, net))


def get_payment_lines(run_id):
    return query("""SELECT l.*, m.member_no, m.name, m.payment_method FROM payment_lines l
                    JOIN members m ON m.id = l.member_id WHERE l.run_id = %s ORDER BY m.member_no""",
                 (run_id,))


def get_member_payment_history(member_id, limit=24):
    return query("""SELECT l.*, r.month, r.status, r.paid_on FROM payment_lines l
                    JOIN payment_runs r ON r.id = l.run_id
                    WHERE l.member_id = %s AND r.status != 'void'
                    ORDER BY r.month DESC LIMIT %s""", (member_id, limit))


def approve_payment_run(run_id, user_id):
    execute("UPDATE payment_runs SET status='approved', approved_by=%s WHERE id=%s AND status='draft'",
            (user_id, run_id))


def mark_run_paid(run_id, paid_on):
    execute("UPDATE payment_runs SET status='paid', paid_on=%s WHERE id=%s", (paid_on, run_id))


def add_deduction(member_id, month, kind, amount, ref='', source='manual'):
    return insert("""INSERT INTO deductions (member_id, month, kind, amount, ref, source)
                     VALUES (%s,%s,%s,%s,%s,%s)""", (member_id, month, kind, amount, ref, source))


def get_deductions(month, member_id=None):
    if member_id:
        return query("SELECT * FROM deductions WHERE month=%s AND member_id=%s ORDER BY kind",
                     (month, member_id))
    return query("""SELECT d.*, m.member_no, m.name FROM deductions d JOIN members m ON m.id = d.member_id
                    WHERE d.month = %s ORDER BY m.member_no, d.kind""", (month,))


def assign_deductions_to_run(run_id, member_id, month):
    execute("UPDATE deductions SET run_id=%s WHERE member_id=%s AND month=%s AND run_id IS NULL",
            (run_id, member_id, month))


def delete_deduction(deduction_id):
    # only if not in a paid run
    execute("""DELETE d FROM deductions d LEFT JOIN payment_runs r ON r.id = d.run_id
               WHERE d.id = %s AND (r.id IS NULL OR r.status = 'draft')""", (deduction_id,))


def record_advance(member_id, amount, paid_on, notes=''):
    return insert("INSERT INTO advance_payments (member_id, paid_on, amount, notes) VALUES (%s,%s,%s,%s)",
                  (member_id, paid_on, amount, notes))


def outstanding_advances(member_id=None):
    sql = "SELECT * FROM advance_payments WHERE recovered < amount"
    if member_id:
        return query(sql + " AND member_id = %s", (member_id,))
    return query(sql)


def mark_advance_recovered(advance_id, amount):
    execute("UPDATE advance_payments SET recovered = recovered + %s WHERE id = %s", (amount, advance_id))


# ==================================================================
# lab / quality
# ==================================================================

def create_sample(sample_code, farm_id, pickup_id=None, taken_on=None):
    return insert("""INSERT IGNORE INTO lab_samples (sample_code, pickup_id, farm_id, taken_on, status)
                     VALUES (%s,%s,%s,%s,'taken')""",
                  (sample_code, pickup_id, farm_id, taken_on or datetime.date.today()))


def get_sample_by_code(code):
    return query_one("SELECT * FROM lab_samples WHERE sample_code = %s", (code,))


def list_samples(status=None, limit=300):
    if status:
        return query("""SELECT s.*, f.farm_name FROM lab_samples s JOIN farms f ON f.id = s.farm_id
                        WHERE s.status = %s ORDER BY s.taken_on DESC LIMIT %s""", (status, limit))
    return query("""SELECT s.*, f.farm_name FROM lab_samples s JOIN farms f ON f.id = s.farm_id
                    ORDER BY s.taken_on DESC LIMIT %s""", (limit,))


def save_sample_result(sample_id, fat, protein, lactose, scc, tbc, inhibitor=0):
    execute("DELETE FROM sample_results WHERE sample_id = %s", (sample_id,))
    insert("""INSERT INTO sample_results (sample_id, fat_pct, protein_pct, lactose_pct, scc, tbc,
              inhibitor, imported_at) VALUES (%s,%s,%s,%s,%s,%s,%s,NOW())""",
           (sample_id, fat, protein, lactose, scc, tbc, inhibitor))
    execute("UPDATE lab_samples SET status='resulted', received_on=IFNULL(received_on, CURDATE()) WHERE id=%s",
            (sample_id,))


def get_results_for_farm(farm_id, start, end):
    return query("""SELECT s.sample_code, s.taken_on, r.* FROM lab_samples s
                    JOIN sample_results r ON r.sample_id = s.id
                    WHERE s.farm_id = %s AND s.taken_on BETWEEN %s AND %s
                    ORDER BY s.taken_on""", (farm_id, start, end))


def monthly_composition(start, end):
    """average fat/protein/scc/tbc per farm - payments use fat/protein, penalties use scc/tbc"""
    return query("""SELECT s.farm_id, AVG(r.fat_pct) AS fat, AVG(r.protein_pct) AS protein,
                           AVG(r.scc) AS scc, EXP(AVG(LN(NULLIF(r.tbc,0)))) AS tbc_geo,
                           COUNT(*) AS n
                    FROM lab_samples s JOIN sample_results r ON r.sample_id = s.id
                    WHERE s.taken_on BETWEEN %s AND %s AND s.status = 'resulted'
                    GROUP BY s.farm_id""", (start, end))


def get_penalty_bands(measure=None):
    if measure:
        return query("SELECT * FROM penalty_bands WHERE measure=%s ORDER BY valid_from DESC, lower_limit",
                     (measure,))
    return query("SELECT * FROM penalty_bands ORDER BY measure, valid_from DESC, lower_limit")



def clear_penalties(month):
    execute("DELETE FROM quality_penalties WHERE month = %s AND waived_by IS NULL", (month,))


def save_penalty(farm_id, month, measure, avg_value, ppl, litres, amount):
    return insert("""INSERT INTO quality_penalties (farm_id, month, measure, avg_value, ppl, litres, amount)
                     VALUES (%s,%s,%s,%s,%s,%s,%s)""", (farm_id, month, measure, avg_value, ppl, litres, amount))


def get_penalties_for_month(month):
    return query("""SELECT q.*, f.farm_name, f.member_id, m.member_no FROM quality_penalties q
                    JOIN farms f ON f.id = q.farm_id JOIN members m ON m.id = f.member_id
                    WHERE q.month = %s ORDER BY m.member_no""", (month,))


def penalty_total_by_member(month):
    return query("""SELECT f.member_id, SUM(q.amount) AS amount FROM quality_penalties q
                    JOIN farms f ON f.id = q.farm_id
                    WHERE q.month = %s AND q.waived_by IS NULL GROUP BY f.member_id""", (month,))


def waive_penalty(penalty_id, user_id, reason):
    execute("UPDATE quality_penalties SET waived_by=%s, waived_reason=%s WHERE id=%s",
            (user_id, reason, penalty_id))


def open_inhibitor_incident(farm_id, sample_id, round_id, litres_discarded, cost):
    return insert("""INSERT INTO inhibitor_incidents (farm_id, sample_id, round_id, detected,
                     litres_discarded, cost) VALUES (%s,%s,%s,NOW(),%s,%s)""",
                  (farm_id, sample_id, round_id, litres_discarded, cost))



def list_inhibitor_incidents(open_only=True):
    sql = """SELECT i.*, f.farm_name, m.member_no FROM inhibitor_incidents i
             JOIN farms f ON f.id = i.farm_id JOIN members m ON m.id = f.member_id"""
    if open_only:
        sql += " WHERE i.closed IS NULL"
    return query(sql + " ORDER BY i.detected DESC")


def close_inhibitor_incident(incident_id, notes, charged=0):
    execute("UPDATE inhibitor_incidents SET closed=NOW(), notes=%s, charged=%s WHERE id=%s",
            (notes, charged, incident_id))


def log_lab_import(filename, ok, bad, errors):
    insert("INSERT INTO lab_import_log (filename, imported_at, rows_ok, rows_bad, errors) VALUES (%s,NOW(),%s,%s,%s)",
           (filename, ok, bad, '\n'.join(errors)))


def already_imported(filename):
    return query_one("SELECT id FROM lab_import_log WHERE filename = %s", (filename,)) is not None


# ==================================================================
# fleet
# ==================================================================

def list_tankers(include_sold=False):
    if include_sold:
        return query("SELECT * FROM tankers ORDER BY fleet_no")
    return query("SELECT * FROM tankers WHERE status != 'sold' ORDER BY fleet_no")


def get_tanker(tanker_id):
    return query_one("SELECT * FROM tankers WHERE id = %s", (tanker_id,))


def save_tanker(data):
    if data.get('id'):
        execute("UPDATE tankers SET reg_no=%s, fleet_no=%s, capacity_l=%s, depot=%s, mot_due=%s, status=%s WHERE id=%s",
                (data['reg_no'], data['fleet_no'], data['capacity_l'], data['depot'], data['mot_due'],
                 data['status'], data['id']))
        return data['id']
    return insert("INSERT INTO tankers (reg_no, fleet_no, capacity_l, depot, mot_due) VALUES (%s,%s,%s,%s,%s)",
                  (data['reg_no'], data['fleet_no'], data['capacity_l'], data['depot'], data['mot_due']))


def available_tankers(d):
    return query("""SELECT * FROM tankers WHERE status = 'available' AND id NOT IN
                    (SELECT tanker_id FROM tanker_rounds WHERE round_date = %s AND tanker_id IS NOT NULL)""",
                 (d,))


def list_drivers(active_only=True):
    if active_only:
        return query("SELECT * FROM drivers WHERE active = 1 ORDER BY name")
    return query("SELECT * FROM drivers ORDER BY name")


def get_driver(driver_id):
    return query_one("SELECT * FROM drivers WHERE id = %s", (driver_id,))


def save_driver(data):
    if data.get('id'):
        execute("""UPDATE drivers SET name=%s, licence_no=%s, cpc_expiry=%s, phone=%s, depot=%s,
                   agency=%s, active=%s WHERE id=%s""",
                (data['name'], data['licence_no'], data['cpc_expiry'], data['phone'], data['depot'],
                 data['agency'], data['active'], data['id']))
        return data['id']
    return insert("""INSERT INTO drivers (name, licence_no, cpc_expiry, phone, depot, agency)
                     VALUES (%s,%s,%s,%s,%s,%s)""",
                  (data['name'], data['licence_no'], data['cpc_expiry'], data['phone'], data['depot'],
                   data['agency']))


def log_shift(driver_id, start, end, hours, tanker_id=None):
    return insert("""INSERT INTO driver_shifts (driver_id, shift_date, start_time, end_time, hours, tanker_id)
                     VALUES (%s, DATE(%s), %s, %s, %s, %s)""", (driver_id, start, start, end, hours, tanker_id))


def driver_hours(driver_id, start, end):
    return query_value("""SELECT SUM(hours) FROM driver_shifts WHERE driver_id = %s
                          AND shift_date BETWEEN %s AND %s""", (driver_id, start, end), 0)


def add_service_record(tanker_id, service_date, odometer, kind, cost, notes=''):
    return insert("""INSERT INTO vehicle_services (tanker_id, service_date, odometer, kind, cost, notes)
                     VALUES (%s,%s,%s,%s,%s,%s)""", (tanker_id, service_date, odometer, kind, cost, notes))



def add_fuel(tanker_id, filled_on, litres, cost, odometer):
    return insert("INSERT INTO fuel_log (tanker_id, filled_on, litres, cost, odometer) VALUES (%s,%s,%s,%s,%s)",
                  (tanker_id, filled_on, litres, cost, odometer))


def fuel_economy(start, end):
    return query("""SELECT t.reg_no, t.fleet_no, SUM(f.litres) AS fuel, MAX(f.odometer) - MIN(f.odometer) AS km,
                           SUM(f.cost) AS cost
                    FROM fuel_log f JOIN tankers t ON t.id = f.tanker_id
                    WHERE f.filled_on BETWEEN %s AND %s GROUP BY t.id""", (start, end))


def tankers_due_mot(days=30):
    return query("""SELECT * FROM tankers WHERE status != 'sold'
                    AND mot_due <= DATE_ADD(CURDATE(), INTERVAL %s DAY)""", (days,))


def drivers_cpc_expiring(days=60):
    return query("""SELECT * FROM drivers WHERE active = 1 AND cpc_expiry IS NOT NULL
                    AND cpc_expiry <= DATE_ADD(CURDATE(), INTERVAL %s DAY)""", (days,))


# ==================================================================
# shop (feed & supplies)
# ==================================================================

def list_products(category=None, active_only=True):
    sql = "SELECT * FROM products WHERE 1=1"
    if active_only:
        sql += " AND active = 1"
    if category:
        sql += " AND category = " + escape(category)
    return query(sql + " ORDER BY category, name")


def get_product(product_id):
    return query_one("SELECT * FROM products WHERE id = %s", (product_id,))


def get_product_by_sku(sku):
    return query_one("SELECT * FROM products WHERE sku = %s", (sku,))


def save_product(data):
    if data.get('id'):
        execute("UPDATE products SET sku=%s, name=%s, category=%s, unit=%s, price=%s, vat_rate=%s, active=%s WHERE id=%s",
                (data['sku'], data['name'], data['category'], data['unit'], data['price'], data['vat_rate'],
                 data['active'], data['id']))
        return data['id']
    return insert("INSERT INTO products (sku, name, category, unit, price, vat_rate) VALUES (%s,%s,%s,%s,%s,%s)",
                  (data['sku'], data['name'], data['category'], data['unit'], data['price'], data['vat_rate']))


def get_stock(depot=None):
    sql = """SELECT s.*, p.sku, p.name, p.unit, p.price FROM stock_levels s
             JOIN products p ON p.id = s.product_id"""
    if depot:
        return query(sql + " WHERE s.depot = %s ORDER BY p.name", (depot,))
    return query(sql + " ORDER BY p.name, s.depot")


def adjust_stock(product_id, depot, qty, reason, ref=''):
    execute("""INSERT INTO stock_levels (product_id, depot, qty) VALUES (%s,%s,%s)
               ON DUPLICATE KEY UPDATE qty = qty + VALUES(qty)""", (product_id, depot, qty))
    insert("""INSERT INTO stock_movements (product_id, depot, qty, reason, ref, moved_at)
              VALUES (%s,%s,%s,%s,%s,NOW())""", (product_id, depot, qty, reason, ref))


def low_stock_products():
    return query("""SELECT s.*, p.sku, p.name FROM stock_levels s JOIN products p ON p.id = s.product_id
                    WHERE p.active = 1 AND s.qty <= s.reorder_level ORDER BY s.depot, p.name""")


def create_shop_order(member_id, depot, charge_to_milk=1):
    return insert("""INSERT INTO shop_orders (member_id, depot, order_date, status, charge_to_milk)
                     VALUES (%s,%s,NOW(),'open',%s)""", (member_id, depot, charge_to_milk))


def add_order_line(order_id, product_id, qty):
    p = get_product(product_id)
    net = float(p['price']) * float(qty)
    vat = round(net * float(p['vat_rate']) / 100.0, 2)
    insert("INSERT INTO shop_order_lines (order_id, product_id, qty, price, vat) VALUES (%s,%s,%s,%s,%s)",
           (order_id, product_id, qty, p['price'], vat))
    execute("""UPDATE shop_orders SET total = (SELECT SUM(qty*price) FROM shop_order_lines WHERE order_id=%s),
               vat = (SELECT SUM(vat) FROM shop_order_lines WHERE order_id=%s) WHERE id=%s""",
            (order_id, order_id, order_id))


def get_shop_order(order_id):
    order = query_one("""SELECT o.*, m.member_no, m.name FROM shop_orders o
                         JOIN members m ON m.id = o.member_id WHERE o.id = %s""", (order_id,))
    if order:
        order['lines'] = query("""SELECT l.*, p.sku, p.name FROM shop_order_lines l
                                  JOIN products p ON p.id = l.product_id WHERE l.order_id = %s""", (order_id,))
    return order


def list_shop_orders(member_id=None, status=None):
    sql = """SELECT o.*, m.member_no, m.name FROM shop_orders o JOIN members m ON m.id = o.member_id WHERE 1=1"""
    if member_id:
        sql += " AND o.member_id = %d" % int(member_id)
    if status:
        sql += " AND o.status = " + escape(status)
    return query(sql + " ORDER BY o.order_date DESC LIMIT 500")


def complete_shop_order(order_id):
    order = get_shop_order(order_id)
    if not order or order['status'] != 'open':
        return False
    for l in order['lines']:
        adjust_stock(l['product_id'], order['depot'], -float(l['qty']), 'sale', 'SO%d' % order_id)
    execute("UPDATE shop_orders SET status='complete' WHERE id=%s", (order_id,))
    if order['charge_to_milk']:
        # goes off the next milk cheque
        month = order['order_date'].strftime('%Y-%m')
        add_deduction(order['member_id'], month, 'shop', float(order['total']) + float(order['vat']),
                      'SO%d' % order_id, 'shop')
    return True



def shop_sales_by_vat_rate(start, end):
    return query("""SELECT p.vat_rate, SUM(l.qty*l.price) AS net, SUM(l.vat) AS vat
                    FROM shop_order_lines l JOIN shop_orders o ON o.id = l.order_id
                    JOIN products p ON p.id = l.product_id
                    WHERE o.status = 'complete' AND o.order_date BETWEEN %s AND %s
                    GROUP BY p.vat_rate""", (start, end))


# ==================================================================
# sales to processors
# ==================================================================

def list_customers():
    return query("SELECT * FROM customers ORDER BY name")


def get_customer(customer_id):
    return query_one("SELECT * FROM customers WHERE id = %s", (customer_id,))


def save_customer(data):
    if data.get('id'):
        execute("""UPDATE customers SET name=%s, account_code=%s, address=%s, contact_email=%s,
                   credit_limit=%s, payment_days=%s WHERE id=%s""",
                (data['name'], data['account_code'], data['address'], data['contact_email'],
                 data['credit_limit'], data['payment_days'], data['id']))
        return data['id']
    return insert("""INSERT INTO customers (name, account_code, address, contact_email, credit_limit, payment_days)
                     VALUES (%s,%s,%s,%s,%s,%s)""",
                  (data['name'], data['account_code'], data['address'], data['contact_email'],
                   data['credit_limit'], data['payment_days']))


def list_contracts(customer_id=None):
    sql = "SELECT c.*, cu.name AS customer FROM sales_contracts c JOIN customers cu ON cu.id = c.customer_id"
    if customer_id:
        return query(sql + " WHERE c.customer_id = %s ORDER BY c.start_date DESC", (customer_id,))
    return query(sql + " ORDER BY c.status, c.start_date DESC")



def save_contract(data):
    if data.get('id'):
        execute("""UPDATE sales_contracts SET start_date=%s, end_date=%s, volume_l_month=%s, price_ppl=%s,
                   fat_bonus_ppl=%s, status=%s WHERE id=%s""",
                (data['start_date'], data['end_date'], data['volume_l_month'], data['price_ppl'],
                 data['fat_bonus_ppl'], data['status'], data['id']))
        return data['id']
    return insert("""INSERT INTO sales_contracts (customer_id, start_date, end_date, volume_l_month, price_ppl,
                     fat_bonus_ppl) VALUES (%s,%s,%s,%s,%s,%s)""",
                  (data['customer_id'], data['start_date'], data['end_date'], data['volume_l_month'],
                   data['price_ppl'], data['fat_bonus_ppl']))


def active_contracts(on_date):
    return query("""SELECT c.*, cu.name AS customer FROM sales_contracts c JOIN customers cu ON cu.id = c.customer_id
                    WHERE c.status = 'active' AND c.start_date <= %s
                      AND (c.end_date IS NULL OR c.end_date >= %s)""", (on_date, on_date))


def record_delivery(contract_id, intake_id, delivered_on, litres, fat=None, protein=None):
    return insert("""INSERT INTO processor_deliveries (contract_id, intake_id, delivered_on, litres, fat_pct,
                     protein_pct) VALUES (%s,%s,%s,%s,%s,%s)""",
                  (contract_id, intake_id, delivered_on, litres, fat, protein))


def get_deliveries(start, end, contract_id=None, uninvoiced=False):
    sql = """SELECT d.*, c.customer_id, c.price_ppl, c.fat_bonus_ppl, cu.name AS customer
             FROM processor_deliveries d JOIN sales_contracts c ON c.id = d.contract_id
             JOIN customers cu ON cu.id = c.customer_id
             WHERE d.delivered_on BETWEEN '%s' AND '%s'""" % (start, end)
    if contract_id:
        sql += " AND d.contract_id = %d" % int(contract_id)
    if uninvoiced:
        sql += " AND d.invoiced = 0"
    return query(sql + " ORDER BY d.delivered_on")


def last_invoice_no():
    return query_value("SELECT MAX(invoice_no) FROM sales_invoices")


def create_sales_invoice(customer_id, invoice_no, period, issued, due):
    return insert("""INSERT INTO sales_invoices (customer_id, invoice_no, period, total, vat, issued, due)
                     VALUES (%s,%s,%s,0,0,%s,%s)""", (customer_id, invoice_no, period, issued, due))


def add_invoice_line(invoice_id, delivery_id, litres, ppl, amount):
    insert("""INSERT INTO sales_invoice_lines (invoice_id, delivery_id, litres, ppl, amount)
              VALUES (%s,%s,%s,%s,%s)""", (invoice_id, delivery_id, litres, ppl, amount))
    execute("UPDATE processor_deliveries SET invoiced = 1 WHERE id = %s", (delivery_id,))
    execute("UPDATE sales_invoices SET total = total + %s WHERE id = %s", (amount, invoice_id))


def get_sales_invoice(invoice_id):
    inv = query_one("""SELECT i.*, c.name AS customer, c.address, c.account_code FROM sales_invoices i
                       JOIN customers c ON c.id = i.customer_id WHERE i.id = %s""", (invoice_id,))
    if inv:
        inv['lines'] = query("SELECT * FROM sales_invoice_lines WHERE invoice_id = %s", (invoice_id,))
    return inv


def list_sales_invoices(period=None):
    if period:
        return query("""SELECT i.*, c.name AS customer FROM sales_invoices i JOIN customers c ON c.id = i.customer_id
                        WHERE i.period = %s ORDER BY i.invoice_no""", (period,))
    return query("""SELECT i.*, c.name AS customer FROM sales_invoices i JOIN customers c ON c.id = i.customer_id
                    ORDER BY i.issued DESC LIMIT 200""")



def overdue_invoices():
    return query("""SELECT i.*, c.name AS customer, c.contact_email FROM sales_invoices i
                    JOIN customers c ON c.id = i.customer_id
                    WHERE i.paid_on IS NULL AND i.due < CURDATE() ORDER BY i.due""")


# ------------------------------------------------------------------
# odds and ends added later
# ------------------------------------------------------------------


def old_get_member_litres(member_id, month):
    # TODO remove - replaced by litres_by_member, still used by the statement page?
    sql = """SELECT SUM(p.litres) AS l FROM pickups p, farms f WHERE p.farm_id = f.id
             AND f.member_id = %d AND DATE_FORMAT(p.picked_at, '%%Y-%%m') = '%s'""" % (int(member_id), month)
    return query_value(sql, default=0)
