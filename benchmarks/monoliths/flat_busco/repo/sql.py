# All the SQL lives here (mostly). Functions return RealDict rows.
# NB: keep queries simple, the reporting server is a read replica with 9.6
import datetime

from db import get_conn, cursor, query_all, query_one, query_scalar, execute, insert_returning, in_list
import helpers


# ============================================================== routes / stops

def get_routes(active_only=True):
    sql = "SELECT r.*, d.code AS depot_code FROM routes r LEFT JOIN depots d ON d.id = r.depot_id"
    if active_only:
        sql += " WHERE r.active"
    sql += " ORDER BY length(r.service_no), r.service_no"
    return query_all(sql)


def get_route(route_id):
    return query_one("SELECT * FROM routes WHERE id = %s", (route_id,))


def save_route(data, route_id=None):
    conn = get_conn()
    cur = conn.cursor()
    if route_id:
        cur.execute("""UPDATE routes SET service_no=%s, name=%s, depot_id=%s, route_type=%s,
                       length_km=%s, active=%s WHERE id=%s""",
                    (data["service_no"], data["name"], data["depot_id"], data["route_type"],
                     data.get("length_km"), data.get("active", True), route_id))
    else:
        cur.execute("""INSERT INTO routes (service_no, name, depot_id, route_type, length_km)
                       VALUES (%s, %s, %s, %s, %s) RETURNING id""",
                    (data["service_no"], data["name"], data["depot_id"], data["route_type"],
                     data.get("length_km")))
        route_id = cur.fetchone()["id"]
    conn.commit()
    return route_id


def get_route_stops(route_id):
    return query_all("""
        SELECT rs.seq, rs.fare_stage, rs.timing_point, s.id AS stop_id, s.name, s.atco_code, s.locality
          FROM route_stops rs JOIN stops s ON s.id = rs.stop_id
         WHERE rs.route_id = %s ORDER BY rs.seq""", (route_id,))


def set_route_stops(route_id, stops):
    with cursor(commit=True) as cur:
        cur.execute("DELETE FROM route_stops WHERE route_id = %s", (route_id,))
        for i, s in enumerate(stops, 1):
            cur.execute("INSERT INTO route_stops (route_id, seq, stop_id, fare_stage, timing_point) "
                        "VALUES (%s, %s, %s, %s, %s)",
                        (route_id, i, s["stop_id"], s.get("fare_stage"), s.get("timing_point", False)))


def search_stops(term):
    term = "%" + term.strip() + "%"
    return query_all("SELECT * FROM stops WHERE name ILIKE %s OR atco_code ILIKE %s OR locality ILIKE %s "
                     "ORDER BY name LIMIT 50", (term, term, term))


def save_stop(data, stop_id=None):
    if stop_id:
        execute("UPDATE stops SET name=%s, locality=%s, atco_code=%s, naptan_code=%s, lat=%s, lon=%s, has_shelter=%s "
                "WHERE id=%s", (data["name"], data.get("locality"), data.get("atco_code"), data.get("naptan_code"),
                                data.get("lat"), data.get("lon"), bool(data.get("has_shelter")), stop_id))
        return stop_id
    return insert_returning("INSERT INTO stops (name, locality, atco_code, naptan_code, lat, lon, has_shelter) "
                            "VALUES (%s,%s,%s,%s,%s,%s,%s) RETURNING id",
                            (data["name"], data.get("locality"), data.get("atco_code"), data.get("naptan_code"),
                             data.get("lat"), data.get("lon"), bool(data.get("has_shelter"))))


# ============================================================== timetables / trips

def get_timetables(route_id):
    return query_all("SELECT * FROM timetables WHERE route_id = %s ORDER BY valid_from DESC, day_type", (route_id,))


def get_timetable(timetable_id):
    return query_one("""SELECT t.*, r.service_no, r.name AS route_name
                          FROM timetables t JOIN routes r ON r.id = t.route_id WHERE t.id = %s""", (timetable_id,))


def create_timetable(route_id, valid_from, day_type, copy_from=None):
    with cursor(commit=True) as cur:
        cur.execute("INSERT INTO timetables (route_id, valid_from, day_type) VALUES (%s, %s, %s) RETURNING id",
                    (route_id, valid_from, day_type))
        tt_id = cur.fetchone()["id"]
        if copy_from:
            cur.execute("""INSERT INTO trips (timetable_id, trip_code, direction, departs, arrives, vehicle_type_req, notes)
                           SELECT %s, trip_code, direction, departs, arrives, vehicle_type_req, notes
                             FROM trips WHERE timetable_id = %s""", (tt_id, copy_from))
    return tt_id


def get_trips(timetable_id):
    return query_all("SELECT * FROM trips WHERE timetable_id = %s ORDER BY direction, departs", (timetable_id,))


def save_trip(timetable_id, data, trip_id=None):
    if trip_id:
        execute("UPDATE trips SET trip_code=%s, direction=%s, departs=%s, arrives=%s, vehicle_type_req=%s, notes=%s "
                "WHERE id=%s AND timetable_id=%s",
                (data.get("trip_code"), data["direction"], data["departs"], data["arrives"],
                 data.get("vehicle_type_req"), data.get("notes"), trip_id, timetable_id))
        return trip_id
    return insert_returning("INSERT INTO trips (timetable_id, trip_code, direction, departs, arrives, vehicle_type_req, notes) "
                            "VALUES (%s,%s,%s,%s,%s,%s,%s) RETURNING id",
                            (timetable_id, data.get("trip_code"), data["direction"], data["departs"], data["arrives"],
                             data.get("vehicle_type_req"), data.get("notes")))


def delete_trip(trip_id):
    execute("DELETE FROM trips WHERE id = %s", (trip_id,))


def publish_timetable(timetable_id, user_id):
    conn = get_conn()
    cur = conn.cursor()
    cur.execute("SELECT route_id, day_type, valid_from FROM timetables WHERE id = %s", (timetable_id,))
    tt = cur.fetchone()
    # close off the previous published version of the same day type
    cur.execute("""UPDATE timetables SET valid_to = %s - 1, status = 'withdrawn'
                    WHERE route_id = %s AND day_type = %s AND status = 'published' AND id <> %s""",
                (tt["valid_from"], tt["route_id"], tt["day_type"], timetable_id))
    cur.execute("UPDATE timetables SET status = 'published', published_at = now(), published_by = %s WHERE id = %s",
                (user_id, timetable_id))
    conn.commit()
    return tt


