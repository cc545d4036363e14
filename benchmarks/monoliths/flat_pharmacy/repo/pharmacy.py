"""
pharmacy.py - patients and prescriptions.

This is the original core of RxBO (Dave K, 2011).  Patient profile stuff is
at the top, prescription intake/refills below.  Loyalty enrolment got
stuck in here in 2014 because it has to happen when a patient is created.

TODO: split patients out into its own module (ticket RXBO-212, open since 2013)
"""
import datetime
import os
import shutil

import config
import constants
import common
import dt_helpers
import utils
import validators
import interactions
from common import ValidationError, NotFound, audit
from dbconn import query, query_one, query_scalar, execute, insert_and_get_id, transaction
from sql_queries import SQL_GET_PATIENT, SQL_PATIENT_ALLERGIES, SQL_RX_WITH_ITEMS

log = common.get_logger('rxbo.pharmacy')

PATIENT_FIELDS = ('first_name', 'last_name', 'dob', 'gender', 'phone', 'mobile', 'email',
                  'preferred_branch_id')

RX_NUMBER_START = 6000000


# ===========================================================================
# PATIENTS
# ===========================================================================

class PatientSearchForm(object):
    """parsed search box input.  Accepts 'smith', 'smith, john', 'smith 01/02/1950',
    or a phone number."""

    def __init__(self, raw):
        self.raw = (raw or '').strip()
        self.last = None
        self.first = None
        self.dob = None
        self.phone = None
        self._parse()

    def _parse(self):
        s = self.raw
        digits = ''.join(c for c in s if c.isdigit())
        if len(digits) >= 10 and not any(c.isalpha() for c in s):
            self.phone = utils.normalise_phone(s)
            return
        parts = s.replace(',', ' ').split()
        for p in parts:
            if '/' in p or '-' in p:
                try:
                    self.dob = dt_helpers.parse_date(p)
                    continue
                except ValueError:
                    pass
            if self.last is None:
                self.last = p
            elif self.first is None:
                self.first = p

    def is_empty(self):
        return not (self.last or self.phone or self.dob)


def create_patient(data, branch_id=None, enroll_loyalty=True):
    common.require_fields(data, 'first_name', 'last_name', 'dob')
    if data.get('email') and not validators.validate_email(data['email']):
        raise ValidationError('invalid email')
    dob = dt_helpers.parse_date(data['dob'])
    dupes = _dedupe_candidates(data['first_name'], data['last_name'], dob)
    if dupes and not data.get('force'):
        raise ValidationError('possible duplicate patient', candidates=[d['id'] for d in dupes])
    pid = insert_and_get_id(
        "INSERT INTO patients (first_name, last_name, dob, gender, phone, mobile, email, "
        "preferred_branch_id, active, created_at, updated_at) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, 1, NOW(), NOW())",
        (data['first_name'].strip(), data['last_name'].strip(), dob, data.get('gender'),
         utils.normalise_phone(data.get('phone')), utils.normalise_phone(data.get('mobile')),
         data.get('email'), data.get('preferred_branch_id') or branch_id))
    if data.get('line1'):
        add_address(pid, data, primary=True)
    if data.get('sms_ok'):
        record_consent(pid, 'sms', True, source='intake')
    audit('patient.create', 'patient', pid)
    if enroll_loyalty and common.str2bool(data.get('loyalty', '1')):
        try:
            enroll_patient_in_loyalty(pid, branch_id)
        except Exception:
            # don't block patient creation on loyalty
            log.exception('loyalty enrol failed for %s', pid)
    return pid


def _dedupe_candidates(first, last, dob):
    return query("SELECT id, first_name, last_name FROM patients "
                 "WHERE last_name = %s AND dob = %s AND LEFT(first_name, 1) = %s AND active = 1",
                 (last.strip(), dob, first.strip()[:1]))


