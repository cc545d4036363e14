# -*- coding: utf-8 -*-
# All SQL lives here (mostly).  Functions return RealDictRows.
# NB: some older functions still open their own cursor, newer ones use db.query_*
import db
from db import query_all, query_one, execute
import utils


# ---------------------------------------------------------------- branches / staff

def get_branches(active_only=True):
    if active_only:
        return query_all("SELECT * FROM branches WHERE active ORDER BY name")
    return query_all("SELECT * FROM branches ORDER BY name")


def get_branch(branch_id):
    return query_one("SELECT * FROM branches WHERE id = %s", (branch_id,))


def get_branch_by_code(code):
    return query_one("SELECT * FROM branches WHERE code = %s", (code.upper(),))


def get_closed_days(branch_id, start, end):
    rows = query_all("SELECT closed_on FROM branch_closed_days WHERE branch_id = %s "
                     "AND closed_on BETWEEN %s AND %s", (branch_id, start, end))
    return set(r["closed_on"] for r in rows)


def get_staff_by_username(username):
    return query_one("SELECT * FROM staff_users WHERE username = %s AND active", (username,))


def get_staff(staff_id):
    return query_one("SELECT * FROM staff_users WHERE id = %s", (staff_id,))


def list_staff():
    return query_all("SELECT s.*, b.name AS branch_name FROM staff_users s "
                     "LEFT JOIN branches b ON b.id = s.home_branch_id ORDER BY s.username")


def save_staff(staff_id, full_name, email, role, branch_id, active):
    if staff_id:
        execute("UPDATE staff_users SET full_name=%s, email=%s, role=%s, home_branch_id=%s, active=%s "
                "WHERE id=%s", (full_name, email, role, branch_id, active, staff_id))
    else:
        row = execute("INSERT INTO staff_users (username, password_hash, full_name, email, role, home_branch_id) "
                      "VALUES (%s, '!', %s, %s, %s, %s) RETURNING id",
                      (email.split("@")[0], full_name, email, role, branch_id), returning=True)
        staff_id = row["id"]
    db.commit()
    return staff_id


def write_audit(staff_id, action, object_type=None, object_id=None, details=None):
    execute("INSERT INTO audit_log (staff_id, action, object_type, object_id, details) "
            "VALUES (%s, %s, %s, %s, %s)", (staff_id, action, object_type, object_id, details))


def get_setting(key, default=None):
    row = query_one("SELECT value FROM system_settings WHERE key = %s", (key,))
    return row["value"] if row else default


# ---------------------------------------------------------------- members

def get_member(member_id):
    return query_one("SELECT m.*, c.code AS category_code, c.max_loans, c.max_holds, c.fines_exempt "
                     "FROM members m LEFT JOIN member_categories c ON c.id = m.category_id "
                     "WHERE m.id = %s", (member_id,))


def find_member_by_card(barcode):
    return query_one("SELECT m.*, lc.status AS card_status FROM library_cards lc "
                     "JOIN members m ON m.id = lc.member_id WHERE lc.barcode = %s", (barcode,))


def search_members(term, limit=50):
    like = "%" + term.lower() + "%"
    return query_all("SELECT m.id, m.first_name, m.last_name, m.email, m.postcode, m.status "
                     "FROM members m WHERE lower(m.last_name) LIKE %s OR lower(m.email) LIKE %s "
                     "OR m.postcode ILIKE %s ORDER BY m.last_name LIMIT %s", (like, like, like, limit))


def insert_member(data):
    row = execute("INSERT INTO members (first_name, last_name, date_of_birth, email, phone, address, postcode, "
                  "category_id, home_branch_id, expires_on, guardian_id) "
                  "VALUES (%(first_name)s, %(last_name)s, %(dob)s, %(email)s, %(phone)s, %(address)s, "
                  "%(postcode)s, %(category_id)s, %(branch_id)s, %(expires_on)s, %(guardian_id)s) RETURNING id",
                  data, returning=True)
    return row["id"]


