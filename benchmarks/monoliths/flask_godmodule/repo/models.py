"""Data access for everything. Sections roughly follow the menu bar.

Plain SQL through db.query()/db.execute(); dicts in, dicts out.
"""
import csv
import hashlib
import io
import json
import logging
from datetime import date, datetime, timedelta
from decimal import Decimal

from werkzeug.security import check_password_hash, generate_password_hash

import db
from config import Config
from helpers import calc_dose, clean, clashes, to_decimal, vat_split, week_bounds

log = logging.getLogger(__name__)

OWNER_COLUMNS = "id, first_name, last_name, email, phone, address, postcode, " \
                "preferred_clinic_id, sms_opt_in, marketing_opt_in, created_at"

SQL_DAY_SCHEDULE = """
    SELECT a.id, a.starts_at, a.ends_at, a.status, a.reason,
           p.name AS pet_name, p.id AS pet_id,
           o.last_name AS owner_name, o.phone AS owner_phone,
           s.first_name || ' ' || s.last_name AS vet_name,
           r.name AS room_name, t.label AS type_label
    FROM appointments a
    JOIN pets p ON p.id = a.pet_id
    JOIN owners o ON o.id = a.owner_id
    LEFT JOIN staff s ON s.id = a.vet_id
    LEFT JOIN rooms r ON r.id = a.room_id
    JOIN appointment_types t ON t.id = a.type_id
    WHERE a.clinic_id = %s AND a.starts_at >= %s AND a.starts_at < %s
      AND a.status <> 'cancelled'
    ORDER BY a.starts_at, s.last_name
"""

SQL_OVERDUE_INVOICES = """
    SELECT i.id, i.number, i.owner_id, i.total, i.due_on, i.dunning_level,
           o.email, o.first_name, o.last_name
    FROM invoices i JOIN owners o ON o.id = i.owner_id
    WHERE i.status IN ('issued', 'overdue') AND i.due_on < CURRENT_DATE
    ORDER BY i.due_on
"""

SQL_LOW_STOCK = """
    SELECT d.id, d.name, d.reorder_level, COALESCE(SUM(s.quantity), 0) AS on_hand
    FROM drugs d
    LEFT JOIN drug_stock s ON s.drug_id = d.id AND s.clinic_id = %s AND s.expires_on > CURRENT_DATE
    WHERE d.active
    GROUP BY d.id, d.name, d.reorder_level
    HAVING COALESCE(SUM(s.quantity), 0) < d.reorder_level
    ORDER BY d.name
"""


# ============================================================ owners


class OwnerDAO:
    table = "owners"

    @staticmethod
    def get(owner_id):
        return db.query_one(
            "SELECT " + OWNER_COLUMNS + " FROM owners WHERE id = %s AND deleted_at IS NULL",
            (owner_id,),
        )

    @staticmethod
    def search(term, clinic_id=None):
        sql = "SELECT " + OWNER_COLUMNS + " FROM owners WHERE deleted_at IS NULL"
        params = []
        if term:
            sql += " AND (lower(last_name) LIKE %s OR email ILIKE %s OR phone LIKE %s)"
            like = "%" + term.lower() + "%"
            params += [like, like, like]
        if clinic_id:
            sql += " AND preferred_clinic_id = %s"
            params.append(clinic_id)
        return sql + " ORDER BY last_name, first_name", params

    @staticmethod
    def create(data):
        return db.execute(
            """INSERT INTO owners (first_name, last_name, email, phone, address, postcode,
                                   preferred_clinic_id, sms_opt_in, marketing_opt_in)
               VALUES (%(first_name)s, %(last_name)s, %(email)s, %(phone)s, %(address)s,
                       %(postcode)s, %(preferred_clinic_id)s, %(sms_opt_in)s,
                       %(marketing_opt_in)s)
               RETURNING id""",
            data,
            returning=True,
        )

    @staticmethod
    def update(owner_id, data):
        allowed = ["first_name", "last_name", "email", "phone", "address", "postcode",
                   "preferred_clinic_id", "sms_opt_in", "marketing_opt_in"]
        sets = ", ".join("%s = %%(%s)s" % (k, k) for k in allowed if k in data)
        if not sets:
            return 0
        data = dict(data, id=owner_id)
        return db.execute(f"UPDATE owners SET {sets} WHERE id = %(id)s", data)

    @staticmethod
    def soft_delete(owner_id):
        return db.execute("UPDATE owners SET deleted_at = now() WHERE id = %s", (owner_id,))

    @staticmethod
    def merge(keep_id, drop_id):
        # reception keeps creating duplicates; move everything over to keep_id
        for tbl in ("pets", "appointments", "invoices", "waitlist_entries", "notifications"):
            db.execute(f"UPDATE {tbl} SET owner_id = %s WHERE owner_id = %s", (keep_id, drop_id))
        db.execute("UPDATE owners SET deleted_at = now() WHERE id = %s", (drop_id,))
        log.info("merged owner %s into %s", drop_id, keep_id)


def owner_display_name(owner):
    if not owner:
        return ""
    return "%s %s" % (owner["first_name"], owner["last_name"].upper())