def update_patient(patient_id, data):
    old = get_patient(patient_id)
    sets = []
    args = []
    for f in PATIENT_FIELDS:
        if f in data:
            v = data[f]
            if f in ('phone', 'mobile'):
                v = utils.normalise_phone(v)
            if f == 'dob':
                v = dt_helpers.parse_date(v)
            sets.append('%s = %%s' % f)
            args.append(v)
    if not sets:
        return 0
    args.append(patient_id)
    n = execute("UPDATE patients SET " + ', '.join(sets) + ", updated_at = NOW() WHERE id = %s", args)
    audit('patient.update', 'patient', patient_id, changes=utils.dict_diff(old, data))
    return n


def get_patient(patient_id):
    row = query_one(SQL_GET_PATIENT, (patient_id,))
    if row is None:
        raise NotFound('patient %s not found' % patient_id)
    if row.get('merged_into_id'):
        log.info('patient %s was merged into %s', patient_id, row['merged_into_id'])
        return get_patient(row['merged_into_id'])
    return row


def find_patients(term, branch_id=None, limit=50):
    form = PatientSearchForm(term)
    if form.is_empty():
        return []
    sql = "SELECT id, first_name, last_name, dob, phone, mobile FROM patients WHERE active = 1"
    if form.phone:
        sql += " AND (phone = '" + form.phone + "' OR mobile = '" + form.phone + "')"
    if form.last:
        sql += " AND last_name LIKE '" + form.last.replace("'", "''") + "%'"
    if form.first:
        sql += " AND first_name LIKE '" + form.first.replace("'", "''") + "%'"
    if form.dob:
        sql += " AND dob = '%s'" % form.dob.isoformat()
    if branch_id:
        sql += " ORDER BY (preferred_branch_id = %d) DESC, last_name, first_name" % int(branch_id)
    else:
        sql += " ORDER BY last_name, first_name"
    sql += " LIMIT %d" % limit
    return query(sql)


def old_find_patient_by_phone(phone):
    # replaced by find_patients() in 2013.  kept for the IVR integration
    # which I'm fairly sure is dead -- JT
    return query("SELECT * FROM patients WHERE phone = '%s'" % phone)


def merge_patients(keep_id, dup_id, staff_id):
    """Merge a duplicate patient profile into another.  Moves everything over.
    This touches half the database - be careful."""
    if keep_id == dup_id:
        raise ValidationError('cannot merge patient into itself')
    with transaction() as cur:
        cur.execute("UPDATE prescriptions SET patient_id = %s WHERE patient_id = %s", (keep_id, dup_id))
        cur.execute("UPDATE refill_requests SET patient_id = %s WHERE patient_id = %s", (keep_id, dup_id))
        cur.execute("UPDATE dispense_events SET patient_id = %s WHERE patient_id = %s", (keep_id, dup_id))
        cur.execute("UPDATE patient_allergies SET patient_id = %s WHERE patient_id = %s", (keep_id, dup_id))
        cur.execute("UPDATE patient_addresses SET patient_id = %s, is_primary = 0 WHERE patient_id = %s",
                    (keep_id, dup_id))
        cur.execute("UPDATE patient_notes SET patient_id = %s WHERE patient_id = %s", (keep_id, dup_id))
        cur.execute("UPDATE patient_coverage SET patient_id = %s WHERE patient_id = %s", (keep_id, dup_id))
        # loyalty: keep the kept patient's card, move points over
        cur.execute("SELECT id, points_balance FROM loyalty_members WHERE patient_id = %s", (dup_id,))
        dup_member = cur.fetchone()
        if dup_member:
            cur.execute("SELECT id FROM loyalty_members WHERE patient_id = %s", (keep_id,))
            keep_member = cur.fetchone()
            if keep_member:
                cur.execute("UPDATE points_ledger SET member_id = %s WHERE member_id = %s",
                            (keep_member['id'], dup_member['id']))
                cur.execute("UPDATE loyalty_members SET points_balance = points_balance + %s WHERE id = %s",
                            (dup_member['points_balance'], keep_member['id']))
                cur.execute("UPDATE loyalty_members SET status = 'MERGED', points_balance = 0 WHERE id = %s",
                            (dup_member['id'],))
            else:
                cur.execute("UPDATE loyalty_members SET patient_id = %s WHERE id = %s",
                            (keep_id, dup_member['id']))
        cur.execute("UPDATE patients SET merged_into_id = %s, active = 0, updated_at = NOW() WHERE id = %s",
                    (keep_id, dup_id))
        cur.execute("INSERT INTO patient_notes (patient_id, staff_id, note_type, note, created_at) "
                    "VALUES (%s, %s, 'MERGE', %s, NOW())",
                    (keep_id, staff_id, 'Merged duplicate profile #%s' % dup_id))
    audit('patient.merge', 'patient', keep_id, dup=dup_id)