def trips_operating_on(d, depot_id=None):
    day_type = helpers.day_type_for(d)
    if day_type == "NONE":
        return []
    sql = """SELECT tr.*, r.service_no, r.depot_id FROM trips tr
               JOIN timetables t ON t.id = tr.timetable_id
               JOIN routes r ON r.id = t.route_id
              WHERE t.status = 'published' AND t.day_type = %s
                AND t.valid_from <= %s AND (t.valid_to IS NULL OR t.valid_to >= %s)"""
    params = [day_type, d, d]
    if depot_id:
        sql += " AND r.depot_id = %s"
        params.append(depot_id)
    return query_all(sql + " ORDER BY tr.departs", params)


def get_calendar_exceptions(year):
    return query_all("SELECT * FROM calendar_exceptions WHERE extract(year FROM exc_date) = %s ORDER BY exc_date", (year,))


def add_calendar_exception(exc_date, description, runs_as, pay_enhancement=1.5):
    execute("INSERT INTO calendar_exceptions (exc_date, description, runs_as, pay_enhancement) VALUES (%s,%s,%s,%s) "
            "ON CONFLICT (exc_date) DO UPDATE SET description = EXCLUDED.description, runs_as = EXCLUDED.runs_as",
            (exc_date, description, runs_as, pay_enhancement))


def get_registrations(route_id=None):
    if route_id:
        return query_all("SELECT * FROM service_registrations WHERE route_id = %s ORDER BY variation_no DESC", (route_id,))
    return query_all("SELECT sr.*, r.service_no FROM service_registrations sr JOIN routes r ON r.id = sr.route_id "
                     "ORDER BY sr.effective_from DESC")


def save_registration(route_id, reg_no, authority, submitted_on, effective_from):
    variation = query_scalar("SELECT coalesce(max(variation_no), -1) + 1 FROM service_registrations WHERE reg_no = %s",
                             (reg_no,))
    return insert_returning("INSERT INTO service_registrations (route_id, reg_no, authority, submitted_on, effective_from, "
                            "variation_no) VALUES (%s,%s,%s,%s,%s,%s) RETURNING id",
                            (route_id, reg_no, authority, submitted_on, effective_from, variation))


# ============================================================== fares & ticketing

def get_ticket_types(active_only=True):
    return query_all("SELECT * FROM ticket_types %s ORDER BY category, code" % ("WHERE active" if active_only else ""))


def get_fares(route_id, on_date=None):
    on_date = on_date or datetime.date.today()
    return query_all("""SELECT f.*, tt.code, tt.name AS ticket_name FROM fares f
                          JOIN ticket_types tt ON tt.id = f.ticket_type_id
                         WHERE (f.route_id = %s OR f.route_id IS NULL)
                           AND f.valid_from <= %s AND (f.valid_to IS NULL OR f.valid_to >= %s)
                         ORDER BY tt.code, f.from_stage, f.to_stage""", (route_id, on_date, on_date))


def save_fare(route_id, ticket_type_id, from_stage, to_stage, price_pence, valid_from):
    with cursor(commit=True) as cur:
        # end-date the old fare rather than update, the ETM reconciliation needs history
        cur.execute("""UPDATE fares SET valid_to = %s - 1
                        WHERE route_id IS NOT DISTINCT FROM %s AND ticket_type_id = %s
                          AND from_stage IS NOT DISTINCT FROM %s AND to_stage IS NOT DISTINCT FROM %s
                          AND valid_to IS NULL""", (valid_from, route_id, ticket_type_id, from_stage, to_stage))
        cur.execute("INSERT INTO fares (route_id, ticket_type_id, from_stage, to_stage, price_pence, valid_from) "
                    "VALUES (%s,%s,%s,%s,%s,%s)", (route_id, ticket_type_id, from_stage, to_stage, price_pence, valid_from))


def fare_increase(percent, valid_from, ticket_category=None):
    # general fares increase - rounds to nearest 10p
    sql = f"""INSERT INTO fares (route_id, ticket_type_id, from_stage, to_stage, price_pence, valid_from)
              SELECT f.route_id, f.ticket_type_id, f.from_stage, f.to_stage,
                     (round(f.price_pence * (1 + {float(percent)} / 100.0) / 10) * 10)::int, %s
                FROM fares f JOIN ticket_types tt ON tt.id = f.ticket_type_id
               WHERE f.valid_to IS NULL"""
    if ticket_category:
        sql += f" AND tt.category = '{ticket_category}'"
    with cursor(commit=True) as cur:
        cur.execute("UPDATE fares SET valid_to = %s - 1 WHERE valid_to IS NULL AND valid_from < %s", (valid_from, valid_from))
        cur.execute(sql, (valid_from,))


def etm_upload_exists(filename):
    return query_scalar("SELECT count(*) FROM etm_uploads WHERE filename = %s", (filename,)) > 0


def record_etm_upload(filename, machine_id, depot_id, records, status="ok", error=None):
    return insert_returning("INSERT INTO etm_uploads (filename, machine_id, depot_id, records, status, error) "
                            "VALUES (%s,%s,%s,%s,%s,%s) RETURNING id",
                            (filename, machine_id, depot_id, records, status, error))


def insert_ticket_sales(upload_id, rows):
    with cursor(commit=True) as cur:
        for r in rows:
            cur.execute("""INSERT INTO ticket_sales (etm_upload_id, machine_id, sold_at, route_id, trip_id, driver_id,
                               ticket_type_id, from_stage, to_stage, price_pence, payment_method, passengers)
                           VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)""",
                        (upload_id, r["machine_id"], r["sold_at"], r.get("route_id"), r.get("trip_id"),
                         r.get("driver_id"), r["ticket_type_id"], r.get("from_stage"), r.get("to_stage"),
                         r["price_pence"], r.get("payment_method", "cash"), r.get("passengers", 1)))


def insert_concession_journeys(upload_id, rows):
    with cursor(commit=True) as cur:
        for r in rows:
            cur.execute("INSERT INTO concession_journeys (etm_upload_id, card_no, council_code, travelled_at, route_id, "
                        "from_stage, to_stage, reimburse_pence) VALUES (%s,%s,%s,%s,%s,%s,%s,%s)",
                        (upload_id, r["card_no"], r["council_code"], r["travelled_at"], r.get("route_id"),
                         r.get("from_stage"), r.get("to_stage"), r.get("reimburse_pence")))