def find_duplicate_owners(email, phone):
    return db.query(
        "SELECT id, first_name, last_name FROM owners "
        "WHERE deleted_at IS NULL AND (email = %s OR phone = %s)",
        (email, phone),
    )


def get_owner_balance(owner_id):
    row = db.query_one("SELECT balance FROM owner_balances WHERE owner_id = %s", (owner_id,))
    return row["balance"] if row else Decimal("0")


def log_notification(owner_id, channel, template, payload, status="sent"):
    return db.execute(
        "INSERT INTO notifications (owner_id, channel, template, payload, status, sent_at) "
        "VALUES (%s, %s, %s, %s, %s, CASE WHEN %s = 'sent' THEN now() END) RETURNING id",
        (owner_id, channel, template, json.dumps(payload, default=str), status, status),
        returning=True,
    )


def notification_history(owner_id, limit=50):
    return db.query(
        "SELECT channel, template, status, created_at, sent_at FROM notifications "
        "WHERE owner_id = %s ORDER BY created_at DESC LIMIT %s" % ("%s", int(limit)),
        (owner_id,),
    )


def contact_channel(owner):
    """Which channel reminders go out on for this owner, or None."""
    if owner.get("sms_opt_in") and owner.get("phone"):
        return "sms"
    if owner.get("email"):
        return "email"
    return None


# ============================================================ pets


class PetDAO:
    @staticmethod
    def get(pet_id):
        return db.query_one(
            """SELECT p.*, s.name AS species, b.name AS breed
               FROM pets p JOIN species s ON s.id = p.species_id
               LEFT JOIN breeds b ON b.id = p.breed_id
               WHERE p.id = %s""",
            (pet_id,),
        )

    @staticmethod
    def for_owner(owner_id, include_deceased=False):
        sql = ("SELECT p.id, p.name, p.dob, p.sex, p.deceased_on, s.name AS species "
               "FROM pets p JOIN species s ON s.id = p.species_id WHERE p.owner_id = %s")
        if not include_deceased:
            sql += " AND p.deceased_on IS NULL"
        return db.query(sql + " ORDER BY p.name", (owner_id,))

    @staticmethod
    def create(owner_id, data):
        return db.execute(
            "INSERT INTO pets (owner_id, name, species_id, breed_id, sex, dob, microchip, "
            "neutered, notes) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
            (owner_id, data["name"], data["species_id"], data.get("breed_id"), data.get("sex"),
             data.get("dob"), clean(data.get("microchip")), bool(data.get("neutered")),
             data.get("notes")),
            returning=True,
        )

    @staticmethod
    def update(pet_id, data):
        return db.execute(
            "UPDATE pets SET name=%s, breed_id=%s, sex=%s, dob=%s, microchip=%s, neutered=%s, "
            "notes=%s WHERE id=%s",
            (data["name"], data.get("breed_id"), data.get("sex"), data.get("dob"),
             clean(data.get("microchip")), bool(data.get("neutered")), data.get("notes"), pet_id),
        )

    @staticmethod
    def mark_deceased(pet_id, on_date=None):
        on_date = on_date or date.today()
        db.execute("UPDATE pets SET deceased_on = %s WHERE id = %s", (on_date, pet_id))
        # don't send reminders for a dead animal (complaint from Leeds, 2021)
        db.execute(
            "UPDATE appointments SET status = 'cancelled' "
            "WHERE pet_id = %s AND starts_at > now() AND status = 'booked'",
            (pet_id,),
        )

    @staticmethod
    def record_weight(pet_id, weight_kg, staff_id=None):
        return db.execute(
            "INSERT INTO pet_weights (pet_id, weight_kg, measured_by) VALUES (%s, %s, %s)",
            (pet_id, to_decimal(weight_kg), staff_id),
        )

    @staticmethod
    def latest_weight(pet_id):
        row = db.query_one(
            "SELECT weight_kg FROM pet_weights WHERE pet_id = %s "
            "ORDER BY measured_at DESC LIMIT 1",
            (pet_id,),
        )
        return row["weight_kg"] if row else None

    @staticmethod
    def weight_history(pet_id):
        return db.query(
            "SELECT weight_kg, measured_at FROM pet_weights WHERE pet_id = %s "
            "ORDER BY measured_at",
            (pet_id,),
        )


def list_species():
    return db.query("SELECT id, name FROM species ORDER BY name")


def breeds_for(species_id):
    return db.query(
        "SELECT id, name FROM breeds WHERE species_id = %d ORDER BY name" % int(species_id)
    )


def find_by_microchip(chip):
    chip = (chip or "").replace(" ", "")
    return db.query_one("SELECT id, owner_id, name FROM pets WHERE microchip = %s", (chip,))


# ============================================================ appointments


