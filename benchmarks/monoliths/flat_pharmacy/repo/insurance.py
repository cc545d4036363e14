"""
insurance.py - third party billing: plans, patient coverage, NCPDP claims,
reversals, 835 remittance.

Also the loyalty points on copays (2014) because the copay is only known
here, and whether a patient may earn points at all depends on their plan
(no points on federal program copays - anti-kickback, legal made us add it).
"""
import datetime
import os
import re

import requests

import common
import config
import dt_helpers
import loyalty_calc
import money
import ncpdp
import validators
from common import AppError, NotFound, ValidationError, audit
from constants import ClaimStatus
from dbconn import query, query_one, query_scalar, execute, insert_and_get_id, transaction
from decorators import retry
from sql_queries import SQL_ACTIVE_COVERAGE, SQL_OPEN_CLAIMS, SQL_MEMBER_BY_PATIENT, SQL_INSERT_POINTS

log = common.get_logger('rxbo.insurance')

REJECT_CODES = {
    '07': 'M/I Cardholder ID',
    '15': 'M/I Date of Service',
    '19': 'M/I Days Supply',
    '25': 'M/I Prescriber ID',
    '41': 'Submit Bill to Other Processor / Primary Payer',
    '65': 'Patient Is Not Covered',
    '70': 'Product/Service Not Covered',
    '75': 'Prior Authorization Required',
    '76': 'Plan Limitations Exceeded',
    '79': 'Refill Too Soon',
    '88': 'DUR Reject Error',
    'MR': 'Product Not On Formulary',
}

FEDERAL_PLAN_PREFIXES = ('MCARE', 'MCAID', 'TRICARE', 'PDP')


class ClaimRejected(AppError):
    http_status = 402


def explain_reject_code(code):
    return REJECT_CODES.get(code, 'Unknown reject %s' % code)


# ===========================================================================
# PLANS & COVERAGE
# ===========================================================================

def create_insurer(name, bin_, pcn=None, payer_id=None, phone=None):
    if not validators.validate_bin(bin_):
        raise ValidationError('BIN must be 6 digits')
    return insert_and_get_id("INSERT INTO insurers (name, bin, pcn, payer_id, phone, active) "
                             "VALUES (%s, %s, %s, %s, %s, 1)", (name, bin_, pcn, payer_id, phone))


def create_plan(insurer_id, plan_code, plan_name, group_number=None, copay_generic=None, copay_brand=None,
                requires_pa=False):
    return insert_and_get_id("INSERT INTO insurance_plans (insurer_id, plan_code, plan_name, group_number, "
                             "copay_generic, copay_brand, requires_pa) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                             (insurer_id, plan_code, plan_name, group_number, copay_generic, copay_brand,
                              1 if requires_pa else 0))


def get_plan(plan_id):
    p = query_one("SELECT ip.*, i.name AS insurer_name, i.bin, i.pcn FROM insurance_plans ip "
                  "JOIN insurers i ON i.id = ip.insurer_id WHERE ip.id = %s", (plan_id,))
    if not p:
        raise NotFound('plan %s' % plan_id)
    return p


def add_coverage(patient_id, plan_id, member_id, person_code='01', relationship='1', priority=1,
                 effective_from=None, effective_to=None):
    member_id = member_id.strip().upper()
    # demote existing coverage at this priority
    execute("UPDATE patient_coverage SET priority = priority + 1 WHERE patient_id = %s AND priority >= %s "
            "AND active = 1", (patient_id, priority), commit=False)
    cid = insert_and_get_id("INSERT INTO patient_coverage (patient_id, plan_id, member_id, person_code, relationship, "
                            "priority, effective_from, effective_to, active) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, 1)",
                            (patient_id, plan_id, member_id, person_code, relationship, priority,
                             dt_helpers.parse_date(effective_from) or dt_helpers.today(),
                             dt_helpers.parse_date(effective_to)))
    audit('coverage.add', 'patient', patient_id, plan=plan_id)
    return cid


