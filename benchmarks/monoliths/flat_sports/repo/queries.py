"""
All (well, most) SQL lives here.  Functions return RealDictRow / lists of them.

Please keep SQL out of app.py.  (Yes, there is still some there.)
"""
from db import query_all, query_one, query_scalar, execute, execute_returning, build_where
import dateutils


# ---------------------------------------------------------------------------
# customers
# ---------------------------------------------------------------------------

def get_customer(customer_id):
    return query_one('SELECT * FROM customers WHERE id = %s', (customer_id,))


def get_customer_by_email(email):
    return query_one('SELECT * FROM customers WHERE lower(email) = lower(%s)', (email.strip(),))


def insert_customer(email, first_name, last_name, dob, phone, password_hash):
    return execute_returning(
        """INSERT INTO customers (email, first_name, last_name, dob, phone, password_hash)
           VALUES (%s, %s, %s, %s, %s, %s) RETURNING id""",
        (email.strip().lower(), first_name, last_name, dob, phone, password_hash))


def update_customer(customer_id, fields):
    allowed = ('first_name', 'last_name', 'dob', 'phone', 'email', 'is_active')
    keys = [k for k in fields if k in allowed]
    if not keys:
        return 0
    sets = ', '.join(['%s = %%s' % k for k in keys])
    return execute('UPDATE customers SET ' + sets + ' WHERE id = %s',
                   [fields[k] for k in keys] + [customer_id])


def search_customers(term, limit=50):
    # FIXME: term is escaped by the caller... mostly
    term = term.replace("'", "''")
    sql = """SELECT c.*, a.postcode FROM customers c
             LEFT JOIN customer_addresses a ON a.customer_id = c.id AND a.is_primary
             WHERE NOT c.anonymised AND (c.email ILIKE '%%%s%%' OR c.last_name ILIKE '%%%s%%'
                   OR a.postcode ILIKE '%%%s%%')
             ORDER BY c.last_name, c.first_name LIMIT %d""" % (term, term, term, limit)
    return query_all(sql)


def get_primary_address(customer_id):
    return query_one('SELECT * FROM customer_addresses WHERE customer_id = %s AND is_primary',
                     (customer_id,))


def upsert_address(customer_id, line1, line2, town, postcode):
    execute('UPDATE customer_addresses SET is_primary = FALSE WHERE customer_id = %s', (customer_id,))
    return execute_returning(
        """INSERT INTO customer_addresses (customer_id, line1, line2, town, postcode, is_primary)
           VALUES (%s, %s, %s, %s, %s, TRUE) RETURNING id""",
        (customer_id, line1, line2, town, postcode))


def add_customer_note(customer_id, staff_id, note):
    return execute_returning(
        'INSERT INTO customer_notes (customer_id, staff_id, note) VALUES (%s, %s, %s) RETURNING id',
        (customer_id, staff_id, note))


def get_customer_notes(customer_id):
    return query_all(
        """SELECT n.*, s.name AS staff_name FROM customer_notes n
           LEFT JOIN staff s ON s.id = n.staff_id
           WHERE n.customer_id = %s ORDER BY n.created_at DESC""", (customer_id,))


def get_marketing_prefs(customer_id):
    row = query_one('SELECT * FROM marketing_prefs WHERE customer_id = %s', (customer_id,))
    return row or {'customer_id': customer_id, 'email_ok': False, 'sms_ok': False}


def set_marketing_prefs(customer_id, email_ok, sms_ok):
    n = execute('UPDATE marketing_prefs SET email_ok = %s, sms_ok = %s, updated_at = now() WHERE customer_id = %s',
                (email_ok, sms_ok, customer_id))
    if not n:
        execute('INSERT INTO marketing_prefs (customer_id, email_ok, sms_ok) VALUES (%s, %s, %s)',
                (customer_id, email_ok, sms_ok))


# ---------------------------------------------------------------------------
# sites / facilities / bookings
# ---------------------------------------------------------------------------