def sales_for_day(d, depot_id=None):
    sql = """SELECT s.*, tt.code AS ticket_code, r.service_no FROM ticket_sales s
               LEFT JOIN ticket_types tt ON tt.id = s.ticket_type_id
               LEFT JOIN routes r ON r.id = s.route_id
              WHERE s.sold_at >= %s AND s.sold_at < %s + 1"""
    if depot_id:
        sql += " AND r.depot_id = %d" % int(depot_id)
    return query_all(sql + " ORDER BY s.sold_at", (d, d))


def driver_takings(driver_id, d):
    return query_scalar("SELECT coalesce(sum(price_pence),0) FROM ticket_sales WHERE driver_id = %s AND payment_method = 'cash' "
                        "AND date(sold_at) = %s", (driver_id, d))


def get_season_pass(pass_no):
    return query_one("SELECT sp.*, tt.name AS ticket_name FROM season_passes sp "
                     "LEFT JOIN ticket_types tt ON tt.id = sp.ticket_type_id WHERE sp.pass_no = %s", (pass_no,))


def issue_season_pass(holder_name, holder_email, ticket_type_id, valid_from, valid_to, price_pence, school_contract_id=None):
    pass_no = helpers.make_ref("SP")
    insert_returning("INSERT INTO season_passes (pass_no, holder_name, holder_email, ticket_type_id, valid_from, valid_to, "
                     "price_pence, school_contract_id) VALUES (%s,%s,%s,%s,%s,%s,%s,%s) RETURNING id",
                     (pass_no, holder_name, holder_email, ticket_type_id, valid_from, valid_to, price_pence,
                      school_contract_id))
    return pass_no


def cancel_season_pass(pass_id):
    execute("UPDATE season_passes SET status = 'cancelled' WHERE id = %s", (pass_id,))


def expire_season_passes(today):
    return execute("UPDATE season_passes SET status = 'expired' WHERE status = 'active' AND valid_to < %s", (today,))


def passes_expiring(days=14):
    return query_all("SELECT * FROM season_passes WHERE status = 'active' AND valid_to BETWEEN current_date "
                     "AND current_date + %s AND holder_email IS NOT NULL", (days,))


def concession_totals(council_code, start, end):
    return query_one("""SELECT count(*) AS journeys, coalesce(sum(reimburse_pence),0) AS total_pence
                          FROM concession_journeys WHERE council_code = %s
                           AND travelled_at >= %s AND travelled_at < %s + 1""", (council_code, start, end))


def create_refund(amount_pence, reason, sale_id=None, season_pass_id=None, complaint_id=None):
    return insert_returning("INSERT INTO refunds (sale_id, season_pass_id, amount_pence, reason, complaint_id) "
                            "VALUES (%s,%s,%s,%s,%s) RETURNING id",
                            (sale_id, season_pass_id, amount_pence, reason, complaint_id))


def process_refund(refund_id, user_id):
    execute("UPDATE refunds SET processed_at = now(), processed_by = %s WHERE id = %s AND processed_at IS NULL",
            (user_id, refund_id))


def pending_refunds():
    return query_all("SELECT * FROM refunds WHERE processed_at IS NULL ORDER BY requested_at")


# ============================================================== drivers & rostering

def get_drivers(depot_id=None, active_only=True):
    where = ["1=1"]
    if active_only:
        where.append("d.active")
    if depot_id:
        where.append("d.depot_id = %d" % int(depot_id))
    return query_all("SELECT d.*, dp.code AS depot_code FROM drivers d LEFT JOIN depots dp ON dp.id = d.depot_id "
                     "WHERE " + " AND ".join(where) + " ORDER BY d.last_name, d.first_name")


def get_driver(driver_id):
    return query_one("SELECT * FROM drivers WHERE id = %s", (driver_id,))


def save_driver(data, driver_id=None):
    cols = ["staff_no", "first_name", "last_name", "depot_id", "phone", "email", "licence_no",
            "licence_expiry", "cpc_expiry", "start_date", "grade", "hourly_rate_pence"]
    vals = [data.get(c) for c in cols]
    conn = get_conn()
    cur = conn.cursor()
    if driver_id:
        sets = ", ".join("%s = %%s" % c for c in cols)
        cur.execute("UPDATE drivers SET " + sets + " WHERE id = %s", vals + [driver_id])
    else:
        cur.execute("INSERT INTO drivers (" + ", ".join(cols) + ") VALUES (" + in_list(cols) + ") RETURNING id", vals)
        driver_id = cur.fetchone()["id"]
    conn.commit()
    return driver_id


def driver_leaves(driver_id, leave_date):
    execute("UPDATE drivers SET active = FALSE, leave_date = %s WHERE id = %s", (leave_date, driver_id))
    execute("DELETE FROM roster_assignments WHERE driver_id = %s AND work_date >= %s AND status = 'planned'",
            (driver_id, leave_date))


def get_duties(depot_id, day_type=None):
    sql = "SELECT * FROM duties WHERE depot_id = %s"
    params = [depot_id]
    if day_type:
        sql += " AND day_type = %s"
        params.append(day_type)
    return query_all(sql + " ORDER BY duty_no", params)


def get_duty(duty_id):
    duty = query_one("SELECT * FROM duties WHERE id = %s", (duty_id,))
    if duty:
        duty["trips"] = query_all("""SELECT dt.seq, tr.*, r.service_no FROM duty_trips dt
                                       JOIN trips tr ON tr.id = dt.trip_id
                                       JOIN timetables t ON t.id = tr.timetable_id
                                       JOIN routes r ON r.id = t.route_id
                                      WHERE dt.duty_id = %s ORDER BY dt.seq""", (duty_id,))
    return duty


def save_duty(data, duty_id=None):
    paid = helpers.duty_paid_minutes(data["sign_on"], data["sign_off"], data.get("break_minutes"))
    if duty_id:
        execute("UPDATE duties SET duty_no=%s, depot_id=%s, day_type=%s, sign_on=%s, sign_off=%s, break_minutes=%s, "
                "paid_minutes=%s, timetable_id=%s, notes=%s WHERE id=%s",
                (data["duty_no"], data["depot_id"], data["day_type"], data["sign_on"], data["sign_off"],
                 data.get("break_minutes", 0), paid, data.get("timetable_id"), data.get("notes"), duty_id))
        return duty_id
    return insert_returning("INSERT INTO duties (duty_no, depot_id, day_type, sign_on, sign_off, break_minutes, paid_minutes, "
                            "timetable_id, notes) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s) RETURNING id",
                            (data["duty_no"], data["depot_id"], data["day_type"], data["sign_on"], data["sign_off"],
                             data.get("break_minutes", 0), paid, data.get("timetable_id"), data.get("notes")))