def end_coverage(coverage_id, end_date=None):
    execute("UPDATE patient_coverage SET active = 0, effective_to = %s WHERE id = %s",
            (end_date or dt_helpers.today(), coverage_id))


def get_active_coverage(patient_id):
    return query(SQL_ACTIVE_COVERAGE, (patient_id,))


def primary_coverage(patient_id):
    cov = get_active_coverage(patient_id)
    return cov[0] if cov else None


def estimate_copay(patient_id, product_id, price):
    """rough copay for the counter before we actually bill.  Uses the plan's flat copays."""
    cov = primary_coverage(patient_id)
    if not cov:
        return money.round_money(price)
    generic = query_scalar("SELECT is_generic FROM products WHERE id = %s", (product_id,))
    copay = cov['copay_generic'] if generic else cov['copay_brand']
    if copay is None:
        return money.round_money(price)
    return min(money.round_money(copay), money.round_money(price))


# ===========================================================================
# CLAIMS
# ===========================================================================

def _next_claim_number():
    return 'C' + datetime.datetime.now().strftime('%y%j') + common.generate_ref('', 6)


def build_claim(dispense_event_id, coverage):
    ev = query_one("SELECT de.*, pi.days_supply, pi.refills_used, pi.daw_code, rx.rx_number, rx.written_date, "
                   "pr.npi AS prescriber_npi, p.ndc, p.unit_cost, b.npi AS pharmacy_npi, b.ncpdp_id, "
                   "pa.first_name, pa.last_name, pa.dob, pa.gender "
                   "FROM dispense_events de "
                   "JOIN prescription_items pi ON pi.id = de.prescription_item_id "
                   "JOIN prescriptions rx ON rx.id = pi.prescription_id "
                   "LEFT JOIN prescribers pr ON pr.id = rx.prescriber_id "
                   "JOIN products p ON p.id = de.product_id "
                   "JOIN branches b ON b.id = de.branch_id "
                   "JOIN patients pa ON pa.id = de.patient_id WHERE de.id = %s", (dispense_event_id,))
    if not ev:
        raise NotFound('dispense event %s' % dispense_event_id)
    claim_no = _next_claim_number()
    claim_id = insert_and_get_id("INSERT INTO claims (claim_number, dispense_event_id, coverage_id, status, attempts, "
                                 "amount_billed) VALUES (%s, %s, %s, 'NEW', 0, %s)",
                                 (claim_no, dispense_event_id, coverage['id'], ev['price']))
    ev['claim_number'] = claim_no
    ev['claim_id'] = claim_id
    return ev


@retry(times=2, delay=3, exceptions=(requests.ConnectionError, requests.Timeout))
def _post_to_switch(payload):
    r = requests.post(config.NCPDP_SWITCH_URL, data=payload.encode('latin-1'),
                      headers={'Content-Type': 'application/x-ncpdp'}, timeout=20)
    r.raise_for_status()
    return r.text


def submit_claim(claim_id):
    claim = query_one("SELECT * FROM claims WHERE id = %s", (claim_id,))
    cov = query_one("SELECT pc.*, i.bin, i.pcn, ip.group_number FROM patient_coverage pc "
                    "JOIN insurance_plans ip ON ip.id = pc.plan_id JOIN insurers i ON i.id = ip.insurer_id "
                    "WHERE pc.id = %s", (claim['coverage_id'],))
    ev = query_one("SELECT de.*, pi.days_supply, pi.refills_used, pi.daw_code, rx.rx_number, rx.written_date, "
                   "pr.npi AS prescriber_npi, p.ndc, b.npi AS pharmacy_npi, b.ncpdp_id, "
                   "pa.first_name, pa.last_name, pa.dob, pa.gender FROM dispense_events de "
                   "JOIN prescription_items pi ON pi.id = de.prescription_item_id "
                   "JOIN prescriptions rx ON rx.id = pi.prescription_id "
                   "LEFT JOIN prescribers pr ON pr.id = rx.prescriber_id "
                   "JOIN products p ON p.id = de.product_id JOIN branches b ON b.id = de.branch_id "
                   "JOIN patients pa ON pa.id = de.patient_id WHERE de.id = %s", (claim['dispense_event_id'],))
    payload = ncpdp.build_b1_request(claim, cov, ev)
    execute("UPDATE claims SET attempts = attempts + 1, submitted_at = NOW(), status = 'SUBMITTED' WHERE id = %s",
            (claim_id,))
    try:
        raw = _post_to_switch(payload)
    except Exception:
        log.exception('switch down for claim %s', claim_id)
        execute("UPDATE claims SET status = 'NEW' WHERE id = %s", (claim_id,))
        return None
    return handle_claim_response(claim_id, raw)