def list_sites():
    return query_all('SELECT * FROM sites ORDER BY name')


def get_site(site_id):
    return query_one('SELECT * FROM sites WHERE id = %s', (site_id,))


def list_facilities(site_id=None, kind=None, bookable_only=True):
    where, params = build_where({'site_id': site_id, 'kind': kind})
    if bookable_only:
        where = (where + ' AND is_bookable') if where else 'WHERE is_bookable'
    return query_all('SELECT * FROM facilities %s ORDER BY site_id, name' % where, params)


def get_facility(facility_id):
    return query_one(
        """SELECT f.*, s.name AS site_name, s.opens_at, s.closes_at, s.cost_centre
           FROM facilities f JOIN sites s ON s.id = f.site_id WHERE f.id = %s""", (facility_id,))


def get_rates_for_facility(facility_id, day_type):
    return query_all(
        """SELECT * FROM facility_rates WHERE facility_id = %s AND day_type = %s
           ORDER BY start_time""", (facility_id, day_type))


def find_clashing_bookings(facility_id, starts_at, ends_at, exclude_id=None):
    sql = """SELECT * FROM bookings
             WHERE facility_id = %s AND status IN ('provisional', 'confirmed')
               AND starts_at < %s AND ends_at > %s"""
    params = [facility_id, ends_at, starts_at]
    if exclude_id:
        sql += ' AND id <> %s'
        params.append(exclude_id)
    return query_all(sql, params)


def find_closures(facility_id, starts_at, ends_at):
    return query_all(
        """SELECT * FROM facility_closures WHERE facility_id = %s
           AND starts_at < %s AND ends_at > %s""", (facility_id, ends_at, starts_at))


def insert_closure(facility_id, starts_at, ends_at, reason):
    return execute_returning(
        """INSERT INTO facility_closures (facility_id, starts_at, ends_at, reason)
           VALUES (%s, %s, %s, %s) RETURNING id""", (facility_id, starts_at, ends_at, reason))


def insert_booking(ref, customer_id, facility_id, starts_at, ends_at, price_pence,
                   status='provisional', created_by=None, block_booking_id=None):
    return execute_returning(
        """INSERT INTO bookings (ref, customer_id, facility_id, starts_at, ends_at, price_pence,
                                 status, created_by, block_booking_id)
           VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id""",
        (ref, customer_id, facility_id, starts_at, ends_at, price_pence, status, created_by,
         block_booking_id))


def get_booking(booking_id):
    return query_one(
        """SELECT b.*, f.name AS facility_name, f.kind, f.site_id
           FROM bookings b JOIN facilities f ON f.id = b.facility_id WHERE b.id = %s""", (booking_id,))


def get_booking_by_ref(ref):
    return query_one('SELECT * FROM bookings WHERE ref = %s', (ref.strip().upper(),))


def bookings_for_customer(customer_id, upcoming_only=False):
    sql = """SELECT b.*, f.name AS facility_name, s.name AS site_name
             FROM bookings b JOIN facilities f ON f.id = b.facility_id
             JOIN sites s ON s.id = f.site_id
             WHERE b.customer_id = %s"""
    if upcoming_only:
        sql += " AND b.starts_at >= now() AND b.status <> 'cancelled'"
    sql += ' ORDER BY b.starts_at DESC'
    return query_all(sql, (customer_id,))


def bookings_for_day(site_id, day):
    return query_all(
        """SELECT b.*, f.name AS facility_name, c.first_name, c.last_name, c.phone
           FROM bookings b JOIN facilities f ON f.id = b.facility_id
           JOIN customers c ON c.id = b.customer_id
           WHERE f.site_id = %s AND b.starts_at::date = %s AND b.status <> 'cancelled'
           ORDER BY f.name, b.starts_at""", (site_id, day))


def set_booking_status(booking_id, status):
    return execute('UPDATE bookings SET status = %s WHERE id = %s', (status, booking_id))


def set_booking_invoice(booking_id, invoice_id):
    return execute('UPDATE bookings SET invoice_id = %s WHERE id = %s', (invoice_id, booking_id))