def set_duty_trips(duty_id, trip_ids):
    with cursor(commit=True) as cur:
        cur.execute("DELETE FROM duty_trips WHERE duty_id = %s", (duty_id,))
        for seq, trip_id in enumerate(trip_ids, 1):
            cur.execute("INSERT INTO duty_trips (duty_id, trip_id, seq) VALUES (%s, %s, %s)", (duty_id, trip_id, seq))


def duties_for_timetable(timetable_id):
    # used when a timetable is republished - which duties need recutting
    return query_all("""SELECT DISTINCT d.* FROM duties d JOIN duty_trips dt ON dt.duty_id = d.id
                          JOIN trips tr ON tr.id = dt.trip_id WHERE tr.timetable_id = %s""", (timetable_id,))


def roster_for_week(depot_id, start):
    return query_all("""SELECT ra.*, d.duty_no, d.sign_on, d.sign_off, d.paid_minutes,
                               dr.first_name || ' ' || dr.last_name AS driver_name, v.fleet_no
                          FROM roster_assignments ra
                          JOIN duties d ON d.id = ra.duty_id
                          LEFT JOIN drivers dr ON dr.id = ra.driver_id
                          LEFT JOIN vehicles v ON v.id = ra.vehicle_id
                         WHERE d.depot_id = %s AND ra.work_date BETWEEN %s AND %s + 6
                         ORDER BY ra.work_date, d.sign_on""", (depot_id, start, start))


def assign_duty(duty_id, work_date, driver_id, vehicle_id=None):
    execute("""INSERT INTO roster_assignments (duty_id, work_date, driver_id, vehicle_id) VALUES (%s,%s,%s,%s)
               ON CONFLICT (duty_id, work_date) DO UPDATE SET driver_id = EXCLUDED.driver_id,
                   vehicle_id = coalesce(EXCLUDED.vehicle_id, roster_assignments.vehicle_id), status = 'planned'""",
            (duty_id, work_date, driver_id, vehicle_id))


def unassign_duty(assignment_id, status="sick"):
    execute("UPDATE roster_assignments SET status = %s, driver_id = NULL WHERE id = %s", (status, assignment_id))


def uncovered_duties(d):
    return query_all("""SELECT d.* FROM duties d
                         WHERE d.day_type = %s AND NOT EXISTS (
                               SELECT 1 FROM roster_assignments ra WHERE ra.duty_id = d.id AND ra.work_date = %s
                                  AND ra.driver_id IS NOT NULL)""", (helpers.day_type_for(d), d))


def driver_week_minutes(driver_id, start):
    return query_scalar("SELECT coalesce(paid_minutes, 0) FROM v_driver_week_hours WHERE driver_id = %s AND week_start = %s",
                        (driver_id, start)) or 0


def drivers_available(depot_id, d):
    return query_all("""SELECT dr.* FROM drivers dr
                         WHERE dr.depot_id = %s AND dr.active
                           AND NOT EXISTS (SELECT 1 FROM leave_requests lr WHERE lr.driver_id = dr.id
                                            AND lr.status = 'approved' AND %s BETWEEN lr.start_date AND lr.end_date)
                           AND NOT EXISTS (SELECT 1 FROM roster_assignments ra WHERE ra.driver_id = dr.id
                                            AND ra.work_date = %s)
                         ORDER BY dr.last_name""", (depot_id, d, d))


def get_leave_requests(status="pending", depot_id=None):
    sql = ("SELECT lr.*, d.first_name, d.last_name, d.staff_no FROM leave_requests lr "
           "JOIN drivers d ON d.id = lr.driver_id WHERE lr.status = %s")
    if depot_id:
        sql += " AND d.depot_id = " + str(int(depot_id))
    return query_all(sql + " ORDER BY lr.start_date", (status,))


def request_leave(driver_id, start, end, leave_type):
    return insert_returning("INSERT INTO leave_requests (driver_id, start_date, end_date, leave_type) "
                            "VALUES (%s,%s,%s,%s) RETURNING id", (driver_id, start, end, leave_type))


def decide_leave(leave_id, approved, user_id):
    status = "approved" if approved else "refused"
    with cursor(commit=True) as cur:
        cur.execute("UPDATE leave_requests SET status=%s, decided_by=%s, decided_at=now() WHERE id=%s "
                    "RETURNING driver_id, start_date, end_date", (status, user_id, leave_id))
        lr = cur.fetchone()
        if approved and lr:
            cur.execute("UPDATE roster_assignments SET driver_id = NULL, notes = 'leave' WHERE driver_id = %s "
                        "AND work_date BETWEEN %s AND %s", (lr["driver_id"], lr["start_date"], lr["end_date"]))
    return lr


def licences_due_check(days=180):
    # DVLA checks every 6 months, more often if points
    return query_all("""SELECT d.*, max(lc.checked_on) AS last_checked FROM drivers d
                          LEFT JOIN licence_checks lc ON lc.driver_id = d.id
                         WHERE d.active GROUP BY d.id
                        HAVING max(lc.checked_on) IS NULL OR max(lc.checked_on) < current_date - %s""", (days,))


def record_licence_check(driver_id, points, categories, check_code, result, user_id=None):
    execute("INSERT INTO licence_checks (driver_id, checked_on, points, categories, check_code, result, checked_by) "
            "VALUES (%s, current_date, %s, %s, %s, %s, %s)", (driver_id, points, categories, check_code, result, user_id))


# ============================================================== depots / vehicles / engineering

def get_depots():
    return query_all("SELECT * FROM depots ORDER BY code")


def get_vehicles(depot_id=None, include_sold=False):
    sql = "SELECT v.*, d.code AS depot_code FROM vehicles v LEFT JOIN depots d ON d.id = v.depot_id WHERE 1=1"
    if not include_sold:
        sql += " AND v.status <> 'sold'"
    if depot_id:
        sql += " AND v.depot_id = %s" % int(depot_id)
    return query_all(sql + " ORDER BY v.fleet_no")


def get_vehicle(vehicle_id):
    return query_one("SELECT * FROM vehicles WHERE id = %s", (vehicle_id,))


def find_vehicle_by_reg(reg):
    return query_one("SELECT * FROM vehicles WHERE replace(upper(registration), ' ', '') = %s",
                     (helpers.normalise_reg(reg),))


