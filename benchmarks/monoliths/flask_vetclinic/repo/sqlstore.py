"""All the SQL lives here (mostly). Sections roughly follow the menu in the app.

Store classes are just namespaces of staticmethods -- Derek wanted "repositories",
we got this. Newer stuff is plain functions, nobody agreed which is better.
"""
import datetime
import logging

import dbconn as db
from misc import add_vat, booster_due, money, next_invoice_number, invoice_due_date, today

log = logging.getLogger("pc.sql")


# ================================================================= CLIENTS & PETS


class ClientStore(object):

    @staticmethod
    def get(client_id):
        return db.query_one("SELECT * FROM clients WHERE id = ?", (client_id,))

    @staticmethod
    def search(term, limit=40):
        like = "%" + term.strip() + "%"
        return db.query(
            "SELECT c.*, (SELECT COUNT(*) FROM pets p WHERE p.client_id = c.id AND p.deceased_on IS NULL) AS live_pets"
            " FROM clients c WHERE c.merged_into IS NULL AND (c.last_name LIKE ? OR c.first_name LIKE ?"
            " OR c.postcode LIKE ? OR c.mobile LIKE ? OR c.email LIKE ?)"
            " ORDER BY c.last_name, c.first_name LIMIT ?",
            (like, like, like, like, like, limit))

    @staticmethod
    def create(data):
        return db.insert(
            "INSERT INTO clients (title, first_name, last_name, email, phone, mobile, address1, address2, town, postcode)"
            " VALUES (?,?,?,?,?,?,?,?,?,?)",
            (data.get("title"), data["first_name"], data["last_name"], data.get("email"), data.get("phone"),
             data.get("mobile"), data.get("address1"), data.get("address2"), data.get("town"),
             (data.get("postcode") or "").upper()))

    @staticmethod
    def update(client_id, data):
        cols = [c for c in ("title", "first_name", "last_name", "email", "phone", "mobile",
                            "address1", "address2", "town", "postcode", "account_flag") if c in data]
        if not cols:
            return 0
        sets = ", ".join("%s = ?" % c for c in cols)
        return db.execute("UPDATE clients SET " + sets + ", updated_at = CURRENT_TIMESTAMP WHERE id = ?",
                          tuple(data[c] for c in cols) + (client_id,))

    @staticmethod
    def merge(keep_id, dupe_id):
        # pets, appointments, invoices and reminders all hang off client_id. Keep this list up to date!!
        with db.tx():
            db.execute("UPDATE pets SET client_id = ? WHERE client_id = ?", (keep_id, dupe_id))
            db.execute("UPDATE appointments SET client_id = ? WHERE client_id = ?", (keep_id, dupe_id))
            db.execute("UPDATE invoices SET client_id = ? WHERE client_id = ?", (keep_id, dupe_id))
            db.execute("UPDATE reminders SET client_id = ? WHERE client_id = ?", (keep_id, dupe_id))
            db.execute("UPDATE client_notes SET client_id = ? WHERE client_id = ?", (keep_id, dupe_id))
            db.execute("UPDATE clients SET merged_into = ? WHERE id = ?", (keep_id, dupe_id))

    @staticmethod
    def notes(client_id):
        return db.query("SELECT n.*, s.name AS staff_name FROM client_notes n LEFT JOIN staff s ON s.id = n.staff_id"
                        " WHERE n.client_id = ? ORDER BY n.is_alert DESC, n.created_at DESC", (client_id,))

    @staticmethod
    def add_note(client_id, staff_id, body, alert=False):
        return db.insert("INSERT INTO client_notes (client_id, staff_id, body, is_alert) VALUES (?,?,?,?)",
                         (client_id, staff_id, body, 1 if alert else 0))


def client_balance(client_id):
    # lives here because the client page needed it first
    return money(db.scalar("SELECT SUM(balance) FROM v_outstanding_invoices WHERE client_id = ?",
                           (client_id,), default=0))