def insert_cancellation(booking_id, reason, refund_due_pence, by_staff_id=None):
    return execute_returning(
        """INSERT INTO booking_cancellations (booking_id, reason, refund_due_pence, by_staff_id)
           VALUES (%s, %s, %s, %s) RETURNING id""", (booking_id, reason, refund_due_pence, by_staff_id))


def insert_block_booking(customer_id, facility_id, weekday, start_time, duration_mins, from_date, to_date):
    return execute_returning(
        """INSERT INTO block_bookings (customer_id, facility_id, weekday, start_time, duration_mins,
                                       from_date, to_date)
           VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id""",
        (customer_id, facility_id, weekday, start_time, duration_mins, from_date, to_date))


def list_block_bookings(active_on=None):
    active_on = active_on or dateutils.today()
    return query_all('SELECT * FROM block_bookings WHERE from_date <= %s AND to_date >= %s',
                     (active_on, active_on))


def set_block_expanded_to(block_id, d):
    return execute('UPDATE block_bookings SET expanded_to = %s WHERE id = %s', (d, block_id))


def stale_provisional_bookings(older_than):
    return query_all("""SELECT * FROM bookings WHERE status = 'provisional' AND created_at < %s
                        AND invoice_id IS NULL""", (older_than,))


# ---------------------------------------------------------------------------
# memberships / passes
# ---------------------------------------------------------------------------

def list_plans(on_sale_only=True):
    sql = 'SELECT * FROM membership_plans'
    if on_sale_only:
        sql += ' WHERE on_sale'
    return query_all(sql + ' ORDER BY monthly_pence')


def get_plan(plan_id):
    return query_one('SELECT * FROM membership_plans WHERE id = %s', (plan_id,))


def get_plan_by_code(code):
    return query_one('SELECT * FROM membership_plans WHERE code = %s', (code.upper(),))


def get_active_membership(customer_id):
    return query_one(
        """SELECT m.*, p.code AS plan_code, p.name AS plan_name, p.peak_access,
                  p.booking_discount_pct, p.monthly_pence, p.annual_pence
           FROM memberships m JOIN membership_plans p ON p.id = m.plan_id
           WHERE m.customer_id = %s AND m.status IN ('active', 'frozen')
           ORDER BY m.start_date DESC LIMIT 1""", (customer_id,))


def insert_membership(customer_id, plan_id, start_date, payment_freq, dd_reference=None, home_site_id=None):
    return execute_returning(
        """INSERT INTO memberships (customer_id, plan_id, start_date, payment_freq, dd_reference, home_site_id)
           VALUES (%s, %s, %s, %s, %s, %s) RETURNING id""",
        (customer_id, plan_id, start_date, payment_freq, dd_reference, home_site_id))


def update_membership_status(membership_id, status, end_date=None):
    if end_date:
        return execute('UPDATE memberships SET status = %s, end_date = %s WHERE id = %s',
                       (status, end_date, membership_id))
    return execute('UPDATE memberships SET status = %s WHERE id = %s', (status, membership_id))


def memberships_expiring_between(d1, d2):
    return query_all(
        """SELECT m.*, c.email, c.first_name, p.name AS plan_name FROM memberships m
           JOIN customers c ON c.id = m.customer_id JOIN membership_plans p ON p.id = m.plan_id
           WHERE m.status = 'active' AND m.end_date BETWEEN %s AND %s""", (d1, d2))


def insert_freeze(membership_id, from_date, to_date, reason):
    return execute_returning(
        """INSERT INTO membership_freezes (membership_id, from_date, to_date, reason)
           VALUES (%s, %s, %s, %s) RETURNING id""", (membership_id, from_date, to_date, reason))


def freezes_for_membership(membership_id):
    return query_all('SELECT * FROM membership_freezes WHERE membership_id = %s ORDER BY from_date',
                     (membership_id,))