def save_vehicle(data, vehicle_id=None):
    reg = helpers.normalise_reg(data["registration"])
    if vehicle_id:
        execute("UPDATE vehicles SET fleet_no=%s, registration=%s, make=%s, model=%s, vehicle_type=%s, seats=%s, "
                "depot_id=%s, first_reg_date=%s, wheelchair=%s, euro_class=%s WHERE id=%s",
                (data["fleet_no"], reg, data.get("make"), data.get("model"), data["vehicle_type"], data["seats"],
                 data.get("depot_id"), data.get("first_reg_date"), bool(data.get("wheelchair")),
                 data.get("euro_class"), vehicle_id))
        return vehicle_id
    return insert_returning("INSERT INTO vehicles (fleet_no, registration, make, model, vehicle_type, seats, depot_id, "
                            "first_reg_date, wheelchair, euro_class) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s) RETURNING id",
                            (data["fleet_no"], reg, data.get("make"), data.get("model"), data["vehicle_type"],
                             data["seats"], data.get("depot_id"), data.get("first_reg_date"),
                             bool(data.get("wheelchair")), data.get("euro_class")))


def set_vehicle_status(vehicle_id, status, reason=None):
    execute("UPDATE vehicles SET status = %s, vor_reason = %s WHERE id = %s", (status, reason, vehicle_id))


def available_vehicles(depot_id, vehicle_type=None, on_date=None):
    sql = "SELECT * FROM v_vehicle_availability WHERE status = 'active' AND serious_defects = 0"
    params = []
    if depot_id:
        sql += " AND depot_id = %s"
        params.append(depot_id)
    if vehicle_type:
        sql += " AND vehicle_type = %s"
        params.append(vehicle_type)
    if on_date:
        sql += " AND (next_inspection IS NULL OR next_inspection > %s)"
        params.append(on_date)
    return query_all(sql + " ORDER BY fleet_no", params)


def update_odometer(vehicle_id, odometer):
    execute("UPDATE vehicles SET odometer = %s WHERE id = %s AND coalesce(odometer, 0) < %s",
            (odometer, vehicle_id, odometer))


def get_defects(vehicle_id=None, open_only=True):
    sql = ("SELECT df.*, v.fleet_no, v.registration FROM defects df JOIN vehicles v ON v.id = df.vehicle_id WHERE 1=1")
    params = []
    if vehicle_id:
        sql += " AND df.vehicle_id = %s"
        params.append(vehicle_id)
    if open_only:
        sql += " AND df.status = 'open'"
    return query_all(sql + " ORDER BY df.reported_at DESC", params)


def report_defect(vehicle_id, description, severity, driver_id=None, user_id=None):
    defect_id = insert_returning("INSERT INTO defects (vehicle_id, description, severity, reported_by_driver_id, "
                                 "reported_by_user_id) VALUES (%s,%s,%s,%s,%s) RETURNING id",
                                 (vehicle_id, description, severity, driver_id, user_id))
    if severity == "dangerous":
        set_vehicle_status(vehicle_id, "vor", "Dangerous defect #%s" % defect_id)
    return defect_id


def close_defect(defect_id, job_id=None):
    execute("UPDATE defects SET status = 'closed', closed_at = now(), job_id = %s WHERE id = %s", (job_id, defect_id))


def open_job(vehicle_id, job_type, notes=None):
    return insert_returning("INSERT INTO maintenance_jobs (vehicle_id, job_type, notes) VALUES (%s,%s,%s) RETURNING id",
                            (vehicle_id, job_type, notes))


def complete_job(job_id, mechanic, labour_hours, parts_cost_pence, notes=None):
    with cursor(commit=True) as cur:
        cur.execute("""UPDATE maintenance_jobs SET status='complete', completed_at=now(), mechanic=%s,
                       labour_hours=%s, parts_cost_pence=%s, notes=coalesce(%s, notes) WHERE id=%s
                       RETURNING vehicle_id""", (mechanic, labour_hours, parts_cost_pence, notes, job_id))
        vehicle_id = cur.fetchone()["vehicle_id"]
        cur.execute("UPDATE defects SET status='closed', closed_at=now() WHERE job_id=%s", (job_id,))
        # back on road if nothing serious left open
        cur.execute("""UPDATE vehicles SET status='active', vor_reason=NULL WHERE id=%s AND status='vor'
                        AND NOT EXISTS (SELECT 1 FROM defects WHERE vehicle_id=%s AND status='open'
                                        AND severity='dangerous')""", (vehicle_id, vehicle_id))
    return vehicle_id


def jobs_for_vehicle(vehicle_id):
    return query_all("SELECT * FROM maintenance_jobs WHERE vehicle_id = %s ORDER BY opened_at DESC", (vehicle_id,))


def open_jobs(depot_id=None):
    sql = ("SELECT j.*, v.fleet_no FROM maintenance_jobs j JOIN vehicles v ON v.id = j.vehicle_id "
           "WHERE j.status = 'open'")
    if depot_id:
        sql += " AND v.depot_id = %d" % int(depot_id)
    return query_all(sql + " ORDER BY j.opened_at")


def inspections_due(within_days=28):
    return query_all("""SELECT i.*, v.fleet_no, v.registration, v.depot_id FROM inspections i
                          JOIN vehicles v ON v.id = i.vehicle_id
                         WHERE i.done_date IS NULL AND i.due_date <= current_date + %s AND v.status <> 'sold'
                         ORDER BY i.due_date""", (within_days,))


def record_inspection(inspection_id, done_date, result, certificate_no=None, odometer=None):
    with cursor(commit=True) as cur:
        cur.execute("UPDATE inspections SET done_date=%s, result=%s, certificate_no=%s, odometer=%s WHERE id=%s "
                    "RETURNING vehicle_id, inspection_type", (done_date, result, certificate_no, odometer, inspection_id))
        row = cur.fetchone()
        # schedule the next one: PMI every 6 weeks, MOT yearly
        interval = "42 days" if row["inspection_type"] == "pmi" else "1 year"
        cur.execute("INSERT INTO inspections (vehicle_id, inspection_type, due_date) VALUES (%s, %s, %s::date + interval '"
                    + interval + "')", (row["vehicle_id"], row["inspection_type"], done_date))
    return row


def get_tanks(depot_id=None):
    sql = "SELECT t.*, d.code AS depot_code FROM fuel_tanks t JOIN depots d ON d.id = t.depot_id"
    if depot_id:
        return query_all(sql + " WHERE t.depot_id = %s", (depot_id,))
    return query_all(sql + " ORDER BY d.code")