def handle_claim_response(claim_id, raw):
    resp = ncpdp.parse_response(raw)
    execute("INSERT INTO claim_responses (claim_id, transaction_code, response_code, raw_response, received_at) "
            "VALUES (%s, %s, %s, %s, NOW())", (claim_id, resp.get('transaction_code'), resp.get('status'), raw))
    if resp.get('status') in ('P', 'D'):  # paid / duplicate of paid
        execute("UPDATE claims SET status = 'PAID', response_code = %s, amount_paid = %s, copay = %s, "
                "reject_codes = NULL WHERE id = %s",
                (resp['status'], resp.get('amount_paid'), resp.get('patient_pay'), claim_id))
        return resp
    codes = ','.join(resp.get('reject_codes') or [])
    execute("UPDATE claims SET status = 'REJECTED', response_code = %s, reject_codes = %s WHERE id = %s",
            (resp.get('status'), codes, claim_id))
    return resp


def bill_dispense_event(event_id):
    """Called from pharmacist_verify.  Returns the patient's copay."""
    ev = query_one("SELECT patient_id, price FROM dispense_events WHERE id = %s", (event_id,))
    cov = primary_coverage(ev['patient_id'])
    if not cov:
        insert_and_get_id("INSERT INTO claims (claim_number, dispense_event_id, coverage_id, status, amount_billed, "
                          "copay) VALUES (%s, %s, 0, 'CASH', %s, %s)",
                          (_next_claim_number(), event_id, ev['price'], ev['price']))
        return money.round_money(ev['price'])
    claim = build_claim(event_id, cov)
    resp = submit_claim(claim['claim_id'])
    if resp and resp.get('status') in ('P', 'D'):
        copay = money.round_money(resp.get('patient_pay') or 0)
        return apply_loyalty_discount(ev['patient_id'], copay, cov)
    # rejected / switch down: charge the estimate, billing team sorts it out
    return estimate_copay(ev['patient_id'], query_scalar("SELECT product_id FROM dispense_events WHERE id = %s",
                                                         (event_id,)), ev['price'])


def reverse_claim(claim_id):
    claim = query_one("SELECT * FROM claims WHERE id = %s", (claim_id,))
    if not claim or claim['status'] != ClaimStatus.PAID:
        return False
    cov = query_one("SELECT pc.*, i.bin, i.pcn, ip.group_number FROM patient_coverage pc "
                    "JOIN insurance_plans ip ON ip.id = pc.plan_id JOIN insurers i ON i.id = ip.insurer_id "
                    "WHERE pc.id = %s", (claim['coverage_id'],))
    raw = _post_to_switch(ncpdp.build_b2_reversal(claim, cov))
    resp = ncpdp.parse_response(raw)
    execute("INSERT INTO claim_responses (claim_id, transaction_code, response_code, raw_response, received_at) "
            "VALUES (%s, 'B2', %s, %s, NOW())", (claim_id, resp.get('status'), raw))
    if resp.get('status') in ('A', 'P'):
        execute("UPDATE claims SET status = 'REVERSED', reversed_at = NOW() WHERE id = %s", (claim_id,))
        audit('claim.reverse', 'claim', claim_id)
        return True
    return False


def reverse_claim_for_event(event_id):
    for c in query("SELECT id FROM claims WHERE dispense_event_id = %s AND status = 'PAID'", (event_id,)):
        reverse_claim(c['id'])