def deactivate_patient(patient_id, reason=''):
    execute("UPDATE patients SET active = 0, updated_at = NOW() WHERE id = %s", (patient_id,))
    add_patient_note(patient_id, None, 'Deactivated: %s' % reason, note_type='ADMIN')


def add_allergy(patient_id, allergen, reaction=None, severity='MOD', allergen_class=None, staff_id=None):
    existing = query_one("SELECT id FROM patient_allergies WHERE patient_id = %s AND allergen = %s",
                         (patient_id, allergen.strip().upper()))
    if existing:
        return existing['id']
    aid = insert_and_get_id(
        "INSERT INTO patient_allergies (patient_id, allergen, allergen_class, reaction, severity, "
        "recorded_by, recorded_at) VALUES (%s, %s, %s, %s, %s, %s, NOW())",
        (patient_id, allergen.strip().upper(), allergen_class, reaction, severity, staff_id))
    audit('patient.allergy_add', 'patient', patient_id, allergen=allergen)
    return aid


def remove_allergy(patient_id, allergy_id):
    execute("DELETE FROM patient_allergies WHERE id = %s AND patient_id = %s", (allergy_id, patient_id))
    audit('patient.allergy_remove', 'patient', patient_id, allergy_id=allergy_id)


def get_allergies(patient_id):
    return query(SQL_PATIENT_ALLERGIES, (patient_id,))


def add_address(patient_id, data, primary=False, address_type='HOME'):
    if data.get('zip') and not validators.validate_zip(data['zip']):
        raise ValidationError('invalid zip')
    if primary:
        execute("UPDATE patient_addresses SET is_primary = 0 WHERE patient_id = %s", (patient_id,), commit=False)
    return insert_and_get_id(
        "INSERT INTO patient_addresses (patient_id, address_type, line1, line2, city, state, zip, is_primary) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
        (patient_id, address_type, data.get('line1'), data.get('line2'), data.get('city'),
         data.get('state'), data.get('zip'), 1 if primary else 0))


def get_primary_address(patient_id):
    return query_one("SELECT * FROM patient_addresses WHERE patient_id = %s "
                     "ORDER BY is_primary DESC, id DESC LIMIT 1", (patient_id,))


def record_consent(patient_id, consent_type, granted, source='counter'):
    insert_and_get_id(
        "INSERT INTO patient_consents (patient_id, consent_type, granted, source, recorded_at) "
        "VALUES (%s, %s, %s, %s, NOW())", (patient_id, consent_type, 1 if granted else 0, source))


def has_consent(patient_id, consent_type):
    """latest consent record wins"""
    val = query_scalar("SELECT granted FROM patient_consents WHERE patient_id = %s AND consent_type = %s "
                       "ORDER BY recorded_at DESC, id DESC LIMIT 1", (patient_id, consent_type))
    return bool(val)


def add_patient_note(patient_id, staff_id, note, note_type='GENERAL'):
    return insert_and_get_id(
        "INSERT INTO patient_notes (patient_id, staff_id, note_type, note, created_at) "
        "VALUES (%s, %s, %s, %s, NOW())", (patient_id, staff_id, note_type, note))