class AppointmentDAO:
    @staticmethod
    def get(appt_id):
        return db.query_one(
            "SELECT a.*, t.label AS type_label, t.default_price_code "
            "FROM appointments a JOIN appointment_types t ON t.id = a.type_id WHERE a.id = %s",
            (appt_id,),
        )

    @staticmethod
    def day_schedule(clinic_id, day):
        start = datetime.combine(day, datetime.min.time())
        return db.query(SQL_DAY_SCHEDULE, (clinic_id, start, start + timedelta(days=1)))

    @staticmethod
    def for_pet(pet_id, upcoming_only=True):
        sql = "SELECT id, starts_at, status, reason FROM appointments WHERE pet_id = %s"
        if upcoming_only:
            sql += " AND starts_at >= now() AND status = 'booked'"
        return db.query(sql + " ORDER BY starts_at", (pet_id,))

    @staticmethod
    def book(data, staff_id):
        appt_type = db.query_one(
            "SELECT duration_min FROM appointment_types WHERE id = %s", (data["type_id"],)
        )
        ends_at = data["starts_at"] + timedelta(minutes=appt_type["duration_min"])
        candidate = {"starts_at": data["starts_at"], "ends_at": ends_at}
        if data.get("vet_id"):
            for other in _vet_bookings(data["vet_id"], data["starts_at"].date()):
                if clashes(candidate, other):
                    raise ValueError("vet already booked at that time")
        return db.execute(
            "INSERT INTO appointments (clinic_id, pet_id, owner_id, vet_id, room_id, type_id, "
            "starts_at, ends_at, reason, created_by) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
            (data["clinic_id"], data["pet_id"], data["owner_id"], data.get("vet_id"),
             data.get("room_id"), data["type_id"], data["starts_at"], ends_at,
             data.get("reason"), staff_id),
            returning=True,
        )

    @staticmethod
    def reschedule(appt_id, new_start):
        appt = AppointmentDAO.get(appt_id)
        length = appt["ends_at"] - appt["starts_at"]
        candidate = {"id": appt_id, "starts_at": new_start, "ends_at": new_start + length}
        if appt["vet_id"]:
            for other in _vet_bookings(appt["vet_id"], new_start.date()):
                if clashes(candidate, other):
                    raise ValueError("vet already booked at that time")
        return db.execute(
            "UPDATE appointments SET starts_at = %s, ends_at = %s, reminder_sent_at = NULL "
            "WHERE id = %s",
            (new_start, new_start + length, appt_id),
        )

    @staticmethod
    def set_status(appt_id, status):
        if status not in ("booked", "checked_in", "completed", "cancelled", "no_show"):
            raise ValueError(status)
        return db.execute("UPDATE appointments SET status = '%s' WHERE id = %d"
                          % (status, int(appt_id)))

    @staticmethod
    def due_reminders(hours_ahead):
        return db.query(
            f"""SELECT a.id, a.starts_at, a.owner_id, p.name AS pet_name, c.name AS clinic_name,
                       o.first_name, o.email, o.phone, o.sms_opt_in
                FROM appointments a
                JOIN pets p ON p.id = a.pet_id
                JOIN owners o ON o.id = a.owner_id
                JOIN clinics c ON c.id = a.clinic_id
                WHERE a.status = 'booked' AND a.reminder_sent_at IS NULL
                  AND a.starts_at BETWEEN now() AND now() + interval '{int(hours_ahead)} hours'"""
        )

    @staticmethod
    def mark_reminded(appt_id):
        db.execute("UPDATE appointments SET reminder_sent_at = now() WHERE id = %s", (appt_id,))


def _vet_bookings(vet_id, day):
    start = datetime.combine(day, datetime.min.time())
    return db.query(
        "SELECT id, starts_at, ends_at FROM appointments WHERE vet_id = %s "
        "AND starts_at >= %s AND starts_at < %s AND status NOT IN ('cancelled', 'no_show')",
        (vet_id, start, start + timedelta(days=1)),
    )


def free_slots(clinic_id, vet_id, day, duration_min=15):
    clinic = get_clinic(clinic_id)
    cursor = datetime.combine(day, clinic["opens_at"])
    closing = datetime.combine(day, clinic["closes_at"])
    taken = _vet_bookings(vet_id, day)
    slots = []
    while cursor + timedelta(minutes=duration_min) <= closing:
        candidate = {"starts_at": cursor, "ends_at": cursor + timedelta(minutes=duration_min)}
        if not any(clashes(candidate, t) for t in taken):
            slots.append(cursor)
        cursor += timedelta(minutes=15)
    return slots


def appointment_types():
    return db.query("SELECT id, code, label, duration_min FROM appointment_types ORDER BY label")


def rooms_for(clinic_id):
    return db.query("SELECT id, name, kind FROM rooms WHERE clinic_id = %s ORDER BY name",
                    (clinic_id,))


def waitlist_add(data):
    return db.execute(
        "INSERT INTO waitlist_entries (clinic_id, pet_id, owner_id, type_id, preferred_from, "
        "preferred_to, note) VALUES (%(clinic_id)s, %(pet_id)s, %(owner_id)s, %(type_id)s, "
        "%(preferred_from)s, %(preferred_to)s, %(note)s)",
        data,
    )


def waitlist_for_clinic(clinic_id):
    return db.query(
        "SELECT w.*, p.name AS pet_name, o.last_name, o.phone FROM waitlist_entries w "
        "JOIN pets p ON p.id = w.pet_id JOIN owners o ON o.id = w.owner_id "
        "WHERE w.clinic_id = %s AND w.resolved_at IS NULL ORDER BY w.created_at",
        (clinic_id,),
    )


def waitlist_resolve(entry_id):
    db.execute("UPDATE waitlist_entries SET resolved_at = now() WHERE id = %s", (entry_id,))