def get_pass_by_barcode(barcode):
    return query_one('SELECT * FROM passes WHERE barcode = %s', (barcode.strip(),))


def insert_pass(customer_id, pass_type, barcode, visits_total, expires_on):
    return execute_returning(
        """INSERT INTO passes (customer_id, pass_type, barcode, visits_total, expires_on)
           VALUES (%s, %s, %s, %s, %s) RETURNING id""",
        (customer_id, pass_type, barcode, visits_total, expires_on))


def record_visit(site_id, pass_id=None, membership_id=None):
    if pass_id:
        execute('UPDATE passes SET visits_used = visits_used + 1 WHERE id = %s', (pass_id,))
    return execute_returning(
        'INSERT INTO pass_visits (pass_id, membership_id, site_id) VALUES (%s, %s, %s) RETURNING id',
        (pass_id, membership_id, site_id))


def get_valid_concession(customer_id, on_date=None):
    on_date = on_date or dateutils.today()
    return query_one(
        """SELECT * FROM concessions WHERE customer_id = %s AND valid_until >= %s
           ORDER BY valid_until DESC LIMIT 1""", (customer_id, on_date))


def insert_concession(customer_id, kind, evidence_ref, verified_by, valid_until):
    return execute_returning(
        """INSERT INTO concessions (customer_id, kind, evidence_ref, verified_by, valid_until)
           VALUES (%s, %s, %s, %s, %s) RETURNING id""",
        (customer_id, kind, evidence_ref, verified_by, valid_until))


# ---------------------------------------------------------------------------
# leagues
# ---------------------------------------------------------------------------

def list_leagues(season=None):
    if season:
        return query_all('SELECT * FROM leagues WHERE season = %s ORDER BY sport, division', (season,))
    return query_all('SELECT * FROM leagues ORDER BY season DESC, sport, division')


def get_league(league_id):
    return query_one('SELECT * FROM leagues WHERE id = %s', (league_id,))


def teams_in_league(league_id, include_withdrawn=False):
    sql = 'SELECT * FROM teams WHERE league_id = %s'
    if not include_withdrawn:
        sql += ' AND NOT withdrawn'
    return query_all(sql + ' ORDER BY name', (league_id,))


def get_team(team_id):
    return query_one('SELECT * FROM teams WHERE id = %s', (team_id,))


def insert_team(league_id, name, captain_id):
    return execute_returning('INSERT INTO teams (league_id, name, captain_id) VALUES (%s, %s, %s) RETURNING id',
                             (league_id, name, captain_id))


def set_team_invoice(team_id, invoice_id):
    return execute('UPDATE teams SET fee_invoice_id = %s WHERE id = %s', (invoice_id, team_id))


def add_team_player(team_id, customer_id, shirt_no=None):
    return execute_returning(
        'INSERT INTO team_players (team_id, customer_id, shirt_no) VALUES (%s, %s, %s) RETURNING id',
        (team_id, customer_id, shirt_no))


def players_for_team(team_id):
    return query_all(
        """SELECT tp.*, c.first_name, c.last_name, c.dob FROM team_players tp
           JOIN customers c ON c.id = tp.customer_id WHERE tp.team_id = %s
           ORDER BY tp.shirt_no NULLS LAST""", (team_id,))


def insert_fixture(league_id, round_no, home_team_id, away_team_id, kickoff, facility_id=None):
    return execute_returning(
        """INSERT INTO fixtures (league_id, round_no, home_team_id, away_team_id, kickoff, facility_id)
           VALUES (%s, %s, %s, %s, %s, %s) RETURNING id""",
        (league_id, round_no, home_team_id, away_team_id, kickoff, facility_id))


def fixtures_for_league(league_id):
    return query_all(
        """SELECT fx.*, ht.name AS home_name, at.name AS away_name, r.home_score, r.away_score
           FROM fixtures fx JOIN teams ht ON ht.id = fx.home_team_id
           JOIN teams at ON at.id = fx.away_team_id
           LEFT JOIN match_results r ON r.fixture_id = fx.id
           WHERE fx.league_id = %s ORDER BY fx.round_no, fx.kickoff""", (league_id,))