def record_fuel_delivery(tank_id, supplier, delivered_at, litres, ppl, invoice_ref):
    with cursor(commit=True) as cur:
        cur.execute("INSERT INTO fuel_deliveries (tank_id, supplier, delivered_at, litres, price_per_litre_pence, "
                    "invoice_ref) VALUES (%s,%s,%s,%s,%s,%s)", (tank_id, supplier, delivered_at, litres, ppl, invoice_ref))
        cur.execute("UPDATE fuel_tanks SET current_litres = current_litres + %s WHERE id = %s", (litres, tank_id))


def record_fuel_issue(vehicle_id, litres, odometer=None, tank_id=None, issued_by=None, source="pump", card_txn_ref=None):
    with cursor(commit=True) as cur:
        cur.execute("INSERT INTO fuel_issues (tank_id, vehicle_id, litres, odometer, issued_by, source, card_txn_ref) "
                    "VALUES (%s,%s,%s,%s,%s,%s,%s)", (tank_id, vehicle_id, litres, odometer, issued_by, source, card_txn_ref))
        if tank_id:
            cur.execute("UPDATE fuel_tanks SET current_litres = current_litres - %s WHERE id = %s", (litres, tank_id))
    if odometer:
        update_odometer(vehicle_id, odometer)


def fuel_card_txn_seen(ref):
    return query_one("SELECT id FROM fuel_issues WHERE card_txn_ref = %s", (ref,)) is not None


def tanks_below_reorder():
    return query_all("SELECT t.*, d.name AS depot_name FROM fuel_tanks t JOIN depots d ON d.id = t.depot_id "
                     "WHERE t.current_litres < t.reorder_level")


def vehicle_fuel_economy(vehicle_id, months=3):
    return query_one("""SELECT sum(litres) AS litres, max(odometer) - min(odometer) AS km
                          FROM fuel_issues WHERE vehicle_id = %s AND issued_at > now() - interval '%s months'""",
                     (vehicle_id, months))


# ============================================================== private hire / school contracts

def get_hire_customers(account_type=None):
    if account_type:
        return query_all("SELECT * FROM hire_customers WHERE account_type = %s ORDER BY name", (account_type,))
    return query_all("SELECT * FROM hire_customers ORDER BY name")


def get_hire_customer(customer_id):
    return query_one("SELECT * FROM hire_customers WHERE id = %s", (customer_id,))


def save_hire_customer(data, customer_id=None):
    if customer_id:
        execute("UPDATE hire_customers SET name=%s, contact_name=%s, email=%s, phone=%s, address=%s, account_type=%s, "
                "credit_terms_days=%s WHERE id=%s",
                (data["name"], data.get("contact_name"), data.get("email"), helpers.clean_phone(data.get("phone")),
                 data.get("address"), data.get("account_type", "private"), data.get("credit_terms_days", 0), customer_id))
        return customer_id
    return insert_returning("INSERT INTO hire_customers (name, contact_name, email, phone, address, account_type, "
                            "credit_terms_days) VALUES (%s,%s,%s,%s,%s,%s,%s) RETURNING id",
                            (data["name"], data.get("contact_name"), data.get("email"),
                             helpers.clean_phone(data.get("phone")), data.get("address"),
                             data.get("account_type", "private"), data.get("credit_terms_days", 0)))


def create_quote(customer_id, journey_date, pickup, destination, passengers, miles, hours, vehicle_type, user_id):
    price = helpers.quote_price(vehicle_type, miles, hours)
    return insert_returning("""INSERT INTO hire_quotes (customer_id, journey_date, pickup, destination, passengers, miles,
                                   hours, vehicle_type, price_pence, status, valid_until, quoted_by)
                               VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,'sent', current_date + 30, %s) RETURNING id""",
                            (customer_id, journey_date, pickup, destination, passengers, miles, hours, vehicle_type,
                             price, user_id))


def get_quote(quote_id):
    return query_one("SELECT q.*, c.name AS customer_name, c.email AS customer_email FROM hire_quotes q "
                     "JOIN hire_customers c ON c.id = q.customer_id WHERE q.id = %s", (quote_id,))


def list_quotes(status=None):
    sql = "SELECT q.*, c.name AS customer_name FROM hire_quotes q JOIN hire_customers c ON c.id = q.customer_id"
    if status:
        sql += " WHERE q.status = '%s'" % status
    return query_all(sql + " ORDER BY q.journey_date")


def accept_quote(quote_id, depart_time, return_time):
    q = get_quote(quote_id)
    with cursor(commit=True) as cur:
        cur.execute("UPDATE hire_quotes SET status = 'accepted' WHERE id = %s", (quote_id,))
        cur.execute("""INSERT INTO hire_bookings (quote_id, customer_id, journey_date, depart_time, return_time, pickup,
                           destination, price_pence) VALUES (%s,%s,%s,%s,%s,%s,%s,%s) RETURNING id""",
                    (quote_id, q["customer_id"], q["journey_date"], depart_time, return_time, q["pickup"],
                     q["destination"], q["price_pence"]))
        return cur.fetchone()["id"]


def get_booking(booking_id):
    return query_one("SELECT b.*, c.name AS customer_name FROM hire_bookings b JOIN hire_customers c ON c.id = b.customer_id "
                     "WHERE b.id = %s", (booking_id,))


def bookings_between(start, end):
    return query_all("""SELECT b.*, c.name AS customer_name, v.fleet_no,
                               dr.first_name || ' ' || dr.last_name AS driver_name
                          FROM hire_bookings b JOIN hire_customers c ON c.id = b.customer_id
                          LEFT JOIN vehicles v ON v.id = b.vehicle_id
                          LEFT JOIN drivers dr ON dr.id = b.driver_id
                         WHERE b.journey_date BETWEEN %s AND %s AND b.status <> 'cancelled'
                         ORDER BY b.journey_date, b.depart_time""", (start, end))


def allocate_booking(booking_id, vehicle_id, driver_id):
    execute("UPDATE hire_bookings SET vehicle_id = %s, driver_id = %s, status = 'allocated' WHERE id = %s",
            (vehicle_id, driver_id, booking_id))


def cancel_booking(booking_id, reason):
    execute("UPDATE hire_bookings SET status = 'cancelled', notes = coalesce(notes || E'\\n', '') || %s WHERE id = %s",
            (reason, booking_id))