def resubmit_rejected(max_attempts=None):
    """cron.  Re-sends NEW (switch was down) and rejected-with-retryable-code claims."""
    max_attempts = max_attempts or config.CLAIM_MAX_ATTEMPTS
    retryable = ('15', '19', '79')
    n = 0
    for c in query(SQL_OPEN_CLAIMS, (max_attempts,)):
        codes = [x for x in (c['reject_codes'] or '').split(',') if x]
        if c['status'] == 'REJECTED' and not any(x in retryable for x in codes):
            continue
        submit_claim(c['id'])
        n += 1
    return n


def claims_for_patient(patient_id, limit=100):
    return query("SELECT c.*, de.filled_at, p.name AS product_name, ip.plan_name FROM claims c "
                 "JOIN dispense_events de ON de.id = c.dispense_event_id "
                 "JOIN products p ON p.id = de.product_id "
                 "LEFT JOIN patient_coverage pc ON pc.id = c.coverage_id "
                 "LEFT JOIN insurance_plans ip ON ip.id = pc.plan_id "
                 "WHERE de.patient_id = %s ORDER BY c.id DESC LIMIT %s", (patient_id, limit))


def claim_detail(claim_id):
    c = query_one("SELECT * FROM claims WHERE id = %s", (claim_id,))
    if not c:
        raise NotFound('claim %s' % claim_id)
    c['responses'] = query("SELECT * FROM claim_responses WHERE claim_id = %s ORDER BY id", (claim_id,))
    c['reject_text'] = [explain_reject_code(x) for x in (c['reject_codes'] or '').split(',') if x]
    return c


def bill_secondary(claim_id):
    """coordination of benefits: primary paid, bill the remainder to the
    secondary coverage (priority 2).  Only used by ~3% of patients."""
    primary = query_one("SELECT c.*, de.patient_id FROM claims c JOIN dispense_events de "
                        "ON de.id = c.dispense_event_id WHERE c.id = %s", (claim_id,))
    if not primary or primary['status'] != ClaimStatus.PAID or not primary['copay']:
        return None
    cov = get_active_coverage(primary['patient_id'])
    if len(cov) < 2:
        return None
    secondary = cov[1]
    sec_id = insert_and_get_id("INSERT INTO claims (claim_number, dispense_event_id, coverage_id, status, attempts, "
                               "amount_billed) VALUES (%s, %s, %s, 'NEW', 0, %s)",
                               (_next_claim_number(), primary['dispense_event_id'], secondary['id'],
                                primary['copay']))
    return submit_claim(sec_id)


def eligibility_check(patient_id):
    """E1 eligibility transaction.  Returns list of (coverage_id, eligible)."""
    out = []
    for cov in get_active_coverage(patient_id):
        try:
            raw = _post_to_switch(ncpdp.build_e1_request(cov))
            resp = ncpdp.parse_response(raw)
            out.append((cov['id'], resp.get('status') == 'A'))
        except Exception:
            log.exception('E1 failed for coverage %s', cov['id'])
            out.append((cov['id'], None))
    return out


# ===========================================================================
# REMITTANCE (835)
# ===========================================================================

def import_remittance(path):
    text = open(path).read()
    segs = [s.split('*') for s in text.split('~') if s.strip()]
    header = {}
    lines = []
    for s in segs:
        if s[0] == 'BPR':
            header['total'] = s[2]
            header['date'] = s[-1]
        elif s[0] == 'TRN':
            header['check'] = s[2]
        elif s[0] == 'N1' and s[1] == 'PR':
            header['payer'] = s[2]
        elif s[0] == 'CLP':
            lines.append({'claim_number': s[1], 'paid': s[4], 'adj': s[2]})
    insurer_id = query_scalar("SELECT id FROM insurers WHERE name = %s OR payer_id = %s",
                              (header.get('payer'), header.get('payer')))
    if not insurer_id:
        raise ValidationError('unknown payer %s' % header.get('payer'))
    with transaction() as cur:
        cur.execute("INSERT INTO remittances (insurer_id, check_number, check_date, total_amount, file_name, "
                    "imported_at) VALUES (%s, %s, %s, %s, %s, NOW())",
                    (insurer_id, header.get('check'), dt_helpers.parse_date(header.get('date')),
                     money.to_decimal(header.get('total')), os.path.basename(path)))
        rid = cur.lastrowid
        for l in lines:
            cur.execute("INSERT INTO remittance_lines (remittance_id, claim_number, amount_paid, adjustment_code) "
                        "VALUES (%s, %s, %s, %s)", (rid, l['claim_number'], money.to_decimal(l['paid']), l['adj']))
    return rid