def get_fixture(fixture_id):
    return query_one('SELECT * FROM fixtures WHERE id = %s', (fixture_id,))


def set_fixture_booking(fixture_id, booking_id, facility_id):
    return execute('UPDATE fixtures SET booking_id = %s, facility_id = %s WHERE id = %s',
                   (booking_id, facility_id, fixture_id))


def save_result(fixture_id, home_score, away_score, recorded_by):
    execute('DELETE FROM match_results WHERE fixture_id = %s', (fixture_id,))
    execute("""INSERT INTO match_results (fixture_id, home_score, away_score, recorded_by)
               VALUES (%s, %s, %s, %s)""", (fixture_id, home_score, away_score, recorded_by))
    execute("UPDATE fixtures SET status = 'played' WHERE id = %s", (fixture_id,))


def results_for_league(league_id):
    return query_all(
        """SELECT fx.home_team_id, fx.away_team_id, r.home_score, r.away_score
           FROM fixtures fx JOIN match_results r ON r.fixture_id = fx.id
           WHERE fx.league_id = %s AND fx.status = 'played'""", (league_id,))


def list_referees(sport=None):
    if sport:
        return query_all('SELECT * FROM referees WHERE sport = %s ORDER BY name', (sport,))
    return query_all('SELECT * FROM referees ORDER BY name')


def assign_referee(fixture_id, referee_id, fee_pence):
    execute('DELETE FROM fixture_officials WHERE fixture_id = %s', (fixture_id,))
    return execute('INSERT INTO fixture_officials (fixture_id, referee_id, fee_pence) VALUES (%s, %s, %s)',
                   (fixture_id, referee_id, fee_pence))


# ---------------------------------------------------------------------------
# courses
# ---------------------------------------------------------------------------

def get_current_term(on=None):
    on = on or dateutils.today()
    return query_one('SELECT * FROM course_terms WHERE ends_on >= %s ORDER BY starts_on LIMIT 1', (on,))


def list_courses(term_id=None, sport=None):
    where, params = build_where({'c.term_id': term_id, 'c.sport': sport})
    return query_all(
        """SELECT c.*, f.name AS facility_name, s.name AS coach_name,
                  (SELECT count(*) FROM enrolments e WHERE e.course_id = c.id AND e.status <> 'withdrawn') AS enrolled
           FROM courses c LEFT JOIN facilities f ON f.id = c.facility_id
           LEFT JOIN staff s ON s.id = c.coach_id %s
           ORDER BY c.weekday, c.start_time""" % where, params)


def get_course(course_id):
    return query_one('SELECT * FROM courses WHERE id = %s', (course_id,))


def sessions_for_course(course_id):
    return query_all('SELECT * FROM course_sessions WHERE course_id = %s ORDER BY session_date', (course_id,))


def insert_session(course_id, session_date):
    return execute_returning('INSERT INTO course_sessions (course_id, session_date) VALUES (%s, %s) RETURNING id',
                             (course_id, session_date))


def count_enrolments(course_id):
    return query_scalar("SELECT count(*) FROM enrolments WHERE course_id = %s AND status <> 'withdrawn'",
                        (course_id,), default=0)


def insert_enrolment(course_id, customer_id, status='pending', price_pence=None):
    return execute_returning(
        """INSERT INTO enrolments (course_id, customer_id, status, price_pence)
           VALUES (%s, %s, %s, %s) RETURNING id""", (course_id, customer_id, status, price_pence))


def get_enrolment(enrolment_id):
    return query_one('SELECT * FROM enrolments WHERE id = %s', (enrolment_id,))


def enrolments_for_customer(customer_id):
    return query_all(
        """SELECT e.*, c.title, c.weekday, c.start_time, t.name AS term_name
           FROM enrolments e JOIN courses c ON c.id = e.course_id
           JOIN course_terms t ON t.id = c.term_id
           WHERE e.customer_id = %s ORDER BY t.starts_on DESC""", (customer_id,))