def get_school_contracts(active_only=True):
    sql = ("SELECT sc.*, c.name AS customer_name FROM school_contracts sc "
           "JOIN hire_customers c ON c.id = sc.customer_id")
    if active_only:
        sql += " WHERE sc.status = 'active'"
    return query_all(sql + " ORDER BY sc.contract_ref")


def get_school_contract(contract_id):
    return query_one("SELECT * FROM school_contracts WHERE id = %s", (contract_id,))


def save_school_contract(data, contract_id=None):
    cols = ("customer_id", "contract_ref", "school_name", "route_id", "start_date", "end_date", "daily_rate_pence",
            "vehicle_type", "pupils", "am_time", "pm_time")
    vals = [data.get(c) for c in cols]
    if contract_id:
        execute("UPDATE school_contracts SET " + ", ".join(c + "=%s" for c in cols) + " WHERE id=%s", vals + [contract_id])
        return contract_id
    return insert_returning("INSERT INTO school_contracts (" + ",".join(cols) + ") VALUES (" + in_list(cols) +
                            ") RETURNING id", vals)


def next_invoice_no():
    last = query_scalar("SELECT max(invoice_no) FROM hire_invoices WHERE invoice_no LIKE 'VM%%'")
    n = int(last[2:]) + 1 if last else 10001
    return "VM%06d" % n


def create_hire_invoice(customer_id, net_pence, booking_id=None, school_contract_id=None, issued_on=None):
    import settings
    cust = get_hire_customer(customer_id)
    issued_on = issued_on or datetime.date.today()
    due_on = issued_on + datetime.timedelta(days=cust["credit_terms_days"] or 0)
    vat = int(round(net_pence * settings.VAT_RATE))
    return insert_returning("""INSERT INTO hire_invoices (customer_id, booking_id, school_contract_id, invoice_no,
                                   issued_on, due_on, net_pence, vat_pence)
                               VALUES (%s,%s,%s,%s,%s,%s,%s,%s) RETURNING id""",
                            (customer_id, booking_id, school_contract_id, next_invoice_no(), issued_on, due_on,
                             net_pence, vat))


def unpaid_invoices():
    return query_all("SELECT i.*, c.name AS customer_name FROM hire_invoices i JOIN hire_customers c "
                     "ON c.id = i.customer_id WHERE i.paid_on IS NULL ORDER BY i.due_on")


def mark_invoice_paid(invoice_id, paid_on):
    execute("UPDATE hire_invoices SET paid_on = %s WHERE id = %s", (paid_on, invoice_id))


# ============================================================== customer care

def create_complaint(data):
    ref = helpers.make_ref("C")
    received = datetime.datetime.now()
    return insert_returning("""INSERT INTO complaints (ref, received_at, channel, customer_name, customer_email,
                                   customer_phone, category, route_id, trip_id, driver_id, vehicle_id, incident_at,
                                   description, due_date)
                               VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s) RETURNING id""",
                            (ref, received, data.get("channel", "web"), data.get("customer_name"),
                             data.get("customer_email"), helpers.clean_phone(data.get("customer_phone")),
                             data["category"], data.get("route_id"), data.get("trip_id"), data.get("driver_id"),
                             data.get("vehicle_id"), data.get("incident_at"), data["description"],
                             helpers.complaint_due_date(received)))


def get_complaint(complaint_id):
    c = query_one("""SELECT c.*, r.service_no, v.fleet_no, dr.first_name || ' ' || dr.last_name AS driver_name
                       FROM complaints c
                       LEFT JOIN routes r ON r.id = c.route_id
                       LEFT JOIN vehicles v ON v.id = c.vehicle_id
                       LEFT JOIN drivers dr ON dr.id = c.driver_id
                      WHERE c.id = %s""", (complaint_id,))
    if c:
        c["notes"] = query_all("SELECT n.*, u.full_name FROM complaint_notes n LEFT JOIN users u ON u.id = n.user_id "
                               "WHERE n.complaint_id = %s ORDER BY n.created_at", (complaint_id,))
    return c


def list_complaints(status=None, category=None, limit=50, offset=0):
    sql = "SELECT c.*, r.service_no FROM complaints c LEFT JOIN routes r ON r.id = c.route_id WHERE 1=1"
    params = []
    if status:
        sql += " AND c.status = %s"
        params.append(status)
    if category:
        sql += " AND c.category = %s"
        params.append(category)
    sql += " ORDER BY c.received_at DESC LIMIT %s OFFSET %s"
    return query_all(sql, params + [limit, offset])


def add_complaint_note(complaint_id, user_id, note, sent_to_customer=False):
    execute("INSERT INTO complaint_notes (complaint_id, user_id, note, sent_to_customer) VALUES (%s,%s,%s,%s)",
            (complaint_id, user_id, note, sent_to_customer))


def assign_complaint(complaint_id, user_id):
    execute("UPDATE complaints SET assigned_to = %s, status = 'assigned' WHERE id = %s", (user_id, complaint_id))


def close_complaint(complaint_id, outcome):
    execute("UPDATE complaints SET status = 'closed', closed_at = now(), outcome = %s WHERE id = %s",
            (outcome, complaint_id))


def overdue_complaints():
    return query_all("SELECT c.*, u.email AS assignee_email FROM complaints c LEFT JOIN users u ON u.id = c.assigned_to "
                     "WHERE c.status <> 'closed' AND c.due_date < current_date ORDER BY c.due_date")


def log_lost_property(data):
    ref = helpers.make_ref("LP")
    insert_returning("""INSERT INTO lost_property (ref, found_at, vehicle_id, route_id, depot_id, description, category,
                            value_estimate_pence, storage_location) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s) RETURNING id""",
                     (ref, data["found_at"], data.get("vehicle_id"), data.get("route_id"), data.get("depot_id"),
                      data["description"], data.get("category"), data.get("value_estimate_pence"),
                      data.get("storage_location")))
    return ref


def search_lost_property(term=None, status="held"):
    sql = "SELECT lp.*, r.service_no FROM lost_property lp LEFT JOIN routes r ON r.id = lp.route_id WHERE lp.status = %s"
    params = [status]
    if term:
        sql += " AND (lp.description ILIKE %s OR lp.ref = %s)"
        params += ["%" + term + "%", term.upper()]
    return query_all(sql + " ORDER BY lp.found_at DESC LIMIT 200", params)


