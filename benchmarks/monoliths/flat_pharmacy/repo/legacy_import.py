"""
One-off import from the old PharmaSys (FoxPro) export, 2011.
Kept "in case we acquire another store" (we did, twice, and used a
different script both times).  DO NOT RUN against prod without a backup.
"""
import common
import dt_helpers
import utils
from dbconn import query_one, insert_and_get_id, execute

log = common.get_logger('rxbo.legacy')

GENDER_MAP = {'1': 'M', '2': 'F', 'M': 'M', 'F': 'F'}


def _map_legacy_row(r):
    return {
        'legacy_id': r.get('pat_no'),
        'first_name': (r.get('fname') or '').title(),
        'last_name': (r.get('lname') or '').title(),
        'dob': dt_helpers.parse_date(r.get('birthdt')),
        'gender': GENDER_MAP.get(r.get('sex'), None),
        'phone': utils.normalise_phone(r.get('phone1')),
        'mobile': utils.normalise_phone(r.get('phone2')),
    }


def import_patients_from_csv(path, branch_id):
    n = 0
    for r in common.read_csv_rows(path):
        p = _map_legacy_row(r)
        if query_one("SELECT id FROM patients WHERE legacy_id = %s", (p['legacy_id'],)):
            continue
        pid = insert_and_get_id("INSERT INTO patients (first_name, last_name, dob, gender, phone, mobile, "
                                "preferred_branch_id, legacy_id, active, created_at, updated_at) "
                                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, 1, NOW(), NOW())",
                                (p['first_name'], p['last_name'], p['dob'], p['gender'], p['phone'],
                                 p['mobile'], branch_id, p['legacy_id']))
        if r.get('addr1'):
            execute("INSERT INTO patient_addresses (patient_id, line1, city, state, zip, is_primary) "
                    "VALUES (%s, %s, %s, %s, %s, 1)", (pid, r['addr1'], r.get('city'), r.get('st'), r.get('zip')))
        n += 1
    log.info('imported %d legacy patients', n)
    return n


def import_allergies(path):
    n = 0
    for r in common.read_csv_rows(path):
        pat = query_one("SELECT id FROM patients WHERE legacy_id = %s", (r.get('pat_no'),))
        if not pat:
            continue
        execute("INSERT INTO patient_allergies (patient_id, allergen, reaction, severity, recorded_at) "
                "VALUES (%s, %s, %s, 'UNK', NOW())", (pat['id'], (r.get('allergy') or '').upper(), r.get('rxn')))
        n += 1
    return n