def set_enrolment_status(enrolment_id, status):
    return execute('UPDATE enrolments SET status = %s WHERE id = %s', (status, enrolment_id))


def set_enrolment_invoice(enrolment_id, invoice_id):
    return execute('UPDATE enrolments SET invoice_id = %s WHERE id = %s', (invoice_id, enrolment_id))


def add_to_waiting_list(course_id, customer_id):
    return execute_returning('INSERT INTO waiting_list (course_id, customer_id) VALUES (%s, %s) RETURNING id',
                             (course_id, customer_id))


def next_on_waiting_list(course_id):
    return query_one(
        """SELECT * FROM waiting_list WHERE course_id = %s AND offered_at IS NULL AND NOT declined
           ORDER BY added_at LIMIT 1""", (course_id,))


def mark_offered(waiting_id):
    return execute('UPDATE waiting_list SET offered_at = now() WHERE id = %s', (waiting_id,))


def mark_attendance(session_id, enrolment_id, present, staff_id):
    execute('DELETE FROM attendance WHERE session_id = %s AND enrolment_id = %s', (session_id, enrolment_id))
    return execute('INSERT INTO attendance (session_id, enrolment_id, present, noted_by) VALUES (%s, %s, %s, %s)',
                   (session_id, enrolment_id, present, staff_id))


# ---------------------------------------------------------------------------
# invoices / payments
# ---------------------------------------------------------------------------

def insert_invoice(customer_id, number, issued_on, due_on):
    return execute_returning(
        """INSERT INTO invoices (customer_id, number, issued_on, due_on)
           VALUES (%s, %s, %s, %s) RETURNING id""", (customer_id, number, issued_on, due_on))


def insert_invoice_line(invoice_id, description, qty, unit_pence, vat_code='S', source_type=None,
                        source_id=None, cost_centre=None):
    return execute_returning(
        """INSERT INTO invoice_lines (invoice_id, description, qty, unit_pence, vat_code, source_type,
                                      source_id, cost_centre)
           VALUES (%s, %s, %s, %s, %s, %s, %s, %s) RETURNING id""",
        (invoice_id, description, qty, unit_pence, vat_code, source_type, source_id, cost_centre))


def get_invoice(invoice_id):
    return query_one('SELECT * FROM invoices WHERE id = %s', (invoice_id,))


def get_invoice_by_number(number):
    return query_one('SELECT * FROM invoices WHERE number = %s', (number,))


def invoice_lines(invoice_id):
    return query_all('SELECT * FROM invoice_lines WHERE invoice_id = %s ORDER BY id', (invoice_id,))


def update_invoice_totals(invoice_id, total_pence, vat_pence):
    return execute('UPDATE invoices SET total_pence = %s, vat_pence = %s WHERE id = %s',
                   (total_pence, vat_pence, invoice_id))


def set_invoice_status(invoice_id, status):
    return execute('UPDATE invoices SET status = %s WHERE id = %s', (status, invoice_id))


def invoices_for_customer(customer_id):
    return query_all('SELECT * FROM invoices WHERE customer_id = %s ORDER BY issued_on DESC', (customer_id,))


def overdue_invoices(as_of=None):
    as_of = as_of or dateutils.today()
    return query_all(
        """SELECT i.*, c.email, c.first_name, c.last_name,
                  i.total_pence - COALESCE((SELECT sum(amount_pence) FROM payments p WHERE p.invoice_id = i.id), 0)
                    AS balance_pence
           FROM invoices i JOIN customers c ON c.id = i.customer_id
           WHERE i.status IN ('issued', 'part') AND i.due_on < %s ORDER BY i.due_on""", (as_of,))


def insert_payment(invoice_id, amount_pence, method, gateway_ref=None):
    return execute_returning(
        """INSERT INTO payments (invoice_id, amount_pence, method, gateway_ref)
           VALUES (%s, %s, %s, %s) RETURNING id""", (invoice_id, amount_pence, method, gateway_ref))