def update_member(member_id, data):
    data = dict(data, id=member_id)
    execute("UPDATE members SET first_name=%(first_name)s, last_name=%(last_name)s, email=%(email)s, "
            "phone=%(phone)s, address=%(address)s, postcode=%(postcode)s, category_id=%(category_id)s, "
            "notify_by=%(notify_by)s WHERE id=%(id)s", data)


def set_member_status(member_id, status):
    execute("UPDATE members SET status = %s WHERE id = %s", (status, member_id))


def get_member_categories():
    return query_all("SELECT * FROM member_categories ORDER BY code")


def get_category(category_id):
    return query_one("SELECT * FROM member_categories WHERE id = %s", (category_id,))


def insert_card(member_id, barcode, staff_id):
    execute("UPDATE library_cards SET status = 'replaced' WHERE member_id = %s AND status = 'active'",
            (member_id,))
    execute("INSERT INTO library_cards (barcode, member_id, issued_by) VALUES (%s, %s, %s)",
            (barcode, member_id, staff_id))


def get_cards(member_id):
    return query_all("SELECT * FROM library_cards WHERE member_id = %s ORDER BY issued_on DESC", (member_id,))


def next_card_number():
    row = query_one("SELECT max(substring(barcode from 2)::bigint) AS n FROM library_cards WHERE barcode LIKE 'L%%'")
    return (row["n"] or 2100000000) + 1


def add_block(member_id, reason, note, staff_id):
    execute("INSERT INTO member_blocks (member_id, reason, note, created_by) VALUES (%s, %s, %s, %s)",
            (member_id, reason, note, staff_id))


def lift_blocks(member_id, reason=None):
    if reason:
        execute("UPDATE member_blocks SET lifted_at = now() WHERE member_id = %s AND reason = %s "
                "AND lifted_at IS NULL", (member_id, reason))
    else:
        execute("UPDATE member_blocks SET lifted_at = now() WHERE member_id = %s AND lifted_at IS NULL",
                (member_id,))


def get_active_blocks(member_id):
    return query_all("SELECT * FROM member_blocks WHERE member_id = %s AND lifted_at IS NULL", (member_id,))


def get_member_notes(member_id):
    return query_all("SELECT n.*, s.username FROM member_notes n LEFT JOIN staff_users s ON s.id = n.staff_id "
                     "WHERE n.member_id = %s ORDER BY n.created_at DESC", (member_id,))


# ---------------------------------------------------------------- catalogue

def get_title(title_id):
    t = query_one("SELECT * FROM titles WHERE id = %s", (title_id,))
    if t:
        t["authors"] = query_all("SELECT a.*, ta.role FROM authors a JOIN title_authors ta ON ta.author_id = a.id "
                                 "WHERE ta.title_id = %s", (title_id,))
    return t


def search_titles(term, material_type=None, limit=100):
    sql = ("SELECT DISTINCT t.id, t.title, t.isbn, t.pub_year, t.material_type FROM titles t "
           "LEFT JOIN title_authors ta ON ta.title_id = t.id LEFT JOIN authors a ON a.id = ta.author_id "
           "WHERE NOT t.suppressed AND (t.title ILIKE %s OR a.name ILIKE %s OR t.isbn = %s)")
    params = ["%" + term + "%", "%" + term + "%", term]
    if material_type:
        sql += " AND t.material_type = %s"
        params.append(material_type)
    sql += " ORDER BY t.title LIMIT %s"
    params.append(limit)
    return query_all(sql, tuple(params))


def find_title_by_isbn(isbn):
    return query_one("SELECT * FROM titles WHERE isbn = %s", (isbn,))


def insert_title(data):
    row = execute("INSERT INTO titles (isbn, title, subtitle, publisher, pub_year, material_type, language, dewey, "
                  "marc_record) VALUES (%(isbn)s, %(title)s, %(subtitle)s, %(publisher)s, %(pub_year)s, "
                  "%(material_type)s, %(language)s, %(dewey)s, %(marc)s) RETURNING id", data, returning=True)
    return row["id"]