def get_patient_notes(patient_id, limit=20):
    return query("SELECT n.*, s.first_name AS staff_first, s.last_name AS staff_last "
                  "FROM patient_notes n LEFT JOIN staff s ON s.id = n.staff_id "
                  "WHERE n.patient_id = %s ORDER BY n.created_at DESC LIMIT " + str(int(limit)),
                  (patient_id,))


def patient_summary(patient_id):
    """everything for the patient profile screen"""
    p = get_patient(patient_id)
    p['allergies'] = get_allergies(patient_id)
    p['notes'] = get_patient_notes(patient_id, 5)
    p['active_rx'] = prescriptions_for_patient(patient_id, active_only=True)
    p['coverage'] = query("SELECT pc.member_id, ip.plan_name FROM patient_coverage pc "
                          "JOIN insurance_plans ip ON ip.id = pc.plan_id "
                          "WHERE pc.patient_id = %s AND pc.active = 1", (patient_id,))
    member = query_one("SELECT card_number, tier, points_balance FROM loyalty_members "
                       "WHERE patient_id = %s", (patient_id,))
    p['loyalty'] = member
    p['age'] = dt_helpers.age_in_years(p['dob'])
    return p


# ===========================================================================
# LOYALTY ENROLMENT (2014) - here because create_patient calls it
# ===========================================================================

def _new_card_number():
    # 16 digit, starts with 7781 (our BIN from the card printer)
    while True:
        num = '7781' + common.generate_ref('', 12)
        num = ''.join(c if c.isdigit() else str(ord(c) % 10) for c in num)
        if not query_scalar("SELECT id FROM loyalty_members WHERE card_number = %s", (num,)):
            return num


def enroll_patient_in_loyalty(patient_id, branch_id=None):
    existing = query_one("SELECT id FROM loyalty_members WHERE patient_id = %s", (patient_id,))
    if existing:
        return existing['id']
    mid = insert_and_get_id(
        "INSERT INTO loyalty_members (patient_id, card_number, tier, points_balance, status, "
        "enrolled_at, enrolled_branch_id) VALUES (%s, %s, 'BASIC', 0, 'ACTIVE', NOW(), %s)",
        (patient_id, _new_card_number(), branch_id))
    # welcome bonus
    execute("INSERT INTO points_ledger (member_id, points, reason, created_at, expires_at) "
            "VALUES (%s, 100, 'WELCOME', NOW(), DATE_ADD(CURDATE(), INTERVAL 12 MONTH))", (mid,))
    execute("UPDATE loyalty_members SET points_balance = points_balance + 100 WHERE id = %s", (mid,))
    return mid


# ===========================================================================
# PRESCRIBERS
# ===========================================================================

class RxValidationError(ValidationError):
    pass


def find_prescriber_by_npi(npi):
    return query_one("SELECT * FROM prescribers WHERE npi = %s", (npi,))


def search_prescribers(term):
    like = '%' + term.replace('%', '') + '%'
    return query("SELECT * FROM prescribers WHERE last_name LIKE %s OR practice_name LIKE %s "
                 "ORDER BY last_name LIMIT 30", (like, like))


def get_or_create_prescriber(data):
    npi = (data.get('npi') or '').strip()
    if npi:
        if not validators.validate_npi(npi):
            raise RxValidationError('invalid NPI %s' % npi)
        existing = find_prescriber_by_npi(npi)
        if existing:
            return existing['id']
    if data.get('dea_number') and not validators.validate_dea_number(data['dea_number'], data.get('last_name')):
        raise RxValidationError('DEA number fails checksum')
    return insert_and_get_id(
        "INSERT INTO prescribers (npi, dea_number, first_name, last_name, practice_name, phone, fax, "
        "state_licence, created_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, NOW())",
        (npi or None, data.get('dea_number'), data.get('first_name'), data.get('last_name'),
         data.get('practice_name'), data.get('phone'), data.get('fax'), data.get('state_licence')))