def payments_for_invoice(invoice_id):
    return query_all('SELECT * FROM payments WHERE invoice_id = %s ORDER BY paid_at', (invoice_id,))


def get_payment(payment_id):
    return query_one('SELECT * FROM payments WHERE id = %s', (payment_id,))


def total_paid(invoice_id):
    return query_scalar('SELECT sum(amount_pence) FROM payments WHERE invoice_id = %s', (invoice_id,), default=0)


def total_refunded(payment_id):
    return query_scalar('SELECT sum(amount_pence) FROM refunds WHERE payment_id = %s', (payment_id,), default=0)


def insert_refund(payment_id, amount_pence, reason, gateway_ref=None):
    return execute_returning(
        """INSERT INTO refunds (payment_id, amount_pence, reason, gateway_ref)
           VALUES (%s, %s, %s, %s) RETURNING id""", (payment_id, amount_pence, reason, gateway_ref))


def insert_credit_note(invoice_id, amount_pence, reason):
    return execute_returning(
        'INSERT INTO credit_notes (invoice_id, amount_pence, reason) VALUES (%s, %s, %s) RETURNING id',
        (invoice_id, amount_pence, reason))


def bump_reminder_count(invoice_id):
    return execute('UPDATE invoices SET reminders_sent = reminders_sent + 1 WHERE id = %s', (invoice_id,))


# ---------------------------------------------------------------------------
# staff / rota
# ---------------------------------------------------------------------------

def get_staff(staff_id):
    return query_one('SELECT * FROM staff WHERE id = %s', (staff_id,))


def get_staff_by_email(email):
    return query_one('SELECT * FROM staff WHERE lower(email) = lower(%s) AND active', (email,))


def list_staff(site_id=None, role=None):
    where, params = build_where({'site_id': site_id, 'role': role})
    where = (where + ' AND active') if where else 'WHERE active'
    return query_all('SELECT * FROM staff %s ORDER BY name' % where, params)


def get_rota_week(site_id, week_start):
    return query_one('SELECT * FROM rota_weeks WHERE site_id = %s AND week_start = %s', (site_id, week_start))


def ensure_rota_week(site_id, week_start):
    row = get_rota_week(site_id, week_start)
    if row:
        return row['id']
    return execute_returning('INSERT INTO rota_weeks (site_id, week_start) VALUES (%s, %s) RETURNING id',
                             (site_id, week_start))


def shifts_for_week(site_id, week_start):
    return query_all(
        """SELECT sh.*, s.name AS staff_name FROM shifts sh JOIN staff s ON s.id = sh.staff_id
           WHERE sh.site_id = %s AND sh.shift_date BETWEEN %s AND %s::date + 6
           ORDER BY sh.shift_date, sh.start_time""", (site_id, week_start, week_start))


def shifts_for_staff(staff_id, d1, d2):
    return query_all('SELECT * FROM shifts WHERE staff_id = %s AND shift_date BETWEEN %s AND %s ORDER BY shift_date',
                     (staff_id, d1, d2))


def insert_shift(staff_id, rota_week_id, site_id, shift_date, start_time, end_time, role):
    return execute_returning(
        """INSERT INTO shifts (staff_id, rota_week_id, site_id, shift_date, start_time, end_time, role)
           VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id""",
        (staff_id, rota_week_id, site_id, shift_date, start_time, end_time, role))


def delete_shift(shift_id):
    return execute('DELETE FROM shifts WHERE id = %s', (shift_id,))


def publish_rota_week(rota_week_id, staff_id):
    return execute('UPDATE rota_weeks SET published = TRUE, published_by = %s WHERE id = %s',
                   (staff_id, rota_week_id))


def leave_for_period(site_id, d1, d2):
    return query_all(
        """SELECT l.*, s.name FROM leave_requests l JOIN staff s ON s.id = l.staff_id
           WHERE s.site_id = %s AND l.status = 'approved' AND l.from_date <= %s AND l.to_date >= %s""",
        (site_id, d2, d1))