# ============================================================ clinical


def open_visit(appointment_id, vet_id):
    appt = AppointmentDAO.get(appointment_id)
    visit_id = db.execute(
        "INSERT INTO visits (appointment_id, pet_id, vet_id, clinic_id, chief_complaint) "
        "VALUES (%s, %s, %s, %s, %s) RETURNING id",
        (appointment_id, appt["pet_id"], vet_id, appt["clinic_id"], appt["reason"]),
        returning=True,
    )
    AppointmentDAO.set_status(appointment_id, "checked_in")
    return visit_id


def get_visit(visit_id):
    return db.query_one(
        """SELECT v.*, p.name AS pet_name, p.owner_id, s.last_name AS vet_name
           FROM visits v JOIN pets p ON p.id = v.pet_id JOIN staff s ON s.id = v.vet_id
           WHERE v.id = %s""",
        (visit_id,),
    )


def record_vitals(visit_id, temperature_c=None, heart_rate=None):
    db.execute(
        "UPDATE visits SET temperature_c = COALESCE(%s, temperature_c), "
        "heart_rate = COALESCE(%s, heart_rate) WHERE id = %s",
        (temperature_c, heart_rate, visit_id),
    )


def close_visit(visit_id):
    visit = get_visit(visit_id)
    db.execute("UPDATE visits SET status = 'closed', closed_at = now() WHERE id = %s",
               (visit_id,))
    if visit["appointment_id"]:
        AppointmentDAO.set_status(visit["appointment_id"], "completed")
    return visit


def visit_notes(visit_id):
    return db.query(
        "SELECT n.id, n.body, n.created_at, n.amended_at, s.last_name AS author "
        "FROM clinical_notes n JOIN staff s ON s.id = n.author_id "
        "WHERE n.visit_id = %s ORDER BY n.created_at",
        (visit_id,),
    )


def add_note(visit_id, author_id, body):
    return db.execute(
        "INSERT INTO clinical_notes (visit_id, author_id, body) VALUES (%s, %s, %s)",
        (visit_id, author_id, body),
    )


def amend_note(note_id, author_id, body):
    # legal: notes are never overwritten, the amendment is appended with a marker
    stamp = datetime.now().strftime("%d/%m/%Y %H:%M")
    return db.execute(
        "UPDATE clinical_notes SET body = body || %s, amended_at = now() "
        "WHERE id = %s AND author_id = %s",
        ("\n\n[amended %s] %s" % (stamp, body), note_id, author_id),
    )


def add_diagnosis(visit_id, description, code=None, severity=None):
    return db.execute(
        "INSERT INTO diagnoses (visit_id, code, description, severity) VALUES (%s, %s, %s, %s)",
        (visit_id, code, description, severity),
    )


def diagnoses_for(visit_id):
    return db.query("SELECT * FROM diagnoses WHERE visit_id = %s", (visit_id,))


VACCINE_INTERVALS = {"DHP": 365 * 3, "Lepto": 365, "KC": 365, "FVRCP": 365, "FeLV": 365,
                     "Rabies": 365 * 3, "Myxo-RHD": 365}


def record_vaccination(pet_id, visit_id, vaccine, batch_no, staff_id, given_on=None):
    given_on = given_on or date.today()
    due_on = given_on + timedelta(days=VACCINE_INTERVALS.get(vaccine, 365))
    return db.execute(
        "INSERT INTO vaccinations (pet_id, visit_id, vaccine, batch_no, given_on, due_on, "
        "given_by) VALUES (%s, %s, %s, %s, %s, %s, %s)",
        (pet_id, visit_id, vaccine, batch_no, given_on, due_on, staff_id),
    )


def vaccinations_due(days_ahead):
    return db.query(
        "SELECT v.id, v.pet_id, v.vaccine, v.due_on, p.name AS pet_name, p.owner_id, "
        "o.first_name, o.email, o.phone, o.sms_opt_in "
        "FROM vaccinations v JOIN pets p ON p.id = v.pet_id JOIN owners o ON o.id = p.owner_id "
        "WHERE p.deceased_on IS NULL AND v.due_on BETWEEN CURRENT_DATE AND CURRENT_DATE + "
        + str(int(days_ahead))
        + " AND NOT EXISTS (SELECT 1 FROM vaccinations v2 WHERE v2.pet_id = v.pet_id "
        "AND v2.vaccine = v.vaccine AND v2.given_on > v.given_on)"
    )


def pet_history(pet_id):
    visits = db.query(
        "SELECT id, started_at, chief_complaint, status FROM visits WHERE pet_id = %s "
        "ORDER BY started_at DESC",
        (pet_id,),
    )
    for v in visits:
        v["notes"] = visit_notes(v["id"])
        v["diagnoses"] = diagnoses_for(v["id"])
    vaccs = db.query(
        "SELECT vaccine, given_on, due_on, batch_no FROM vaccinations WHERE pet_id = %s "
        "ORDER BY given_on DESC",
        (pet_id,),
    )
    return {"visits": visits, "vaccinations": vaccs,
            "labs": LabResultDAO.for_pet(pet_id)}