def update_title(title_id, data):
    data = dict(data, id=title_id)
    execute("UPDATE titles SET title=%(title)s, subtitle=%(subtitle)s, publisher=%(publisher)s, "
            "pub_year=%(pub_year)s, dewey=%(dewey)s, suppressed=%(suppressed)s WHERE id=%(id)s", data)


def get_or_create_author(name):
    row = query_one("SELECT id FROM authors WHERE name = %s", (name,))
    if row:
        return row["id"]
    parts = name.split()
    sort_name = (parts[-1] + ", " + " ".join(parts[:-1])) if len(parts) > 1 else name
    return execute("INSERT INTO authors (name, sort_name) VALUES (%s, %s) RETURNING id",
                   (name, sort_name), returning=True)["id"]


def link_author(title_id, author_id, role="author"):
    execute("INSERT INTO title_authors (title_id, author_id, role) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
            (title_id, author_id, role))


def set_subjects(title_id, headings):
    execute("DELETE FROM title_subjects WHERE title_id = %s", (title_id,))
    for h in headings:
        row = query_one("SELECT id FROM subjects WHERE heading = %s", (h,))
        if not row:
            row = execute("INSERT INTO subjects (heading) VALUES (%s) RETURNING id", (h,), returning=True)
        execute("INSERT INTO title_subjects (title_id, subject_id) VALUES (%s, %s)", (title_id, row["id"]))


def get_copy(copy_id):
    return query_one("SELECT c.*, t.title, t.isbn FROM copies c JOIN titles t ON t.id = c.title_id "
                     "WHERE c.id = %s", (copy_id,))


def get_copy_by_barcode(barcode):
    return query_one("SELECT c.*, t.title, t.isbn FROM copies c JOIN titles t ON t.id = c.title_id "
                     "WHERE c.barcode = %s", (barcode.strip(),))


def get_copies_for_title(title_id):
    return query_all("SELECT c.*, b.name AS branch_name FROM copies c JOIN branches b ON b.id = c.current_branch_id "
                     "WHERE c.title_id = %s ORDER BY b.name", (title_id,))


def insert_copy(title_id, barcode, branch_id, price=None, loan_type="standard", shelf=None):
    return execute("INSERT INTO copies (barcode, title_id, branch_id, current_branch_id, price, loan_type, "
                   "shelf_location, acquired_on) VALUES (%s, %s, %s, %s, %s, %s, %s, current_date) RETURNING id",
                   (barcode, title_id, branch_id, branch_id, price, loan_type, shelf), returning=True)["id"]


def set_copy_status(copy_id, status, staff_id=None):
    cur = db.cursor()
    cur.execute("SELECT status FROM copies WHERE id = %s FOR UPDATE", (copy_id,))
    old = cur.fetchone()
    cur.execute("UPDATE copies SET status = %s WHERE id = %s", (status, copy_id))
    cur.execute("INSERT INTO copy_status_log (copy_id, old_status, new_status, staff_id) VALUES (%s, %s, %s, %s)",
                (copy_id, old and old["status"], status, staff_id))
    cur.close()


def set_copy_location(copy_id, branch_id):
    execute("UPDATE copies SET current_branch_id = %s WHERE id = %s", (branch_id, copy_id))


def available_copies(title_id, branch_id=None):
    if branch_id:
        return query_all("SELECT * FROM copies WHERE title_id = %s AND status = 'available' "
                         "AND current_branch_id = %s", (title_id, branch_id))
    return query_all("SELECT * FROM copies WHERE title_id = %s AND status = 'available'", (title_id,))


# ---------------------------------------------------------------- loans / holds

def get_loan_rule(category_id, loan_type):
    row = query_one("SELECT * FROM loan_rules WHERE category_id = %s AND loan_type = %s", (category_id, loan_type))
    if not row:
        row = query_one("SELECT * FROM loan_rules WHERE category_id IS NULL AND loan_type = %s", (loan_type,))
    return row