class PetStore(object):

    @staticmethod
    def get(pet_id):
        return db.query_one(
            "SELECT p.*, s.name AS species, b.name AS breed FROM pets p"
            " JOIN species s ON s.id = p.species_id LEFT JOIN breeds b ON b.id = p.breed_id WHERE p.id = ?",
            (pet_id,))

    @staticmethod
    def for_client(client_id, include_dead=False):
        sql = ("SELECT p.*, s.name AS species FROM pets p JOIN species s ON s.id = p.species_id"
               " WHERE p.client_id = ?")
        if not include_dead:
            sql += " AND p.deceased_on IS NULL"
        return db.query(sql + " ORDER BY p.name", (client_id,))

    @staticmethod
    def create(client_id, data):
        return db.insert(
            "INSERT INTO pets (client_id, name, species_id, breed_id, sex, dob, colour, microchip)"
            " VALUES (?,?,?,?,?,?,?,?)",
            (client_id, data["name"], data["species_id"], data.get("breed_id") or None, data.get("sex"),
             data.get("dob"), data.get("colour"), data.get("microchip") or None))

    @staticmethod
    def by_chip(chip):
        return db.query_one("SELECT * FROM pets WHERE microchip = ?", (chip.replace(" ", ""),))

    @staticmethod
    def mark_deceased(pet_id, on=None):
        on = on or today()
        db.execute("UPDATE pets SET deceased_on = ? WHERE id = ?", (on, pet_id))
        # stop the reminders, people get very upset (complaint March 2022)
        db.execute("UPDATE reminders SET status = 'skipped' WHERE pet_id = ? AND status = 'pending'", (pet_id,))

    @staticmethod
    def transfer(pet_id, new_client_id):
        return db.execute("UPDATE pets SET client_id = ? WHERE id = ?", (new_client_id, pet_id))


def species_list():
    return db.query("SELECT * FROM species ORDER BY exotic, name")


def breeds_for(species_id):
    return db.query("SELECT id, name FROM breeds WHERE species_id = ? ORDER BY name", (species_id,))


# ================================================================= APPOINTMENTS


class AppointmentStore(object):

    @staticmethod
    def day(day, vet_id=None):
        sql = ("SELECT a.*, p.name AS pet_name, c.last_name, t.label AS type_label, t.colour,"
               " s.name AS vet_name, r.name AS room_name"
               " FROM appointments a JOIN pets p ON p.id = a.pet_id JOIN clients c ON c.id = a.client_id"
               " JOIN appointment_types t ON t.id = a.type_id LEFT JOIN staff s ON s.id = a.staff_id"
               " LEFT JOIN exam_rooms r ON r.id = a.room_id"
               " WHERE date(a.starts_at) = ? AND a.status != 'cancelled'")
        params = [day.isoformat()]
        if vet_id:
            sql += " AND a.staff_id = ?"
            params.append(vet_id)
        return db.query(sql + " ORDER BY a.starts_at", tuple(params))

    @staticmethod
    def get(appt_id):
        return db.query_one("SELECT a.*, t.label AS type_label, t.code AS type_code FROM appointments a"
                            " JOIN appointment_types t ON t.id = a.type_id WHERE a.id = ?", (appt_id,))

    @staticmethod
    def clashes(staff_id, starts_at, ends_at, ignore_id=None):
        return db.query(
            "SELECT id FROM appointments WHERE staff_id = ? AND status NOT IN ('cancelled','dna')"
            " AND starts_at < ? AND ends_at > ? AND id != ?",
            (staff_id, ends_at, starts_at, ignore_id or 0))

    @staticmethod
    def book(pet_id, type_id, starts_at, staff_id=None, room_id=None, reason=None, booked_by=None):
        minutes = db.scalar("SELECT minutes FROM appointment_types WHERE id = ?", (type_id,), default=15)
        ends_at = starts_at + datetime.timedelta(minutes=minutes)
        client_id = db.scalar("SELECT client_id FROM pets WHERE id = ?", (pet_id,))
        appt_id = db.insert(
            "INSERT INTO appointments (pet_id, client_id, staff_id, room_id, type_id, starts_at, ends_at, reason, booked_by)"
            " VALUES (?,?,?,?,?,?,?,?,?)",
            (pet_id, client_id, staff_id, room_id, type_id, starts_at, ends_at, reason, booked_by))
        log_status(appt_id, None, "booked", booked_by)
        return appt_id

    @staticmethod
    def move(appt_id, starts_at, staff_id=None):
        appt = AppointmentStore.get(appt_id)
        length = misc_minutes(appt["starts_at"], appt["ends_at"])
        ends_at = starts_at + datetime.timedelta(minutes=length)
        db.execute("UPDATE appointments SET starts_at = ?, ends_at = ?, staff_id = COALESCE(?, staff_id) WHERE id = ?",
                   (starts_at, ends_at, staff_id, appt_id))

    @staticmethod
    def set_status(appt_id, status, staff_id=None):
        old = db.scalar("SELECT status FROM appointments WHERE id = ?", (appt_id,))
        db.execute("UPDATE appointments SET status = ? WHERE id = ?", (status, appt_id))
        log_status(appt_id, old, status, staff_id)

    @staticmethod
    def for_pet(pet_id, upcoming_only=True):
        sql = "SELECT a.*, t.label AS type_label FROM appointments a JOIN appointment_types t ON t.id = a.type_id WHERE a.pet_id = ?"
        if upcoming_only:
            sql += " AND a.starts_at >= CURRENT_TIMESTAMP AND a.status = 'booked'"
        return db.query(sql + " ORDER BY a.starts_at", (pet_id,))