class LabResultDAO:
    @staticmethod
    def add(row):
        flagged = False
        try:
            value = float(row["value"])
            if row.get("ref_low") is not None and value < float(row["ref_low"]):
                flagged = True
            if row.get("ref_high") is not None and value > float(row["ref_high"]):
                flagged = True
        except (TypeError, ValueError):
            pass
        return db.execute(
            "INSERT INTO lab_results (visit_id, pet_id, lab_name, test_code, value, unit, "
            "ref_low, ref_high, flagged) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
            (row.get("visit_id"), row["pet_id"], row.get("lab_name"), row["test_code"],
             row["value"], row.get("unit"), row.get("ref_low"), row.get("ref_high"), flagged),
        )

    @staticmethod
    def for_visit(visit_id):
        return db.query("SELECT * FROM lab_results WHERE visit_id = %s ORDER BY test_code",
                        (visit_id,))

    @staticmethod
    def for_pet(pet_id, limit=100):
        return db.query(
            "SELECT test_code, value, unit, flagged, received_at FROM lab_results "
            "WHERE pet_id = %s ORDER BY received_at DESC LIMIT " + str(limit),
            (pet_id,),
        )

    @staticmethod
    def flagged_since(since):
        return db.query(
            "SELECT r.*, p.name AS pet_name FROM lab_results r JOIN pets p ON p.id = r.pet_id "
            "WHERE r.flagged AND r.received_at >= %s ORDER BY r.received_at",
            (since,),
        )


def import_lab_csv(text, lab_name, visit_id=None):
    """IDEXX/Nationwide export: pet_id,test,value,unit,low,high"""
    count = 0
    for rec in csv.DictReader(io.StringIO(text)):
        LabResultDAO.add({
            "visit_id": visit_id, "pet_id": int(rec["pet_id"]), "lab_name": lab_name,
            "test_code": rec["test"].strip().upper(), "value": rec["value"],
            "unit": rec.get("unit"), "ref_low": rec.get("low") or None,
            "ref_high": rec.get("high") or None,
        })
        count += 1
    return count


# ============================================================ pharmacy


class DrugDAO:
    @staticmethod
    def get(drug_id):
        return db.query_one("SELECT * FROM drugs WHERE id = %s", (drug_id,))

    @staticmethod
    def search(term):
        return db.query(
            "SELECT id, name, form, strength_mg, controlled FROM drugs "
            "WHERE active AND name ILIKE %s ORDER BY name LIMIT 30",
            ("%" + term + "%",),
        )

    @staticmethod
    def all_active():
        return db.query("SELECT * FROM drugs WHERE active ORDER BY name")

    @staticmethod
    def low_stock(clinic_id):
        return db.query(SQL_LOW_STOCK, (clinic_id,))


class StockDAO:
    @staticmethod
    def for_drug(drug_id, clinic_id):
        return db.query(
            "SELECT id, batch_no, expires_on, quantity FROM drug_stock "
            "WHERE drug_id = %s AND clinic_id = %s AND quantity > 0 ORDER BY expires_on",
            (drug_id, clinic_id),
        )

    @staticmethod
    def receive(drug_id, clinic_id, batch_no, expires_on, quantity, staff_id):
        stock_id = db.execute(
            "INSERT INTO drug_stock (drug_id, clinic_id, batch_no, expires_on, quantity) "
            "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (drug_id, clinic_id, batch_no) "
            "DO UPDATE SET quantity = drug_stock.quantity + EXCLUDED.quantity RETURNING id",
            (drug_id, clinic_id, batch_no, expires_on, quantity),
            returning=True,
        )
        _movement(stock_id, quantity, "receive", staff_id)
        return stock_id

    @staticmethod
    def adjust(stock_id, delta, reason, staff_id):
        db.execute("UPDATE drug_stock SET quantity = quantity + %s WHERE id = %s",
                   (delta, stock_id))
        _movement(stock_id, delta, reason, staff_id)

    @staticmethod
    def expired(clinic_id=None):
        sql = ("SELECT s.id, s.batch_no, s.expires_on, s.quantity, s.clinic_id, d.name "
               "FROM drug_stock s JOIN drugs d ON d.id = s.drug_id "
               "WHERE s.quantity > 0 AND s.expires_on <= CURRENT_DATE")
        if clinic_id:
            sql += " AND s.clinic_id = %d" % clinic_id
        return db.query(sql)


def _movement(stock_id, delta, reason, staff_id, prescription_id=None):
    db.execute(
        "INSERT INTO stock_movements (stock_id, prescription_id, delta, reason, moved_by) "
        "VALUES (%s, %s, %s, %s, %s)",
        (stock_id, prescription_id, delta, reason, staff_id),
    )


def suggested_dose(pet_id, drug_id):
    drug = DrugDAO.get(drug_id)
    weight = PetDAO.latest_weight(pet_id)
    return calc_dose(weight, drug["mg_per_kg"], drug["strength_mg"])


def prescribe(visit_id, drug_id, staff_id, dose, quantity, frequency=None, repeats=0):
    visit = get_visit(visit_id)
    drug = DrugDAO.get(drug_id)
    if drug["controlled"] and repeats:
        raise ValueError("controlled drugs cannot have repeats")
    return db.execute(
        "INSERT INTO prescriptions (visit_id, pet_id, drug_id, prescribed_by, dose, frequency, "
        "quantity, repeats) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
        (visit_id, visit["pet_id"], drug_id, staff_id, dose, frequency, quantity, repeats),
        returning=True,
    )