def insert_leave_request(staff_id, from_date, to_date, reason):
    return execute_returning(
        'INSERT INTO leave_requests (staff_id, from_date, to_date, reason) VALUES (%s, %s, %s, %s) RETURNING id',
        (staff_id, from_date, to_date, reason))


def set_leave_status(leave_id, status, approved_by):
    return execute('UPDATE leave_requests SET status = %s, approved_by = %s WHERE id = %s',
                   (status, approved_by, leave_id))


def qualifications_expiring(before):
    return query_all(
        """SELECT q.*, s.name, s.email, s.site_id FROM staff_qualifications q JOIN staff s ON s.id = q.staff_id
           WHERE s.active AND q.expires_on <= %s ORDER BY q.expires_on""", (before,))


# ---------------------------------------------------------------------------
# equipment hire (added 2019 for the outdoor centre)
# ---------------------------------------------------------------------------

def list_equipment(site_id):
    return query_all('SELECT * FROM equipment_items WHERE site_id = %s ORDER BY category, name', (site_id,))


def get_equipment_item(item_id):
    return query_one('SELECT * FROM equipment_items WHERE id = %s', (item_id,))


def qty_out(item_id):
    return query_scalar('SELECT sum(qty) FROM equipment_hires WHERE item_id = %s AND returned_at IS NULL',
                        (item_id,), default=0)


def insert_hire(item_id, customer_id, qty, due_back, deposit_pence, booking_id=None):
    return execute_returning(
        """INSERT INTO equipment_hires (item_id, customer_id, qty, due_back, deposit_pence, booking_id)
           VALUES (%s, %s, %s, %s, %s, %s) RETURNING id""",
        (item_id, customer_id, qty, due_back, deposit_pence, booking_id))


def get_hire(hire_id):
    return query_one(
        """SELECT h.*, i.name AS item_name, i.hire_price_pence FROM equipment_hires h
           JOIN equipment_items i ON i.id = h.item_id WHERE h.id = %s""", (hire_id,))


def mark_hire_returned(hire_id):
    return execute('UPDATE equipment_hires SET returned_at = now() WHERE id = %s', (hire_id,))


def overdue_hires(as_at):
    return query_all(
        """SELECT h.*, i.name AS item_name, c.email, c.first_name, c.phone FROM equipment_hires h
           JOIN equipment_items i ON i.id = h.item_id JOIN customers c ON c.id = h.customer_id
           WHERE h.returned_at IS NULL AND h.due_back < %s""", (as_at,))


def insert_damage(hire_id, description, charge_pence):
    return execute_returning(
        'INSERT INTO equipment_damage (hire_id, description, charge_pence) VALUES (%s, %s, %s) RETURNING id',
        (hire_id, description, charge_pence))


def insert_stock_check(item_id, counted_qty, staff_id):
    return execute_returning(
        'INSERT INTO stock_checks (item_id, counted_qty, checked_by) VALUES (%s, %s, %s) RETURNING id',
        (item_id, counted_qty, staff_id))


# --- added later, bits and bobs ---

def count_active_members(site_id=None):
    sql = "SELECT count(*) FROM memberships WHERE status = 'active'"
    if site_id:
        sql += ' AND home_site_id = %d' % int(site_id)
    return query_scalar(sql, default=0)


def upcoming_fixtures_for_team(team_id, limit=5):
    return query_all(
        """SELECT * FROM fixtures WHERE (home_team_id = %s OR away_team_id = %s)
           AND kickoff >= now() AND status = 'scheduled' ORDER BY kickoff LIMIT %s""",
        (team_id, team_id, limit))


def customer_has_unpaid_invoices(customer_id):
    n = query_scalar("""SELECT count(*) FROM invoices WHERE customer_id = %s AND status IN ('issued', 'part')
                        AND due_on < CURRENT_DATE""", (customer_id,), default=0)
    return n > 0