def insert_loan(copy_id, member_id, branch_id, due_date, staff_id):
    return execute("INSERT INTO loans (copy_id, member_id, branch_id, due_date, issued_by) "
                   "VALUES (%s, %s, %s, %s, %s) RETURNING id",
                   (copy_id, member_id, branch_id, due_date, staff_id), returning=True)["id"]


def get_open_loan_for_copy(copy_id):
    return query_one("SELECT * FROM loans WHERE copy_id = %s AND returned_at IS NULL", (copy_id,))


def get_loan(loan_id):
    return query_one("SELECT l.*, c.loan_type, c.barcode, m.category_id FROM loans l "
                     "JOIN copies c ON c.id = l.copy_id JOIN members m ON m.id = l.member_id "
                     "WHERE l.id = %s", (loan_id,))


def member_loans(member_id, include_returned=False):
    sql = ("SELECT l.*, c.barcode, t.title FROM loans l JOIN copies c ON c.id = l.copy_id "
           "JOIN titles t ON t.id = c.title_id WHERE l.member_id = %s")
    if not include_returned:
        sql += " AND l.returned_at IS NULL"
    return query_all(sql + " ORDER BY l.due_date", (member_id,))


def count_open_loans(member_id):
    return query_one("SELECT count(*) AS n FROM loans WHERE member_id = %s AND returned_at IS NULL",
                     (member_id,))["n"]


def close_loan(loan_id, branch_id):
    execute("UPDATE loans SET returned_at = now(), return_branch_id = %s WHERE id = %s", (branch_id, loan_id))


def record_renewal(loan_id, old_due, new_due, channel):
    execute("UPDATE loans SET due_date = %s, renewals = renewals + 1 WHERE id = %s", (new_due, loan_id))
    execute("INSERT INTO renewals (loan_id, old_due, new_due, channel) VALUES (%s, %s, %s, %s)",
            (loan_id, old_due, new_due, channel))


def overdue_loans(as_of=None):
    as_of = as_of or utils.today()
    return query_all("SELECT l.*, m.email, m.phone, m.first_name, m.notify_by, t.title FROM loans l "
                     "JOIN members m ON m.id = l.member_id JOIN copies c ON c.id = l.copy_id "
                     "JOIN titles t ON t.id = c.title_id WHERE l.returned_at IS NULL AND l.due_date < %s",
                     (as_of,))


def loans_due_on(day):
    return query_all("SELECT l.*, m.email, m.first_name, t.title FROM loans l JOIN members m ON m.id = l.member_id "
                     "JOIN copies c ON c.id = l.copy_id JOIN titles t ON t.id = c.title_id "
                     "WHERE l.returned_at IS NULL AND l.due_date = %s", (day,))


def insert_hold(title_id, member_id, pickup_branch_id):
    pos = query_one("SELECT coalesce(max(queue_pos), 0) + 1 AS p FROM holds WHERE title_id = %s "
                    "AND status = 'waiting'", (title_id,))["p"]
    return execute("INSERT INTO holds (title_id, member_id, pickup_branch_id, queue_pos) "
                   "VALUES (%s, %s, %s, %s) RETURNING id", (title_id, member_id, pickup_branch_id, pos),
                   returning=True)["id"]


def get_hold(hold_id):
    return query_one("SELECT * FROM holds WHERE id = %s", (hold_id,))


def next_waiting_hold(title_id):
    return query_one("SELECT * FROM holds WHERE title_id = %s AND status = 'waiting' ORDER BY queue_pos LIMIT 1",
                     (title_id,))


def member_holds(member_id):
    return query_all("SELECT h.*, t.title, b.name AS pickup_name FROM holds h JOIN titles t ON t.id = h.title_id "
                     "JOIN branches b ON b.id = h.pickup_branch_id WHERE h.member_id = %s "
                     "AND h.status IN ('waiting', 'in_transit', 'ready')", (member_id,))