def get_prescription(rx_id):
    return db.query_one(
        "SELECT rx.*, d.name AS drug_name, d.price_code, d.controlled "
        "FROM prescriptions rx JOIN drugs d ON d.id = rx.drug_id WHERE rx.id = %s",
        (rx_id,),
    )


def dispense(rx_id, clinic_id, staff_id, invoice_id=None):
    """Take stock first-expiry-first-out and put the line on the visit's invoice."""
    rx = get_prescription(rx_id)
    if rx["status"] == "dispensed" and rx["repeats_used"] >= rx["repeats"]:
        raise ValueError("nothing left to dispense on this prescription")
    remaining = rx["quantity"]
    for batch in StockDAO.for_drug(rx["drug_id"], clinic_id):
        if remaining <= 0:
            break
        take = min(batch["quantity"], remaining)
        db.execute("UPDATE drug_stock SET quantity = quantity - %s WHERE id = %s",
                   (take, batch["id"]))
        _movement(batch["id"], -take, "dispense", staff_id, prescription_id=rx_id)
        remaining -= take
    if remaining > 0:
        raise ValueError("not enough stock (%d short)" % remaining)
    if rx["status"] == "dispensed":
        db.execute("UPDATE prescriptions SET repeats_used = repeats_used + 1 WHERE id = %s",
                   (rx_id,))
    else:
        db.execute("UPDATE prescriptions SET status = 'dispensed', dispensed_at = now() "
                   "WHERE id = %s", (rx_id,))
    if invoice_id and rx["price_code"]:
        price = price_for(rx["price_code"])
        InvoiceDAO.add_line(invoice_id, rx["price_code"], rx["drug_name"], rx["quantity"],
                            price["amount"], price["vat_rate"], prescription_id=rx_id)


def prescriptions_for_pet(pet_id, active_only=False):
    sql = ("SELECT rx.id, rx.dose, rx.frequency, rx.quantity, rx.repeats, rx.repeats_used, "
           "rx.status, rx.created_at, d.name AS drug_name FROM prescriptions rx "
           "JOIN drugs d ON d.id = rx.drug_id WHERE rx.pet_id = %s")
    if active_only:
        sql += (" AND rx.status <> 'cancelled'"
                " AND (rx.status = 'new' OR rx.repeats_used < rx.repeats)")
    return db.query(sql + " ORDER BY rx.created_at DESC", (pet_id,))


def cancel_prescription(rx_id):
    db.execute("UPDATE prescriptions SET status = 'cancelled' WHERE id = %s AND status = 'new'",
               (rx_id,))


# ============================================================ billing


class InvoiceDAO:
    @staticmethod
    def get(invoice_id):
        return db.query_one(
            "SELECT i.*, o.first_name, o.last_name, o.email, o.address, o.postcode "
            "FROM invoices i JOIN owners o ON o.id = i.owner_id WHERE i.id = %s",
            (invoice_id,),
        )

    @staticmethod
    def lines(invoice_id):
        return db.query("SELECT * FROM invoice_lines WHERE invoice_id = %s ORDER BY id",
                        (invoice_id,))

    @staticmethod
    def for_owner(owner_id):
        return db.query(
            "SELECT id, number, status, issued_on, due_on, total FROM invoices "
            "WHERE owner_id = %s AND status <> 'void' ORDER BY created_at DESC",
            (owner_id,),
        )

    @staticmethod
    def draft_for_visit(visit_id):
        row = db.query_one("SELECT id FROM invoices WHERE visit_id = %s AND status = 'draft'",
                           (visit_id,))
        return row["id"] if row else None

    @staticmethod
    def create_draft(owner_id, clinic_id, visit_id=None):
        return db.execute(
            "INSERT INTO invoices (owner_id, clinic_id, visit_id) VALUES (%s, %s, %s) "
            "RETURNING id",
            (owner_id, clinic_id, visit_id),
            returning=True,
        )

    @staticmethod
    def add_line(invoice_id, price_code, description, qty, unit_price, vat_rate=None,
                 prescription_id=None):
        vat_rate = Config.VAT_DEFAULT if vat_rate is None else vat_rate
        line_total = to_decimal(Decimal(str(qty)) * to_decimal(unit_price))
        db.execute(
            "INSERT INTO invoice_lines (invoice_id, price_code, description, qty, unit_price, "
            "vat_rate, line_total, prescription_id) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
            (invoice_id, price_code, description, qty, unit_price, vat_rate, line_total,
             prescription_id),
        )
        InvoiceDAO.recalc(invoice_id)

    @staticmethod
    def recalc(invoice_id):
        total = Decimal("0")
        vat = Decimal("0")
        for line in InvoiceDAO.lines(invoice_id):
            total += to_decimal(line["line_total"])
            vat += vat_split(line["line_total"], line["vat_rate"])[1]
        db.execute("UPDATE invoices SET total = %s, vat_total = %s WHERE id = %s",
                   (total, vat, invoice_id))
        return total

    @staticmethod
    def next_number(clinic_code):
        year = date.today().year
        prefix = "%s-%s-%d-" % (Config.INVOICE_PREFIX, clinic_code, year)
        last = db.scalar("SELECT max(number) FROM invoices WHERE number LIKE '" + prefix + "%%'")
        seq = int(last.rsplit("-", 1)[1]) + 1 if last else 1
        return "%s%05d" % (prefix, seq)

    @staticmethod
    def issue(invoice_id):
        inv = InvoiceDAO.get(invoice_id)
        if inv["status"] != "draft":
            raise ValueError("only drafts can be issued")
        clinic = get_clinic(inv["clinic_id"])
        number = InvoiceDAO.next_number(clinic["code"])
        due = date.today() + timedelta(days=Config.PAYMENT_TERMS_DAYS)
        db.execute(
            "UPDATE invoices SET status = 'issued', number = %s, issued_on = CURRENT_DATE, "
            "due_on = %s WHERE id = %s",
            (number, due, invoice_id),
        )
        return number

    @staticmethod
    def void(invoice_id):
        return db.execute(
            "UPDATE invoices SET status = 'void' WHERE id = %s AND status IN ('draft', 'issued')",
            (invoice_id,),
        )

    @staticmethod
    def overdue():
        return db.query(SQL_OVERDUE_INVOICES)