def reconcile_remittance(remittance_id):
    matched = 0
    for l in query("SELECT * FROM remittance_lines WHERE remittance_id = %s AND matched_claim_id IS NULL",
                   (remittance_id,)):
        c = query_one("SELECT id, amount_paid FROM claims WHERE claim_number = %s", (l['claim_number'],))
        if not c:
            continue
        with transaction() as cur:
            cur.execute("UPDATE remittance_lines SET matched_claim_id = %s WHERE id = %s", (c['id'], l['id']))
            cur.execute("UPDATE claims SET status = 'RECONCILED', remittance_id = %s WHERE id = %s",
                        (remittance_id, c['id']))
        if money.to_decimal(c['amount_paid']) != money.to_decimal(l['amount_paid']):
            log.warning('remit mismatch claim %s: expected %s got %s', l['claim_number'], c['amount_paid'],
                        l['amount_paid'])
        matched += 1
    return matched


# ===========================================================================
# LOYALTY ON COPAYS
# ===========================================================================

def _member_for_patient(patient_id):
    return query_one(SQL_MEMBER_BY_PATIENT, (patient_id,))


def _active_promotion_multiplier(on_date=None):
    on_date = on_date or dt_helpers.today()
    m = query_scalar("SELECT MAX(multiplier) FROM promotions WHERE active = 1 AND code IS NULL "
                     "AND start_date <= %s AND (end_date IS NULL OR end_date >= %s)", (on_date, on_date))
    return float(m or 1)


def _is_federal_plan(coverage):
    code = (coverage or {}).get('plan_code') or ''
    return code.upper().startswith(FEDERAL_PLAN_PREFIXES)


def apply_loyalty_discount(patient_id, copay, coverage=None):
    """GOLD/PLAT members get 5% off copays (commercial plans only)."""
    if coverage is not None and _is_federal_plan(get_plan(coverage['plan_id'])):
        return copay
    member = _member_for_patient(patient_id)
    if not member or member['tier'] not in ('GOLD', 'PLAT'):
        return copay
    return money.round_money(copay - money.pct_of(copay, 5))


def award_points_for_copay(patient_id, copay, event_id):
    member = _member_for_patient(patient_id)
    if not member or not copay:
        return 0
    cov = primary_coverage(patient_id)
    if cov and _is_federal_plan(get_plan(cov['plan_id'])):
        return 0
    points = loyalty_calc.points_for_purchase(copay, member['tier'], _active_promotion_multiplier())
    if points <= 0:
        return 0
    expires = dt_helpers.add_months(dt_helpers.today(), config.POINTS_EXPIRY_MONTHS)
    with transaction() as cur:
        cur.execute(SQL_INSERT_POINTS, (member['id'], points, 'RX_COPAY', 'DISP', event_id, expires))
        cur.execute("UPDATE loyalty_members SET points_balance = points_balance + %s WHERE id = %s",
                    (points, member['id']))
    new_tier = loyalty_calc.tier_for_points(member['points_balance'] + points)
    if new_tier != member['tier'] and loyalty_calc.tier_rank(new_tier) > loyalty_calc.tier_rank(member['tier']):
        execute("UPDATE loyalty_members SET tier = %s WHERE id = %s", (new_tier, member['id']))
    return points