# ===========================================================================
# PRESCRIPTIONS
# ===========================================================================

def _next_rx_number(branch_id):
    # rx numbers are global, not per branch, despite the argument
    last = query_scalar("SELECT MAX(CAST(rx_number AS UNSIGNED)) FROM prescriptions", default=RX_NUMBER_START)
    return str(int(last) + 1)


def create_prescription(patient_id, prescriber_id, branch_id, written_date, source='paper',
                        items=None, staff_id=None):
    """items: list of dicts {product_id, sig, quantity, days_supply, refills, daw}"""
    if source not in ('paper', 'erx', 'phone', 'fax', 'transfer'):
        raise RxValidationError('bad source %s' % source)
    written = dt_helpers.parse_date(written_date)
    if written and written > dt_helpers.today():
        raise RxValidationError('written date in the future')
    with transaction() as cur:
        rx_number = _next_rx_number(branch_id)
        cur.execute("INSERT INTO prescriptions (rx_number, patient_id, prescriber_id, branch_id, "
                    "written_date, received_at, source, status, created_by) "
                    "VALUES (%s, %s, %s, %s, %s, NOW(), %s, 'ACTIVE', %s)",
                    (rx_number, patient_id, prescriber_id, branch_id, written, source, staff_id))
        rx_id = cur.lastrowid
        for it in items or []:
            _insert_item(cur, rx_id, it)
    audit('rx.create', 'prescription', rx_id, rx_number=rx_number)
    return rx_id


def _insert_item(cur, rx_id, it):
    qty = it.get('quantity')
    days = it.get('days_supply') or common.calc_days_supply(qty, it.get('sig'))
    cur.execute("INSERT INTO prescription_items (prescription_id, product_id, sig, quantity, days_supply, "
                "refills_authorized, refills_used, daw_code, status, next_due_date) "
                "VALUES (%s, %s, %s, %s, %s, %s, 0, %s, 'ACTIVE', CURDATE())",
                (rx_id, it['product_id'], it.get('sig'), qty, days, int(it.get('refills') or 0),
                 it.get('daw') or '0'))
    return cur.lastrowid


def add_rx_item(rx_id, item):
    with transaction() as cur:
        return _insert_item(cur, rx_id, item)


def get_prescription(rx_id):
    rows = query(SQL_RX_WITH_ITEMS, (rx_id,))
    if not rows:
        rx = query_one("SELECT * FROM prescriptions WHERE id = %s", (rx_id,))
        if not rx:
            raise NotFound('rx %s' % rx_id)
        rx['items'] = []
        return rx
    head = dict((k, rows[0][k]) for k in ('rx_id', 'rx_number', 'rx_status', 'patient_id',
                                          'prescriber_id', 'written_date'))
    head['items'] = rows
    for r in rows:
        r['directions'] = utils.expand_sig(r['sig'])
    return head


def get_rx_item(item_id):
    return query_one("SELECT pi.*, rx.patient_id, rx.branch_id, rx.rx_number, rx.status AS rx_status "
                     "FROM prescription_items pi JOIN prescriptions rx ON rx.id = pi.prescription_id "
                     "WHERE pi.id = %s", (item_id,))


def prescriptions_for_patient(patient_id, active_only=False):
    sql = ("SELECT rx.id, rx.rx_number, rx.status, rx.written_date, pi.id AS item_id, pi.sig, "
           "pi.refills_authorized - pi.refills_used AS refills_left, pi.next_due_date, "
           "p.name AS product_name, p.strength "
           "FROM prescriptions rx JOIN prescription_items pi ON pi.prescription_id = rx.id "
           "JOIN products p ON p.id = pi.product_id WHERE rx.patient_id = %s")
    if active_only:
        sql += " AND rx.status = '" + constants.RxStatus.ACTIVE + "'"
    sql += " ORDER BY rx.written_date DESC"
    return query(sql, (patient_id,))