def misc_minutes(a, b):
    if isinstance(a, str):
        a = datetime.datetime.fromisoformat(a)
        b = datetime.datetime.fromisoformat(b)
    return int((b - a).total_seconds() // 60)


def log_status(appt_id, old, new, staff_id):
    db.insert("INSERT INTO appointment_log (appointment_id, old_status, new_status, staff_id) VALUES (?,?,?,?)",
              (appt_id, old, new, staff_id))


def appointment_types():
    return db.query("SELECT * FROM appointment_types ORDER BY label")


def rooms(site="main"):
    return db.query("SELECT * FROM exam_rooms WHERE site = ? ORDER BY name", (site,))


def free_slots(day, staff_id, minutes=15):
    from misc import day_slots, overlaps
    taken = [(r["starts_at"], r["ends_at"]) for r in AppointmentStore.day(day, staff_id)]
    out = []
    for slot in day_slots(day):
        end = slot + datetime.timedelta(minutes=minutes)
        if not any(overlaps(slot, end, s, e) for s, e in taken):
            out.append(slot)
    return out


def waitlist_add(pet_id, type_id=None, preferred_vet=None, earliest=None, notes=None):
    return db.insert("INSERT INTO waitlist (pet_id, type_id, preferred_vet, earliest, notes) VALUES (?,?,?,?,?)",
                     (pet_id, type_id, preferred_vet, earliest, notes))


def waitlist_open():
    return db.query("SELECT w.*, p.name AS pet_name, c.last_name, c.mobile FROM waitlist w"
                    " JOIN pets p ON p.id = w.pet_id JOIN clients c ON c.id = p.client_id"
                    " WHERE w.filled_appt_id IS NULL ORDER BY w.created_at")


# ================================================================= CLINICAL


class VisitStore(object):

    @staticmethod
    def open(pet_id, vet_id, appointment_id=None):
        existing = db.query_one("SELECT id FROM visits WHERE appointment_id = ? AND closed_at IS NULL",
                                (appointment_id,)) if appointment_id else None
        if existing:
            return existing["id"]
        return db.insert("INSERT INTO visits (pet_id, vet_id, appointment_id) VALUES (?,?,?)",
                         (pet_id, vet_id, appointment_id))

    @staticmethod
    def get(visit_id):
        return db.query_one("SELECT v.*, p.name AS pet_name, p.client_id, s.name AS vet_name FROM visits v"
                            " JOIN pets p ON p.id = v.pet_id JOIN staff s ON s.id = v.vet_id WHERE v.id = ?",
                            (visit_id,))

    @staticmethod
    def save_notes(visit_id, history=None, exam=None, plan=None, temp=None, hr=None):
        db.execute("UPDATE visits SET history = COALESCE(?, history), exam_notes = COALESCE(?, exam_notes),"
                   " plan = COALESCE(?, plan), temperature_c = COALESCE(?, temperature_c),"
                   " heart_rate = COALESCE(?, heart_rate) WHERE id = ?",
                   (history, exam, plan, temp, hr, visit_id))

    @staticmethod
    def add_diagnosis(visit_id, description, code=None, chronic=False):
        return db.insert("INSERT INTO diagnoses (visit_id, code, description, chronic) VALUES (?,?,?,?)",
                         (visit_id, code, description, 1 if chronic else 0))

    @staticmethod
    def close(visit_id):
        db.execute("UPDATE visits SET closed_at = CURRENT_TIMESTAMP WHERE id = ?", (visit_id,))

    @staticmethod
    def history_for_pet(pet_id):
        return db.query(
            "SELECT v.*, s.name AS vet_name, GROUP_CONCAT(d.description, '; ') AS diagnoses FROM visits v"
            " JOIN staff s ON s.id = v.vet_id LEFT JOIN diagnoses d ON d.visit_id = v.id"
            " WHERE v.pet_id = ? GROUP BY v.id ORDER BY v.opened_at DESC", (pet_id,))


class VaccinationStore(object):

    @staticmethod
    def record(pet_id, vaccine_type_id, visit_id=None, batch_no=None, given_by=None, given_on=None):
        vt = db.query_one("SELECT * FROM vaccine_types WHERE id = ?", (vaccine_type_id,))
        given_on = given_on or today()
        doses = db.scalar("SELECT COUNT(*) FROM vaccinations WHERE pet_id = ? AND vaccine_type_id = ?",
                          (pet_id, vaccine_type_id), default=0)
        due = booster_due(given_on, vt["booster_days"], primary_dose_no=doses + 1 if doses + 1 < (vt["primary_doses"] or 1) else None)
        return db.insert(
            "INSERT INTO vaccinations (pet_id, vaccine_type_id, visit_id, given_on, batch_no, due_on, given_by)"
            " VALUES (?,?,?,?,?,?,?)", (pet_id, vaccine_type_id, visit_id, given_on, batch_no, due, given_by))

    @staticmethod
    def for_pet(pet_id):
        return db.query("SELECT v.*, t.name AS vaccine FROM vaccinations v JOIN vaccine_types t ON t.id = v.vaccine_type_id"
                        " WHERE v.pet_id = ? ORDER BY v.given_on DESC", (pet_id,))

    @staticmethod
    def due_between(start, end):
        return db.query("SELECT * FROM v_vaccinations_due WHERE due_on BETWEEN ? AND ?", (start, end))


def vaccine_types(species_id=None):
    if species_id:
        return db.query("SELECT * FROM vaccine_types WHERE species_id = ? OR species_id IS NULL", (species_id,))
    return db.query("SELECT * FROM vaccine_types ORDER BY name")


def record_weight(pet_id, kg, bcs=None, on=None):
    return db.insert("INSERT INTO weight_records (pet_id, weighed_on, kg, bcs) VALUES (?,?,?,?)",
                     (pet_id, on or today(), kg, bcs))


def latest_weight(pet_id):
    return db.query_one("SELECT * FROM weight_records WHERE pet_id = ? ORDER BY weighed_on DESC LIMIT 1", (pet_id,))


def create_lab_order(visit_id, panel):
    return db.insert("INSERT INTO lab_orders (visit_id, panel) VALUES (?,?)", (visit_id, panel))


def save_lab_results(external_ref, results):
    order = db.query_one("SELECT * FROM lab_orders WHERE external_ref = ?", (external_ref,))
    if not order:
        log.warning("lab results for unknown order %s", external_ref)
        return None
    with db.tx():
        for r in results:
            db.insert("INSERT INTO lab_results (lab_order_id, analyte, value, units, ref_range, flag) VALUES (?,?,?,?,?,?)",
                      (order["id"], r["analyte"], r.get("value"), r.get("units"), r.get("range"), r.get("flag")))
        db.execute("UPDATE lab_orders SET status = 'resulted' WHERE id = ?", (order["id"],))
    return order["id"]


# ================================================================= PHARMACY / STOCK


class ProductStore(object):

    @staticmethod
    def get(product_id):
        return db.query_one("SELECT * FROM products WHERE id = ?", (product_id,))

    @staticmethod
    def search(term):
        return db.query("SELECT p.*, (SELECT SUM(qty) FROM stock_batches b WHERE b.product_id = p.id) AS on_hand"
                        " FROM products p WHERE p.discontinued = 0 AND (p.name LIKE ? OR p.sku = ?) ORDER BY p.name LIMIT 50",
                        ("%" + term + "%", term))

    @staticmethod
    def on_hand(product_id):
        return db.scalar("SELECT SUM(qty) FROM stock_batches WHERE product_id = ?", (product_id,), default=0)

    @staticmethod
    def low_stock():
        return db.query("SELECT p.*, COALESCE(SUM(b.qty), 0) AS on_hand FROM products p"
                        " LEFT JOIN stock_batches b ON b.product_id = p.id WHERE p.discontinued = 0"
                        " GROUP BY p.id HAVING on_hand <= p.reorder_level ORDER BY p.supplier_id, p.name")

    @staticmethod
    def adjust(batch_id, qty, reason, staff_id=None, ref=None):
        with db.tx():
            db.execute("UPDATE stock_batches SET qty = qty + ? WHERE id = ?", (qty, batch_id))
            db.insert("INSERT INTO stock_movements (batch_id, qty, reason, ref, staff_id) VALUES (?,?,?,?,?)",
                      (batch_id, qty, reason, ref, staff_id))


def dispense(prescription_id, staff_id):
    """Take stock FIFO by expiry. Returns list of (batch_no, qty) for the label."""
    rx = db.query_one("SELECT * FROM prescriptions WHERE id = ?", (prescription_id,))
    if rx is None or rx["dispensed_at"]:
        return []
    need = money(rx["qty"])
    taken = []
    batches = db.query("SELECT * FROM stock_batches WHERE product_id = ? AND qty > 0"
                       " AND (expires_on IS NULL OR expires_on >= ?) ORDER BY expires_on", (rx["product_id"], today()))
    for b in batches:
        if need <= 0:
            break
        take = min(need, money(b["qty"]))
        ProductStore.adjust(b["id"], -take, "dispense", staff_id, "rx:%d" % prescription_id)
        taken.append((b["batch_no"], take))
        need -= take
    if need > 0:
        log.error("dispensed rx %s short by %s", prescription_id, need)
    db.execute("UPDATE prescriptions SET dispensed_at = CURRENT_TIMESTAMP WHERE id = ?", (prescription_id,))
    return taken


def add_prescription(visit_id, pet_id, product_id, qty, dose_text, prescribed_by, repeats=0):
    return db.insert("INSERT INTO prescriptions (visit_id, pet_id, product_id, qty, dose_text, repeats, prescribed_by)"
                     " VALUES (?,?,?,?,?,?,?)", (visit_id, pet_id, product_id, qty, dose_text, repeats, prescribed_by))


def prescriptions_for_pet(pet_id):
    return db.query("SELECT r.*, p.name AS product FROM prescriptions r JOIN products p ON p.id = r.product_id"
                    " WHERE r.pet_id = ? ORDER BY r.created_at DESC", (pet_id,))


def expiring_batches(days=60):
    return db.query("SELECT b.*, p.name, p.sku FROM stock_batches b JOIN products p ON p.id = b.product_id"
                    " WHERE b.qty > 0 AND b.expires_on <= date('now', ?) ORDER BY b.expires_on",
                    ("+%d days" % days,))


class PurchaseOrders(object):

    @staticmethod
    def draft_for_supplier(supplier_id, staff_id=None):
        po = db.query_one("SELECT id FROM purchase_orders WHERE supplier_id = ? AND status = 'draft'", (supplier_id,))
        if po:
            return po["id"]
        return db.insert("INSERT INTO purchase_orders (supplier_id, created_by) VALUES (?,?)", (supplier_id, staff_id))

    @staticmethod
    def add_line(po_id, product_id, qty, unit_cost=None):
        return db.insert("INSERT INTO po_lines (po_id, product_id, qty, unit_cost) VALUES (?,?,?,?)",
                         (po_id, product_id, qty, unit_cost))

    @staticmethod
    def lines(po_id):
        return db.query("SELECT l.*, p.sku, p.name FROM po_lines l JOIN products p ON p.id = l.product_id WHERE l.po_id = ?",
                        (po_id,))

    @staticmethod
    def receive(po_id, received, staff_id):
        """received: {po_line_id: (qty, batch_no, expires_on)}"""
        with db.tx():
            for line in PurchaseOrders.lines(po_id):
                if line["id"] not in received:
                    continue
                qty, batch_no, expires = received[line["id"]]
                bid = db.insert("INSERT INTO stock_batches (product_id, batch_no, expires_on, qty, received_on) VALUES (?,?,?,?,?)",
                                (line["product_id"], batch_no, expires, 0, today()))
                db.execute("UPDATE stock_batches SET qty = ? WHERE id = ?", (qty, bid))
                db.insert("INSERT INTO stock_movements (batch_id, qty, reason, ref, staff_id) VALUES (?,?,?,?,?)",
                          (bid, qty, "receive", "po:%d" % po_id, staff_id))
            db.execute("UPDATE purchase_orders SET status = 'received', received_at = CURRENT_TIMESTAMP WHERE id = ?", (po_id,))


# ================================================================= BILLING


class InvoiceStore(object):

    @staticmethod
    def get(invoice_id):
        return db.query_one("SELECT i.*, c.first_name, c.last_name, c.email, c.address1, c.town, c.postcode"
                            " FROM invoices i JOIN clients c ON c.id = i.client_id WHERE i.id = ?", (invoice_id,))

    @staticmethod
    def lines(invoice_id):
        return db.query("SELECT * FROM invoice_lines WHERE invoice_id = ? ORDER BY id", (invoice_id,))

    @staticmethod
    def draft_for_visit(visit_id):
        inv = db.query_one("SELECT id FROM invoices WHERE visit_id = ? AND status = 'draft'", (visit_id,))
        if inv:
            return inv["id"]
        client_id = db.scalar("SELECT p.client_id FROM visits v JOIN pets p ON p.id = v.pet_id WHERE v.id = ?", (visit_id,))
        return db.insert("INSERT INTO invoices (client_id, visit_id) VALUES (?,?)", (client_id, visit_id))

    @staticmethod
    def add_line(invoice_id, description, unit_price, qty=1, fee_code=None, product_id=None, vat_rate=None, discount=0):
        db.insert("INSERT INTO invoice_lines (invoice_id, fee_code, product_id, description, qty, unit_price, vat_rate, discount_pct)"
                  " VALUES (?,?,?,?,?,?,?,?)",
                  (invoice_id, fee_code, product_id, description, qty, unit_price,
                   20.0 if vat_rate is None else vat_rate, discount or 0))
        InvoiceStore.recalc(invoice_id)

    @staticmethod
    def recalc(invoice_id):
        net = vat = money(0)
        for l in InvoiceStore.lines(invoice_id):
            line_net = money(money(l["unit_price"]) * money(l["qty"]) * (100 - money(l["discount_pct"])) / 100)
            n, v, _ = add_vat(line_net, l["vat_rate"])
            net += n
            vat += v
        db.execute("UPDATE invoices SET net_total = ?, vat_total = ?, gross_total = ? WHERE id = ?",
                   (str(net), str(vat), str(net + vat), invoice_id))

    @staticmethod
    def issue(invoice_id):
        inv = InvoiceStore.get(invoice_id)
        if inv["status"] != "draft":
            return inv["number"]
        number = next_invoice_number()
        db.execute("UPDATE invoices SET status = 'issued', number = ?, issued_on = ?, due_on = ? WHERE id = ?",
                   (number, today(), invoice_due_date(), invoice_id))
        return number

    @staticmethod
    def void(invoice_id):
        paid = db.scalar("SELECT SUM(amount - refunded) FROM payments WHERE invoice_id = ?", (invoice_id,), default=0)
        if paid:
            raise ValueError("invoice has payments, refund first")
        db.execute("UPDATE invoices SET status = 'void' WHERE id = ?", (invoice_id,))

    @staticmethod
    def outstanding(older_than_days=0):
        return db.query("SELECT * FROM v_outstanding_invoices WHERE balance > 0 AND due_on <= date('now', ?)"
                        " ORDER BY due_on", ("-%d days" % older_than_days,))


def fee(code):
    return db.query_one("SELECT * FROM fee_schedule WHERE code = ? AND (valid_from IS NULL OR valid_from <= date('now'))"
                        " ORDER BY valid_from DESC LIMIT 1", (code,))


def record_payment(invoice_id, amount, method, staff_id=None, provider_ref=None):
    with db.tx():
        pid = db.insert("INSERT INTO payments (invoice_id, amount, method, provider_ref, taken_by) VALUES (?,?,?,?,?)",
                        (invoice_id, str(money(amount)), method, provider_ref, staff_id))
        bal = db.scalar("SELECT balance FROM v_outstanding_invoices WHERE id = ?", (invoice_id,), default=0)
        if money(bal) <= 0:
            db.execute("UPDATE invoices SET status = 'paid' WHERE id = ?", (invoice_id,))
    return pid


def payments_for(invoice_id):
    return db.query("SELECT * FROM payments WHERE invoice_id = ? ORDER BY taken_at", (invoice_id,))


def policy_for_pet(pet_id):
    return db.query_one("SELECT * FROM insurance_policies WHERE pet_id = ? AND (valid_to IS NULL OR valid_to >= date('now'))"
                        " ORDER BY id DESC LIMIT 1", (pet_id,))


class ClaimStore(object):

    @staticmethod
    def create(policy_id, invoice_id):
        gross = db.scalar("SELECT gross_total FROM invoices WHERE id = ?", (invoice_id,), default=0)
        excess = db.scalar("SELECT excess FROM insurance_policies WHERE id = ?", (policy_id,), default=0)
        return db.insert("INSERT INTO insurance_claims (policy_id, invoice_id, claimed_amount) VALUES (?,?,?)",
                         (policy_id, invoice_id, str(max(money(0), money(gross) - money(excess)))))

    @staticmethod
    def mark_submitted(claim_id, insurer_ref):
        db.execute("UPDATE insurance_claims SET status = 'submitted', insurer_ref = ?, submitted_at = CURRENT_TIMESTAMP"
                   " WHERE id = ?", (insurer_ref, claim_id))

    @staticmethod
    def open_claims():
        return db.query("SELECT c.*, p.insurer, p.policy_no FROM insurance_claims c"
                        " JOIN insurance_policies p ON p.id = c.policy_id WHERE c.status IN ('submitted', 'queried')")

    @staticmethod
    def settle(claim_id, amount):
        claim = db.query_one("SELECT * FROM insurance_claims WHERE id = ?", (claim_id,))
        db.execute("UPDATE insurance_claims SET status = 'paid', settled_amount = ? WHERE id = ?", (str(amount), claim_id))
        record_payment(claim["invoice_id"], amount, "insurer", provider_ref=claim["insurer_ref"])


# ================================================================= STAFF / ROTA


class StaffStore(object):

    @staticmethod
    def get(staff_id):
        return db.query_one("SELECT * FROM staff WHERE id = ?", (staff_id,))

    @staticmethod
    def by_email(email):
        return db.query_one("SELECT * FROM staff WHERE lower(email) = lower(?)", (email,))

    @staticmethod
    def active(role=None):
        if role:
            return db.query("SELECT * FROM staff WHERE active = 1 AND role = ? ORDER BY name", (role,))
        return db.query("SELECT * FROM staff WHERE active = 1 ORDER BY role, name")

    @staticmethod
    def create(name, email, role, pw_hash=None, rcvs=None):
        return db.insert("INSERT INTO staff (name, email, role, pw_hash, rcvs_number) VALUES (?,?,?,?,?)",
                         (name, email.lower(), role, pw_hash, rcvs))


def shifts_between(start, end, staff_id=None):
    sql = "SELECT sh.*, s.name FROM shifts sh JOIN staff s ON s.id = sh.staff_id WHERE sh.starts_at >= ? AND sh.starts_at < ?"
    params = [start, end]
    if staff_id:
        sql += " AND sh.staff_id = ?"
        params.append(staff_id)
    return db.query(sql + " ORDER BY sh.starts_at", tuple(params))


def add_shift(staff_id, starts_at, ends_at, site="main", note=None):
    return db.insert("INSERT INTO shifts (staff_id, starts_at, ends_at, site, note) VALUES (?,?,?,?,?)",
                     (staff_id, starts_at, ends_at, site, note))


def vets_on_duty(day):
    return db.query("SELECT DISTINCT s.* FROM shifts sh JOIN staff s ON s.id = sh.staff_id"
                    " WHERE date(sh.starts_at) = ? AND s.role IN ('vet', 'locum')", (day.isoformat(),))


def request_leave(staff_id, from_date, to_date, kind="holiday"):
    return db.insert("INSERT INTO leave_requests (staff_id, from_date, to_date, kind) VALUES (?,?,?,?)",
                     (staff_id, from_date, to_date, kind))


def decide_leave(leave_id, approve, decided_by):
    db.execute("UPDATE leave_requests SET status = ?, decided_by = ? WHERE id = ?",
               ("approved" if approve else "declined", decided_by, leave_id))


def on_call_for(week_start):
    return db.query_one("SELECT o.*, s.name, s.email, b.name AS backup_name FROM on_call_rota o"
                        " JOIN staff s ON s.id = o.staff_id LEFT JOIN staff b ON b.id = o.backup_id"
                        " WHERE o.week_start = ?", (week_start,))


# ================================================================= REMINDERS / MESSAGES


def queue_reminder(client_id, template_code, send_after, pet_id=None, source_table=None, source_id=None):
    # INSERT OR IGNORE relies on idx_reminders_dedupe
    return db.insert("INSERT OR IGNORE INTO reminders (client_id, pet_id, template_code, send_after, source_table, source_id)"
                     " VALUES (?,?,?,?,?,?)", (client_id, pet_id, template_code, send_after, source_table, source_id))


def pending_reminders(limit=500):
    return db.query("SELECT r.*, c.first_name, c.last_name, c.mobile, c.email, p.name AS pet_name"
                    " FROM reminders r JOIN clients c ON c.id = r.client_id LEFT JOIN pets p ON p.id = r.pet_id"
                    " WHERE r.status = 'pending' AND r.send_after <= CURRENT_TIMESTAMP AND r.attempts < 3"
                    " ORDER BY r.send_after LIMIT ?", (limit,))


def template(code):
    return db.query_one("SELECT * FROM message_templates WHERE code = ? AND active = 1", (code,))


def opted_out(client_id, channel="sms"):
    return db.scalar("SELECT COUNT(*) FROM contact_optouts WHERE client_id = ? AND channel IN (?, 'all')",
                     (client_id, channel), default=0) > 0


def log_message(client_id, channel, to_addr, body, provider_id=None, status="sent", reminder_id=None):
    return db.insert("INSERT INTO outbound_messages (reminder_id, client_id, channel, to_addr, body, provider_id, status)"
                     " VALUES (?,?,?,?,?,?,?)", (reminder_id, client_id, channel, to_addr, body, provider_id, status))


def mark_reminder(reminder_id, status):
    db.execute("UPDATE reminders SET status = ?, attempts = attempts + 1 WHERE id = ?", (status, reminder_id))


def getMessagesForClient(client_id, limit=20):
    # old name, used by the client page template helper
    return db.query("SELECT * FROM outbound_messages WHERE client_id = ? ORDER BY sent_at DESC LIMIT ?", (client_id, limit))