def price_for(code):
    return db.query_one(
        "SELECT code, label, amount, vat_rate FROM service_prices WHERE code = %s AND active",
        (code,),
    )


def price_list():
    return db.query("SELECT * FROM service_prices WHERE active ORDER BY label")


def invoice_from_visit(visit_id):
    """Draft invoice for a visit: consult fee from the appointment type, plus
    anything already dispensed."""
    existing = InvoiceDAO.draft_for_visit(visit_id)
    if existing:
        return existing
    visit = get_visit(visit_id)
    invoice_id = InvoiceDAO.create_draft(visit["owner_id"], visit["clinic_id"], visit_id)
    if visit["appointment_id"]:
        appt = AppointmentDAO.get(visit["appointment_id"])
        if appt["default_price_code"]:
            price = price_for(appt["default_price_code"])
            InvoiceDAO.add_line(invoice_id, price["code"], price["label"], 1, price["amount"],
                                price["vat_rate"])
    for rx in db.query(
        "SELECT rx.id, rx.quantity, d.name, d.price_code FROM prescriptions rx "
        "JOIN drugs d ON d.id = rx.drug_id WHERE rx.visit_id = %s AND rx.status = 'dispensed'",
        (visit_id,),
    ):
        if rx["price_code"]:
            price = price_for(rx["price_code"])
            InvoiceDAO.add_line(invoice_id, rx["price_code"], rx["name"], rx["quantity"],
                                price["amount"], price["vat_rate"], prescription_id=rx["id"])
    return invoice_id


def record_payment(invoice_id, amount, method, reference, staff_id):
    amount = to_decimal(amount)
    db.execute(
        "INSERT INTO payments (invoice_id, amount, method, reference, taken_by) "
        "VALUES (%s, %s, %s, %s, %s)",
        (invoice_id, amount, method, reference, staff_id),
    )
    paid = db.scalar("SELECT COALESCE(SUM(amount), 0) FROM payments WHERE invoice_id = %s",
                     (invoice_id,))
    inv = InvoiceDAO.get(invoice_id)
    if paid >= inv["total"]:
        db.execute("UPDATE invoices SET status = 'paid' WHERE id = %s", (invoice_id,))
    return paid


def payments_for(invoice_id):
    return db.query("SELECT * FROM payments WHERE invoice_id = %s ORDER BY paid_at",
                    (invoice_id,))


def revenue_report(clinic_id, start, end):
    where = "i.issued_on >= '%s' AND i.issued_on < '%s'" % (start.isoformat(), end.isoformat())
    if clinic_id:
        where += " AND i.clinic_id = %d" % int(clinic_id)
    return db.query(
        f"""SELECT l.price_code, sp.label, SUM(l.qty) AS qty, SUM(l.line_total) AS gross
            FROM invoice_lines l
            JOIN invoices i ON i.id = l.invoice_id
            LEFT JOIN service_prices sp ON sp.code = l.price_code
            WHERE i.status IN ('issued', 'paid', 'overdue') AND {where}
            GROUP BY l.price_code, sp.label ORDER BY gross DESC"""
    )


if Config.ENABLE_INSURANCE:

    class InsuranceClaimDAO:
        @staticmethod
        def create(invoice_id, insurer, policy_no, amount):
            return db.execute(
                "INSERT INTO insurance_claims (invoice_id, insurer, policy_no, amount_claimed) "
                "VALUES (%s, %s, %s, %s) RETURNING id",
                (invoice_id, insurer, policy_no, to_decimal(amount)),
                returning=True,
            )

        @staticmethod
        def submit(claim_id):
            db.execute("UPDATE insurance_claims SET status = 'submitted', submitted_at = now() "
                       "WHERE id = %s", (claim_id,))

        @staticmethod
        def settle(claim_id, amount_paid, staff_id):
            claim = db.query_one("SELECT * FROM insurance_claims WHERE id = %s", (claim_id,))
            db.execute("UPDATE insurance_claims SET status = 'settled', amount_paid = %s "
                       "WHERE id = %s", (amount_paid, claim_id))
            record_payment(claim["invoice_id"], amount_paid, "insurer",
                           "claim %s" % claim_id, staff_id)