def claim_lost_property(item_id, claimant_name, phone, email, description_given, fee_pence, user_id):
    with cursor(commit=True) as cur:
        cur.execute("INSERT INTO lost_property_claims (item_id, claimant_name, claimant_phone, claimant_email, "
                    "description_given, fee_pence, verified_by, returned_at) VALUES (%s,%s,%s,%s,%s,%s,%s,now())",
                    (item_id, claimant_name, helpers.clean_phone(phone), email, description_given, fee_pence, user_id))
        cur.execute("UPDATE lost_property SET status = 'claimed' WHERE id = %s", (item_id,))


def lost_property_for_disposal():
    return query_all("SELECT * FROM lost_property WHERE status = 'held' AND found_at < now() - interval '%s days'"
                     % int(__import__("settings").LOST_PROPERTY_RETENTION_DAYS))


def dispose_lost_property(item_ids, status="disposed"):
    if not item_ids:
        return 0
    return execute("UPDATE lost_property SET status = %s, disposed_at = now() WHERE id IN (" + in_list(item_ids) + ")",
                   [status] + list(item_ids))


# ============================================================== driver expenses / payroll

def current_mileage_rate(on_date=None):
    on_date = on_date or datetime.date.today()
    return query_scalar("SELECT pence_per_mile FROM mileage_rates WHERE valid_from <= %s AND (valid_to IS NULL "
                        "OR valid_to >= %s) ORDER BY valid_from DESC LIMIT 1", (on_date, on_date))


def create_expense_claim(driver_id, claim_month):
    return insert_returning("INSERT INTO expense_claims (driver_id, claim_month) VALUES (%s, %s) RETURNING id",
                            (driver_id, claim_month))


def add_expense_line(claim_id, line_date, category, description, amount_pence, duty_id=None, miles=None,
                     receipt_ref=None):
    with cursor(commit=True) as cur:
        cur.execute("INSERT INTO expense_lines (claim_id, line_date, category, description, duty_id, miles, amount_pence, "
                    "receipt_ref) VALUES (%s,%s,%s,%s,%s,%s,%s,%s)",
                    (claim_id, line_date, category, description, duty_id, miles, amount_pence, receipt_ref))
        cur.execute("UPDATE expense_claims SET total_pence = (SELECT coalesce(sum(amount_pence),0) FROM expense_lines "
                    "WHERE claim_id = %s) WHERE id = %s", (claim_id, claim_id))


def get_expense_claim(claim_id):
    claim = query_one("SELECT ec.*, d.first_name, d.last_name, d.staff_no FROM expense_claims ec "
                      "JOIN drivers d ON d.id = ec.driver_id WHERE ec.id = %s", (claim_id,))
    if claim:
        claim["lines"] = query_all("SELECT * FROM expense_lines WHERE claim_id = %s ORDER BY line_date", (claim_id,))
    return claim


def list_expense_claims(status="submitted"):
    return query_all("SELECT ec.*, d.first_name, d.last_name, d.staff_no FROM expense_claims ec "
                     "JOIN drivers d ON d.id = ec.driver_id WHERE ec.status = %s ORDER BY ec.submitted_at", (status,))


def approve_expense_claim(claim_id, user_id):
    execute("UPDATE expense_claims SET status='approved', approved_by=%s, approved_at=now() WHERE id=%s "
            "AND status='submitted'", (user_id, claim_id))


def reject_expense_claim(claim_id, user_id, reason):
    execute("UPDATE expense_claims SET status='rejected', approved_by=%s, approved_at=now(), rejected_reason=%s "
            "WHERE id=%s", (user_id, reason, claim_id))


def claims_for_payroll(period_end):
    return query_all("""SELECT ec.*, d.staff_no, d.first_name, d.last_name FROM expense_claims ec
                          JOIN drivers d ON d.id = ec.driver_id
                         WHERE ec.status = 'approved' AND ec.payroll_export_id IS NULL AND ec.claim_month <= %s""",
                     (period_end,))


def record_payroll_export(period_start, period_end, filename, claim_ids, total_pence, user_id=None):
    with cursor(commit=True) as cur:
        cur.execute("INSERT INTO payroll_exports (period_start, period_end, filename, claim_count, total_pence, created_by) "
                    "VALUES (%s,%s,%s,%s,%s,%s) RETURNING id",
                    (period_start, period_end, filename, len(claim_ids), total_pence, user_id))
        export_id = cur.fetchone()["id"]
        if claim_ids:
            cur.execute("UPDATE expense_claims SET status='exported', payroll_export_id=%s WHERE id IN ("
                        + in_list(claim_ids) + ")", [export_id] + list(claim_ids))
    return export_id


def meal_allowance_claimed(driver_id, line_date):
    return query_scalar("SELECT count(*) FROM expense_lines el JOIN expense_claims ec ON ec.id = el.claim_id "
                        "WHERE ec.driver_id = %s AND el.line_date = %s AND el.category = 'meal' "
                        "AND ec.status <> 'rejected'", (driver_id, line_date)) > 0


# ============================================================== users

def get_user_by_email(email):
    return query_one("SELECT * FROM users WHERE lower(email) = lower(%s)", (email.strip(),))


def list_users():
    return query_all("SELECT id, email, full_name, role, depot_id, active, last_login FROM users ORDER BY full_name")


def create_user(email, full_name, password_hash, role, depot_id=None):
    return insert_returning("INSERT INTO users (email, full_name, password_hash, role, depot_id) VALUES (%s,%s,%s,%s,%s) "
                            "RETURNING id", (email.strip().lower(), full_name, password_hash, role, depot_id))


def set_password(user_id, password_hash):
    execute("UPDATE users SET password_hash = %s WHERE id = %s", (password_hash, user_id))


def record_login(user_id, email, ip, success):
    execute("INSERT INTO login_audit (user_id, email, ip_address, success) VALUES (%s,%s,%s,%s)",
            (user_id, email, ip, success))
    if success:
        execute("UPDATE users SET last_login = now() WHERE id = %s", (user_id,))


def recent_failed_logins(email, minutes=15):
    return query_scalar("SELECT count(*) FROM login_audit WHERE email = %s AND NOT success "
                        "AND created_at > now() - interval '" + str(int(minutes)) + " minutes'", (email,))


def create_password_reset(user_id, token):
    execute("INSERT INTO password_resets (user_id, token, expires_at) VALUES (%s, %s, now() + interval '2 hours')",
            (user_id, token))


def use_password_reset(token):
    with cursor(commit=True) as cur:
        cur.execute("UPDATE password_resets SET used_at = now() WHERE token = %s AND used_at IS NULL "
                    "AND expires_at > now() RETURNING user_id", (token,))
        row = cur.fetchone()
    return row["user_id"] if row else None