def cancel_prescription(rx_id, reason, staff_id=None):
    with transaction() as cur:
        cur.execute("UPDATE prescriptions SET status = %s, hold_reason = %s WHERE id = %s",
                    (constants.RxStatus.CANCELLED, reason, rx_id))
        cur.execute("UPDATE prescription_items SET status = 'CANCELLED' WHERE prescription_id = %s", (rx_id,))
        cur.execute("UPDATE refill_requests rr JOIN prescription_items pi ON pi.id = rr.prescription_item_id "
                    "SET rr.status = 'DENIED', rr.deny_reason = 'Rx cancelled' "
                    "WHERE pi.prescription_id = %s AND rr.status = 'NEW'", (rx_id,))
    audit('rx.cancel', 'prescription', rx_id, reason=reason)


def put_on_hold(rx_id, reason):
    execute("UPDATE prescriptions SET status = %s, hold_reason = %s WHERE id = %s",
            (constants.RxStatus.ON_HOLD, reason, rx_id))


def release_hold(rx_id):
    execute("UPDATE prescriptions SET status = 'ACTIVE', hold_reason = NULL WHERE id = %s AND status = %s",
            (rx_id, constants.RxStatus.ON_HOLD))


def remaining_refills(item_id):
    row = query_one("SELECT refills_authorized, refills_used FROM prescription_items WHERE id = %s", (item_id,))
    if not row:
        return 0
    return (row['refills_authorized'] or 0) - (row['refills_used'] or 0)


def can_refill(item_id):
    """returns (ok, reason)"""
    item = get_rx_item(item_id)
    if not item:
        return False, 'no such item'
    if item['rx_status'] != 'ACTIVE':
        return False, 'prescription is %s' % item['rx_status']
    # first fill is "refill 0"
    if item['last_filled_at'] and remaining_refills(item_id) <= 0:
        return False, 'no refills remaining'
    if item['next_due_date'] and item['next_due_date'] > dt_helpers.today() + datetime.timedelta(days=7):
        return False, 'too soon (due %s)' % dt_helpers.fmt_date(item['next_due_date'])
    if common.is_controlled(item['product_id']):
        sched = query_scalar("SELECT dea_schedule FROM products WHERE id = %s", (item['product_id'],))
        if sched == 'CII' and item['last_filled_at']:
            return False, 'CII cannot be refilled'
    return True, None


def request_refill(item_id, patient_id, channel='web'):
    dup = query_one("SELECT id FROM refill_requests WHERE prescription_item_id = %s AND status = 'NEW'",
                    (item_id,))
    if dup:
        return dup['id']
    return insert_and_get_id(
        "INSERT INTO refill_requests (prescription_item_id, patient_id, channel, status, requested_at) "
        "VALUES (%s, %s, %s, 'NEW', NOW())", (item_id, patient_id, channel))


def pending_refill_requests(branch_id):
    return query("SELECT rr.*, rx.rx_number, pa.first_name, pa.last_name, p.name AS product_name "
                 "FROM refill_requests rr "
                 "JOIN prescription_items pi ON pi.id = rr.prescription_item_id "
                 "JOIN prescriptions rx ON rx.id = pi.prescription_id "
                 "JOIN patients pa ON pa.id = rr.patient_id "
                 "JOIN products p ON p.id = pi.product_id "
                 "WHERE rr.status = 'NEW' AND rx.branch_id = %s ORDER BY rr.requested_at", (branch_id,))


def approve_refill_request(request_id, staff_id):
    import dispensing_and_stock  # circular
    rr = query_one("SELECT * FROM refill_requests WHERE id = %s", (request_id,))
    if not rr or rr['status'] != 'NEW':
        raise ValidationError('request not open')
    ok, why = can_refill(rr['prescription_item_id'])
    if not ok:
        deny_refill_request(request_id, staff_id, why)
        return None
    item = get_rx_item(rr['prescription_item_id'])
    execute("UPDATE refill_requests SET status = 'APPROVED', handled_by = %s, handled_at = NOW() "
            "WHERE id = %s", (staff_id, request_id))
    return dispensing_and_stock.queue_for_dispensing(item['id'], item['branch_id'])