def set_hold_status(hold_id, status, copy_id=None):
    if status == "ready":
        execute("UPDATE holds SET status = 'ready', ready_at = now(), expires_at = now() + interval '7 days', "
                "copy_id = coalesce(%s, copy_id) WHERE id = %s", (copy_id, hold_id))
    else:
        execute("UPDATE holds SET status = %s, copy_id = coalesce(%s, copy_id) WHERE id = %s",
                (status, copy_id, hold_id))


def expired_holds():
    return query_all("SELECT * FROM holds WHERE status = 'ready' AND expires_at < now()")


def record_notice(member_id, notice_type, channel, loan_id=None, hold_id=None):
    execute("INSERT INTO notices (member_id, loan_id, hold_id, notice_type, channel) VALUES (%s, %s, %s, %s, %s)",
            (member_id, loan_id, hold_id, notice_type, channel))


def notice_already_sent(loan_id, notice_type):
    return query_one("SELECT 1 FROM notices WHERE loan_id = %s AND notice_type = %s", (loan_id, notice_type)) is not None


# ---------------------------------------------------------------- fines / payments

def get_fee(fee_code):
    row = query_one("SELECT amount FROM fee_schedule WHERE fee_code = %s", (fee_code,))
    return row["amount"] if row else None


def insert_fine(member_id, amount, fee_code, loan_id=None, branch_id=None):
    return execute("INSERT INTO fines (member_id, loan_id, fee_code, amount, balance, branch_id) "
                   "VALUES (%s, %s, %s, %s, %s, %s) RETURNING id",
                   (member_id, loan_id, fee_code, amount, amount, branch_id), returning=True)["id"]


def get_fine_for_loan(loan_id, fee_code="OVERDUE"):
    return query_one("SELECT * FROM fines WHERE loan_id = %s AND fee_code = %s", (loan_id, fee_code))


def update_fine_amount(fine_id, amount):
    execute("UPDATE fines SET amount = %s, balance = %s - (amount - balance) WHERE id = %s",
            (amount, amount, fine_id))


def member_fines(member_id, open_only=True):
    sql = "SELECT * FROM fines WHERE member_id = %s"
    if open_only:
        sql += " AND balance > 0"
    return query_all(sql + " ORDER BY created_at", (member_id,))


def member_balance(member_id):
    row = query_one("SELECT coalesce(sum(balance), 0) AS bal FROM fines WHERE member_id = %s", (member_id,))
    return row["bal"]


def insert_payment(member_id, amount, method, branch_id, staff_id, gateway_ref=None):
    return execute("INSERT INTO payments (member_id, amount, method, branch_id, taken_by, gateway_ref) "
                   "VALUES (%s, %s, %s, %s, %s, %s) RETURNING id",
                   (member_id, amount, method, branch_id, staff_id, gateway_ref), returning=True)["id"]


def allocate_payment(payment_id, fine_id, amount):
    execute("INSERT INTO payment_allocations (payment_id, fine_id, amount) VALUES (%s, %s, %s)",
            (payment_id, fine_id, amount))
    execute("UPDATE fines SET balance = balance - %s, status = CASE WHEN balance - %s <= 0 THEN 'paid' "
            "ELSE status END WHERE id = %s", (amount, amount, fine_id))


def insert_waiver(fine_id, amount, reason, staff_id):
    execute("INSERT INTO fine_waivers (fine_id, amount, reason, approved_by) VALUES (%s, %s, %s, %s)",
            (fine_id, amount, reason, staff_id))
    execute("UPDATE fines SET balance = balance - %s, status = CASE WHEN balance - %s <= 0 THEN 'waived' "
            "ELSE status END WHERE id = %s", (amount, amount, fine_id))


# ---------------------------------------------------------------- transfers

def insert_transfer(copy_id, from_branch, to_branch, hold_id=None, reason="hold"):
    return execute("INSERT INTO transfer_requests (copy_id, from_branch_id, to_branch_id, hold_id, reason) "
                   "VALUES (%s, %s, %s, %s, %s) RETURNING id",
                   (copy_id, from_branch, to_branch, hold_id, reason), returning=True)["id"]