def export_sage_csv(start, end):
    # Sage integration was dropped in 2022 (accounts use Xero now); kept for the auditors
    rows = db.query(
        "SELECT number, issued_on, total, vat_total FROM invoices "
        "WHERE issued_on BETWEEN %s AND %s ORDER BY number",
        (start, end),
    )
    out = io.StringIO()
    for r in rows:
        out.write("SI,%s,%s,%s,%s\n" % (r["number"], r["issued_on"], r["total"], r["vat_total"]))
    return out.getvalue()


# ============================================================ staff & rota


class StaffDAO:
    @staticmethod
    def get(staff_id):
        return db.query_one(
            "SELECT id, clinic_id, first_name, last_name, email, role, licence_no, active "
            "FROM staff WHERE id = %s",
            (staff_id,),
        )

    @staticmethod
    def authenticate(email, password):
        row = db.query_one("SELECT * FROM staff WHERE lower(email) = lower(%s) AND active",
                           (email,))
        if row and check_password_hash(row["password_hash"], password):
            return {k: row[k] for k in ("id", "clinic_id", "first_name", "last_name", "role")}
        return None

    @staticmethod
    def list_for_clinic(clinic_id, role=None):
        sql = "SELECT id, first_name, last_name, role, email FROM staff WHERE active"
        if clinic_id:
            sql += " AND clinic_id = %d" % int(clinic_id)
        if role:
            sql += " AND role = '%s'" % role
        return db.query(sql + " ORDER BY last_name")

    @staticmethod
    def create(data, password):
        return db.execute(
            "INSERT INTO staff (clinic_id, first_name, last_name, email, password_hash, role, "
            "licence_no) VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id",
            (data["clinic_id"], data["first_name"], data["last_name"], data["email"],
             generate_password_hash(password), data["role"], data.get("licence_no")),
            returning=True,
        )


def legacy_password_ok(stored, password):
    # accounts imported from the old PMS still have unsalted sha1 hashes
    return stored == hashlib.sha1(password.encode()).hexdigest()


def get_clinic(clinic_id):
    return db.query_one("SELECT * FROM clinics WHERE id = %s", (clinic_id,))


def all_clinics():
    return db.query("SELECT id, code, name FROM clinics WHERE active ORDER BY name")


def shifts_for_week(clinic_id, day):
    start, end = week_bounds(day)
    return db.query(
        "SELECT sh.id, sh.staff_id, sh.starts_at, sh.ends_at, sh.kind, "
        "s.first_name, s.last_name, s.role FROM shifts sh JOIN staff s ON s.id = sh.staff_id "
        "WHERE sh.clinic_id = %s AND sh.starts_at >= %s AND sh.starts_at < %s "
        "ORDER BY sh.starts_at",
        (clinic_id, start, end),
    )


def add_shift(staff_id, clinic_id, starts_at, ends_at, kind, created_by):
    if ends_at <= starts_at:
        raise ValueError("shift ends before it starts")
    if on_leave(staff_id, starts_at.date()):
        raise ValueError("staff member is on leave that day")
    return db.execute(
        "INSERT INTO shifts (staff_id, clinic_id, starts_at, ends_at, kind, created_by) "
        "VALUES (%s, %s, %s, %s, %s, %s)",
        (staff_id, clinic_id, starts_at, ends_at, kind, created_by),
    )


def delete_shift(shift_id):
    db.execute("DELETE FROM shifts WHERE id = %s", (shift_id,))


def vets_on_duty(clinic_id, at):
    return db.query(
        "SELECT s.id, s.first_name, s.last_name FROM shifts sh JOIN staff s ON s.id = sh.staff_id "
        "WHERE sh.clinic_id = %s AND s.role = 'vet' AND %s >= sh.starts_at AND %s < sh.ends_at",
        (clinic_id, at, at),
    )


def on_leave(staff_id, day):
    return bool(db.scalar(
        "SELECT count(*) FROM leave_requests WHERE staff_id = %s AND status = 'approved' "
        "AND %s BETWEEN starts_on AND ends_on",
        (staff_id, day),
    ))


def request_leave(staff_id, starts_on, ends_on, reason):
    return db.execute(
        "INSERT INTO leave_requests (staff_id, starts_on, ends_on, reason) VALUES (%s, %s, %s, %s)",
        (staff_id, starts_on, ends_on, reason),
    )


def decide_leave(request_id, approve, manager_id):
    status = "approved" if approve else "rejected"
    db.execute(
        "UPDATE leave_requests SET status = %s, decided_by = %s, decided_at = now() "
        "WHERE id = %s",
        (status, manager_id, request_id),
    )


def pending_leave(clinic_id):
    return db.query(
        "SELECT l.*, s.first_name, s.last_name FROM leave_requests l "
        "JOIN staff s ON s.id = l.staff_id WHERE l.status = 'pending' AND s.clinic_id = %s "
        "ORDER BY l.starts_on",
        (clinic_id,),
    )