def deny_refill_request(request_id, staff_id, reason):
    execute("UPDATE refill_requests SET status = 'DENIED', handled_by = %s, handled_at = NOW(), "
            "deny_reason = %s WHERE id = %s", (staff_id, reason, request_id))


def attach_rx_image(rx_id, src_path, staff_id):
    dest_dir = os.path.join(config.RX_IMAGE_DIR, dt_helpers.today().strftime('%Y/%m'))
    if not os.path.isdir(dest_dir):
        os.makedirs(dest_dir)
    dest = os.path.join(dest_dir, '%s_%s' % (rx_id, os.path.basename(src_path)))
    shutil.copy(src_path, dest)
    return insert_and_get_id("INSERT INTO rx_images (prescription_id, file_path, uploaded_at, uploaded_by) "
                             "VALUES (%s, %s, NOW(), %s)", (rx_id, dest, staff_id))


def transfer_prescription_out(rx_id, to_pharmacy, staff_id):
    rx = query_one("SELECT * FROM prescriptions WHERE id = %s", (rx_id,))
    if common.is_controlled(query_scalar("SELECT product_id FROM prescription_items WHERE prescription_id = %s "
                                         "LIMIT 1", (rx_id,))):
        # CIII-V can be transferred once; CII never. TODO enforce "once"
        pass
    execute("UPDATE prescriptions SET status = %s, transferred_to = %s WHERE id = %s",
            (constants.RxStatus.TRANSFERRED, to_pharmacy, rx_id))
    add_patient_note(rx['patient_id'], staff_id, 'Rx %s transferred out to %s' % (rx['rx_number'], to_pharmacy),
                     note_type='RX')


def transfer_prescription_in(patient_id, from_pharmacy, prescriber_id, branch_id, written_date, items, staff_id):
    rx_id = create_prescription(patient_id, prescriber_id, branch_id, written_date, source='transfer',
                                items=items, staff_id=staff_id)
    execute("UPDATE prescriptions SET transferred_from = %s WHERE id = %s", (from_pharmacy, rx_id))
    return rx_id


def screen_prescription(rx_id):
    """DUR screening: interactions with the patient's other active meds + allergies.
    returns list of warnings (dicts)."""
    rx = get_prescription(rx_id)
    patient_id = rx['patient_id']
    new_products = [i['product_id'] for i in rx['items']]
    others = query("SELECT DISTINCT pi.product_id FROM prescription_items pi "
                   "JOIN prescriptions rx ON rx.id = pi.prescription_id "
                   "WHERE rx.patient_id = %s AND rx.status = 'ACTIVE' AND rx.id <> %s",
                   (patient_id, rx_id))
    all_products = new_products + [o['product_id'] for o in others]
    warnings = interactions.check_interactions(all_products)
    warnings += interactions.check_allergy_conflicts(patient_id, new_products)
    if warnings:
        log.info('rx %s screening: %d warnings', rx_id, len(warnings))
    return sorted(warnings, key=lambda w: interactions.severity_rank(w['severity']))


def expire_old_prescriptions():
    """called from misc_jobs nightly"""
    n = execute("UPDATE prescriptions SET status = %s WHERE status = 'ACTIVE' "
                "AND written_date < DATE_SUB(CURDATE(), INTERVAL 1 YEAR)", (constants.RxStatus.EXPIRED,))
    n += execute("UPDATE prescriptions rx JOIN prescription_items pi ON pi.prescription_id = rx.id "
                 "JOIN products p ON p.id = pi.product_id SET rx.status = %s "
                 "WHERE rx.status = 'ACTIVE' AND p.dea_schedule = 'CII' "
                 "AND rx.written_date < DATE_SUB(CURDATE(), INTERVAL 90 DAY)", (constants.RxStatus.EXPIRED,))
    return n