def pending_transfers(from_branch):
    return query_all("SELECT tr.*, c.barcode, t.title, b.name AS to_name FROM transfer_requests tr "
                     "JOIN copies c ON c.id = tr.copy_id JOIN titles t ON t.id = c.title_id "
                     "JOIN branches b ON b.id = tr.to_branch_id WHERE tr.from_branch_id = %s "
                     "AND tr.status = 'requested' ORDER BY tr.requested_at", (from_branch,))


def get_transfer_for_copy(copy_id):
    return query_one("SELECT * FROM transfer_requests WHERE copy_id = %s AND status IN ('requested', 'in_transit')",
                     (copy_id,))


def create_batch(from_branch, to_branch, route_id, label):
    return execute("INSERT INTO transfer_batches (route_id, from_branch_id, to_branch_id, crate_label, dispatched_at) "
                   "VALUES (%s, %s, %s, %s, now()) RETURNING id", (route_id, from_branch, to_branch, label),
                   returning=True)["id"]


def add_to_batch(transfer_id, batch_id):
    execute("UPDATE transfer_requests SET batch_id = %s, status = 'in_transit' WHERE id = %s",
            (batch_id, transfer_id))


def complete_transfer(transfer_id):
    execute("UPDATE transfer_requests SET status = 'completed', completed_at = now() WHERE id = %s", (transfer_id,))


def receive_batch(batch_id):
    execute("UPDATE transfer_batches SET received_at = now() WHERE id = %s", (batch_id,))


def routes_for_day(weekday):
    return query_all("SELECT * FROM courier_routes WHERE weekday = %s", (weekday,))


# ---------------------------------------------------------------- rooms / events

def get_rooms(branch_id=None):
    if branch_id:
        return query_all("SELECT * FROM rooms WHERE branch_id = %s ORDER BY name", (branch_id,))
    return query_all("SELECT r.*, b.name AS branch_name FROM rooms r JOIN branches b ON b.id = r.branch_id")


def room_clash(room_id, starts_at, ends_at, exclude_id=None):
    row = query_one("SELECT count(*) AS n FROM room_bookings WHERE room_id = %s AND status <> 'cancelled' "
                    "AND starts_at < %s AND ends_at > %s AND id <> coalesce(%s, -1)",
                    (room_id, ends_at, starts_at, exclude_id))
    return row["n"] > 0


def insert_booking(room_id, member_id, organisation, starts_at, ends_at, charge, staff_id):
    return execute("INSERT INTO room_bookings (room_id, member_id, organisation, starts_at, ends_at, charge, booked_by) "
                   "VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id",
                   (room_id, member_id, organisation, starts_at, ends_at, charge, staff_id), returning=True)["id"]


def set_booking_status(booking_id, status, fine_id=None):
    execute("UPDATE room_bookings SET status = %s, fine_id = coalesce(%s, fine_id) WHERE id = %s",
            (status, fine_id, booking_id))


def get_booking(booking_id):
    return query_one("SELECT rb.*, r.name AS room_name, r.branch_id FROM room_bookings rb "
                     "JOIN rooms r ON r.id = rb.room_id WHERE rb.id = %s", (booking_id,))


def insert_event(data):
    return execute("INSERT INTO events (title, description, branch_id, room_booking_id, starts_at, capacity, "
                   "age_group) VALUES (%(title)s, %(description)s, %(branch_id)s, %(booking_id)s, %(starts_at)s, "
                   "%(capacity)s, %(age_group)s) RETURNING id", data, returning=True)["id"]


def upcoming_events(branch_id=None, published_only=True):
    sql = "SELECT e.*, b.name AS branch_name FROM events e JOIN branches b ON b.id = e.branch_id WHERE e.starts_at > now()"
    params = []
    if published_only:
        sql += " AND e.published"
    if branch_id:
        sql += " AND e.branch_id = %s"
        params.append(branch_id)
    return query_all(sql + " ORDER BY e.starts_at", tuple(params))


def get_event(event_id):
    return query_one("SELECT e.*, (SELECT count(*) FROM event_registrations r WHERE r.event_id = e.id "
                     "AND NOT r.waitlisted) AS booked FROM events e WHERE e.id = %s", (event_id,))


def insert_registration(event_id, member_id, guest_name, waitlisted):
    execute("INSERT INTO event_registrations (event_id, member_id, guest_name, waitlisted) VALUES (%s, %s, %s, %s)",
            (event_id, member_id, guest_name, waitlisted))


def event_registrations(event_id):
    return query_all("SELECT r.*, m.first_name, m.last_name, m.email FROM event_registrations r "
                     "LEFT JOIN members m ON m.id = r.member_id WHERE r.event_id = %s ORDER BY r.registered_at",
                     (event_id,))


# ---------------------------------------------------------------- acquisitions

def get_suppliers(active_only=True):
    return query_all("SELECT * FROM suppliers" + (" WHERE active" if active_only else "") + " ORDER BY name")


def get_supplier(supplier_id):
    return query_one("SELECT * FROM suppliers WHERE id = %s", (supplier_id,))


def get_budget(fund_code, fiscal_year, branch_id=None):
    return query_one("SELECT * FROM budgets WHERE fund_code = %s AND fiscal_year = %s "
                     "AND (branch_id = %s OR %s IS NULL)", (fund_code, fiscal_year, branch_id, branch_id))


def commit_budget(budget_id, amount):
    execute("UPDATE budgets SET committed = committed + %s WHERE id = %s", (amount, budget_id))


def spend_budget(budget_id, amount):
    execute("UPDATE budgets SET committed = committed - %s, spent = spent + %s WHERE id = %s",
            (amount, amount, budget_id))


def insert_po(supplier_id, budget_id, staff_id):
    row = execute("INSERT INTO purchase_orders (supplier_id, budget_id, created_by) VALUES (%s, %s, %s) RETURNING id",
                  (supplier_id, budget_id, staff_id), returning=True)
    execute("UPDATE purchase_orders SET order_no = %s WHERE id = %s", ("PO%06d" % row["id"], row["id"]))
    return row["id"]


def insert_po_line(po_id, isbn, title_id, qty, unit_price, branch_id):
    execute("INSERT INTO po_lines (po_id, isbn, title_id, quantity, unit_price, branch_id) "
            "VALUES (%s, %s, %s, %s, %s, %s)", (po_id, isbn, title_id, qty, unit_price, branch_id))


def get_po(po_id):
    po = query_one("SELECT po.*, s.name AS supplier_name, s.edi_address FROM purchase_orders po "
                   "JOIN suppliers s ON s.id = po.supplier_id WHERE po.id = %s", (po_id,))
    if po:
        po["lines"] = query_all("SELECT * FROM po_lines WHERE po_id = %s ORDER BY id", (po_id,))
    return po


def set_po_status(po_id, status):
    if status == "sent":
        execute("UPDATE purchase_orders SET status = 'sent', sent_at = now() WHERE id = %s", (po_id,))
    else:
        execute("UPDATE purchase_orders SET status = %s WHERE id = %s", (status, po_id))


def receive_po_line(line_id, qty):
    execute("UPDATE po_lines SET received_qty = received_qty + %s WHERE id = %s", (qty, line_id))


def insert_supplier_invoice(supplier_id, po_id, invoice_no, amount, received_on):
    execute("INSERT INTO supplier_invoices (supplier_id, po_id, invoice_no, amount, received_on) "
            "VALUES (%s, %s, %s, %s, %s)", (supplier_id, po_id, invoice_no, amount, received_on))


def old_get_orders_by_supplier(supplier_id):
    # used by the 2019 report, replaced by reports.supplier_spend
    cur = db.cursor()
    cur.execute("SELECT * FROM purchase_orders WHERE supplier_id = %s" % int(supplier_id))
    return cur.fetchall()
