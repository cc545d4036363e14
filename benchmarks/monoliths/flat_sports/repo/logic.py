# -*- coding: utf-8 -*-
"""
Business logic.  Views call these; these call queries.py.

This file got big.  There's a plan to split it up (LSBS-150) ...
"""
import datetime
import logging

import queries as q
import dateutils
import pricing
import invoicing
import emails
import membership_rules
import courses as courses_mod
from db import query_one, query_all, execute, transaction
from config import settings
from errors import NotFound, Forbidden, ValidationError, SlotUnavailable
from utils import booking_ref, pass_barcode, customer_display_name, format_money
from auth import hash_password
from audit import audit

log = logging.getLogger('lsbs.logic')


# ===========================================================================
# Customer accounts
# ===========================================================================

def register_customer(data):
    if q.get_customer_by_email(data['email']):
        raise ValidationError('An account with that email already exists', field='email')
    with transaction():
        cid = q.insert_customer(data['email'], data['first_name'], data['last_name'], data.get('dob'),
                                data.get('phone'), hash_password(data['password']))
        if data.get('line1') and data.get('postcode'):
            q.upsert_address(cid, data['line1'], data.get('line2'), data.get('town'), data['postcode'])
        q.set_marketing_prefs(cid, bool(data.get('email_ok')), bool(data.get('sms_ok')))
    audit('customer.register', customer_id=cid)
    return cid


def update_customer_details(customer_id, data):
    q.update_customer(customer_id, data)
    if data.get('line1') and data.get('postcode'):
        current = q.get_primary_address(customer_id)
        if not current or current['postcode'] != data['postcode'] or current['line1'] != data['line1']:
            q.upsert_address(customer_id, data['line1'], data.get('line2'), data.get('town'), data['postcode'])


def customer_overview(customer_id):
    """Everything for the 'My account' page and the reception customer screen."""
    c = q.get_customer(customer_id)
    if not c:
        raise NotFound('Customer not found')
    return {
        'customer': c,
        'name': customer_display_name(c),
        'address': q.get_primary_address(customer_id),
        'membership': q.get_active_membership(customer_id),
        'concession': q.get_valid_concession(customer_id),
        'bookings': q.bookings_for_customer(customer_id, upcoming_only=True),
        'enrolments': q.enrolments_for_customer(customer_id),
        'invoices': q.invoices_for_customer(customer_id)[:10],
        'has_debt': q.customer_has_unpaid_invoices(customer_id),
    }


# ===========================================================================
# Facility bookings
# ===========================================================================

def check_availability(facility_id, starts_at, ends_at, exclude_id=None):
    fac = q.get_facility(facility_id)
    if not fac or not fac['is_bookable']:
        raise NotFound('Facility not available for booking')
    if starts_at.time() < fac['opens_at'] or ends_at.time() > fac['closes_at']:
        raise SlotUnavailable('Outside opening hours (%s - %s)' % (fac['opens_at'].strftime('%H:%M'),
                                                                  fac['closes_at'].strftime('%H:%M')))
    if dateutils.minutes_between(starts_at, ends_at) < fac['min_slot_mins']:
        raise SlotUnavailable('Minimum booking is %d minutes' % fac['min_slot_mins'])
    closures = q.find_closures(facility_id, starts_at, ends_at)
    if closures:
        raise SlotUnavailable('Facility closed: %s' % (closures[0]['reason'] or 'maintenance'))
    clashes = q.find_clashing_bookings(facility_id, starts_at, ends_at, exclude_id=exclude_id)
    if clashes:
        raise SlotUnavailable('That slot is already booked', clashes=clashes)
    return fac


def calculate_booking_price(facility_id, starts_at, ends_at, customer_id):
    gross = pricing.facility_price(facility_id, starts_at, ends_at)
    pct = pricing.best_discount_pct(customer_id, starts_at.date())
    return pricing.apply_discount(gross, pct), gross, pct


def make_booking(customer_id, facility_id, starts_at, ends_at, staff_id=None, invoice=True, confirm=False,
                 block_booking_id=None):
    if not staff_id:
        # customers can only book 4 weeks ahead; staff can book any time
        if starts_at.date() > dateutils.today() + datetime.timedelta(days=settings.MAX_BOOKING_DAYS_AHEAD):
            raise ValidationError('Bookings open %d days in advance' % settings.MAX_BOOKING_DAYS_AHEAD)
        if starts_at < dateutils.now():
            raise ValidationError('That time has passed')
        if q.customer_has_unpaid_invoices(customer_id):
            raise Forbidden('Please settle your overdue invoices before booking')
    fac = check_availability(facility_id, starts_at, ends_at)
    price, gross, pct = calculate_booking_price(facility_id, starts_at, ends_at, customer_id)
    status = 'confirmed' if (confirm or price == 0) else 'provisional'
    with transaction():
        ref = booking_ref()
        bid = q.insert_booking(ref, customer_id, facility_id, starts_at, ends_at, price, status=status,
                               created_by=staff_id, block_booking_id=block_booking_id)
        inv_id = None
        if invoice and price > 0:
            desc = '%s %s %s-%s' % (fac['name'], dateutils.fmt_date(starts_at), starts_at.strftime('%H:%M'),
                                    ends_at.strftime('%H:%M'))
            if pct:
                desc += ' (%d%% discount)' % pct
            inv_id = invoicing.create_invoice(customer_id, due_days=0 if not staff_id else None)
            invoicing.add_line(inv_id, desc, price,
                               vat_code=invoicing.vat_code_for('booking', is_series=bool(block_booking_id)),
                               source_type='booking', source_id=bid, cost_centre=fac['cost_centre'])
            invoicing.finalise_invoice(inv_id)
            q.set_booking_invoice(bid, inv_id)
    audit('booking.create', actor=staff_id, booking_id=bid, customer_id=customer_id, price=price)
    return {'id': bid, 'ref': ref, 'price_pence': price, 'invoice_id': inv_id, 'status': status}


def confirm_booking(booking_id):
    b = q.get_booking(booking_id)
    if b['status'] != 'provisional':
        return False
    q.set_booking_status(booking_id, 'confirmed')
    emails.booking_confirmation_email(booking_id)
    return True


def refund_due_for_cancellation(booking, now=None):
    now = now or dateutils.now()
    hours = (booking['starts_at'] - now).total_seconds() / 3600.0
    if hours >= settings.BOOKING_CANCEL_FREE_HOURS:
        return booking['price_pence']
    if hours >= 24:
        return booking['price_pence'] // 2
    return 0


def cancel_booking(booking_id, reason, customer_id=None, staff_id=None):
    b = q.get_booking(booking_id)
    if not b:
        raise NotFound('No such booking')
    if customer_id and b['customer_id'] != customer_id:
        raise Forbidden('Not your booking')
    if b['status'] == 'cancelled':
        return 0
    refund = b['price_pence'] if staff_id else refund_due_for_cancellation(b)
    with transaction():
        q.set_booking_status(booking_id, 'cancelled')
        q.insert_cancellation(booking_id, reason, refund, staff_id)
        if b['invoice_id']:
            inv = q.get_invoice(b['invoice_id'])
            paid = q.total_paid(b['invoice_id'])
            if not paid:
                invoicing.void_invoice(b['invoice_id'], 'booking %s cancelled' % b['ref'])
            elif refund:
                refund_payments_for_invoice(b['invoice_id'], refund, 'Booking %s cancelled' % b['ref'])
            elif inv['status'] == 'issued':
                q.insert_credit_note(b['invoice_id'], b['price_pence'], 'Booking cancelled (no refund)')
    emails.booking_cancelled_email(booking_id, refund)
    return refund


def free_slots(facility_id, day, slot_minutes=60):
    fac = q.get_facility(facility_id)
    start = datetime.datetime.combine(day, fac['opens_at'])
    end = datetime.datetime.combine(day, fac['closes_at'])
    taken = q.find_clashing_bookings(facility_id, start, end) + q.find_closures(facility_id, start, end)
    slots = []
    t = start
    while t + datetime.timedelta(minutes=slot_minutes) <= end:
        t2 = t + datetime.timedelta(minutes=slot_minutes)
        if not any(dateutils.overlaps(t, t2, x['starts_at'], x['ends_at']) for x in taken):
            slots.append((t, t2, pricing.facility_price(facility_id, t, t2)))
        t = t2
    return slots


def expand_block_booking(block, until):
    """Create the individual bookings for a block (series) booking up to `until`."""
    start_from = block['expanded_to'] + datetime.timedelta(days=1) if block['expanded_to'] else block['from_date']
    until = min(until, block['to_date'])
    made, clashes = 0, []
    for d in dateutils.dates_on_weekday(start_from, until, block['weekday']):
        a = datetime.datetime.combine(d, block['start_time'])
        b = a + datetime.timedelta(minutes=block['duration_mins'])
        try:
            make_booking(block['customer_id'], block['facility_id'], a, b, staff_id=-1, confirm=True,
                         block_booking_id=block['id'])
            made += 1
        except SlotUnavailable as e:
            clashes.append((d, str(e)))
    q.set_block_expanded_to(block['id'], until)
    return made, clashes


def close_facility(facility_id, starts_at, ends_at, reason, staff_id):
    """Close a facility and cancel (with full refund) anything booked in the window."""
    cid = q.insert_closure(facility_id, starts_at, ends_at, reason)
    cancelled = []
    for b in q.find_clashing_bookings(facility_id, starts_at, ends_at):
        cancel_booking(b['id'], 'Facility closure: %s' % reason, staff_id=staff_id)
        cancelled.append(b['ref'])
    return cid, cancelled


# ===========================================================================
# Memberships & passes
# ===========================================================================

PASS_TYPES = {
    'swim10': (10, 365, 4200),
    'gym10': (10, 365, 5500),
    'day': (1, 1, 750),
    'family_day': (1, 1, 1800),
}


def join_membership(customer_id, plan_code, freq='monthly', dd_reference=None, home_site_id=None):
    plan = q.get_plan_by_code(plan_code)
    if not plan or not plan['on_sale']:
        raise ValidationError('Unknown plan')
    cust = q.get_customer(customer_id)
    if plan['id'] not in [p['id'] for p in membership_rules.eligible_plans(cust)]:
        raise ValidationError('You are not eligible for this plan')
    if q.get_active_membership(customer_id):
        raise ValidationError('You already have a membership - change plan at reception')
    if freq == 'monthly' and not dd_reference:
        raise ValidationError('Monthly memberships need a direct debit mandate')
    start = dateutils.today()
    with transaction():
        mid = q.insert_membership(customer_id, plan['id'], start, freq, dd_reference, home_site_id)
        if freq == 'annual':
            execute('UPDATE memberships SET end_date = %s WHERE id = %s',
                    (dateutils.add_months(start, 12) - datetime.timedelta(days=1), mid))
            amount = plan['annual_pence']
            desc = '%s annual membership' % plan['name']
        else:
            amount = membership_rules.pro_rata_first_month(plan, start)
            desc = '%s membership (first part month)' % plan['name']
        inv_id = invoicing.create_invoice(customer_id, due_days=0)
        invoicing.add_line(inv_id, desc, amount, vat_code='E', source_type='membership', source_id=mid)
        invoicing.finalise_invoice(inv_id)
    emails.membership_welcome_email(customer_id, plan)
    return mid, inv_id


def freeze_membership(membership_id, from_date, to_date, reason):
    m = query_one('SELECT * FROM memberships WHERE id = %s', (membership_id,))
    membership_rules.check_freeze_allowed(m, from_date, to_date)
    q.insert_freeze(membership_id, from_date, to_date, reason)
    if from_date <= dateutils.today():
        q.update_membership_status(membership_id, 'frozen')
    return True


def cancel_membership(membership_id, staff_id=None):
    m = query_one('SELECT * FROM memberships WHERE id = %s', (membership_id,))
    end = membership_rules.earliest_cancel_date(m)
    q.update_membership_status(membership_id, 'cancelled', end_date=end)
    audit('membership.cancel', actor=staff_id, membership_id=membership_id, end=end)
    return end


def sell_pass(customer_id, pass_type, staff_id=None):
    if pass_type not in PASS_TYPES:
        raise ValidationError('Unknown pass type')
    visits, days, price = PASS_TYPES[pass_type]
    conc = pricing.concession_discount_pct(customer_id)
    price = pricing.apply_discount(price, conc)
    barcode = pass_barcode()
    expires = dateutils.today() + datetime.timedelta(days=days)
    with transaction():
        pid = q.insert_pass(customer_id, pass_type, barcode, visits, expires)
        inv_id = invoicing.create_invoice(customer_id, due_days=0)
        invoicing.add_line(inv_id, '%s pass' % pass_type, price, source_type='pass', source_id=pid)
        invoicing.finalise_invoice(inv_id)
        execute('UPDATE passes SET invoice_id = %s WHERE id = %s', (inv_id, pid))
    return pid, barcode, inv_id


def check_in(barcode_or_customer, site_id):
    """Reception / turnstile check-in.  Accepts a pass barcode or a customer id."""
    if isinstance(barcode_or_customer, str) and len(barcode_or_customer) == 13:
        p = q.get_pass_by_barcode(barcode_or_customer)
        if not p:
            return False, 'Unknown pass'
        if p['expires_on'] < dateutils.today():
            return False, 'Pass expired'
        if p['visits_used'] >= p['visits_total']:
            return False, 'No visits left'
        q.record_visit(site_id, pass_id=p['id'])
        return True, '%d visits left' % (p['visits_total'] - p['visits_used'] - 1)
    cid = int(barcode_or_customer)
    ok, why = membership_rules.can_enter(cid, site_id)
    if ok:
        m = q.get_active_membership(cid)
        q.record_visit(site_id, membership_id=m['id'])
    return ok, why


def verify_concession(customer_id, kind, evidence_ref, staff_id, months=12):
    valid_until = dateutils.add_months(dateutils.today(), months)
    return q.insert_concession(customer_id, kind, evidence_ref, staff_id, valid_until)


# ===========================================================================
# Leagues
# ===========================================================================

def register_team(league_id, name, captain_id):
    league = q.get_league(league_id)
    if not league:
        raise NotFound('No such league')
    for t in q.teams_in_league(league_id):
        if t['name'].lower() == name.lower():
            raise ValidationError('A team with that name is already entered')
    tid = q.insert_team(league_id, name, captain_id)
    q.add_team_player(tid, captain_id)
    if league['entry_fee_pence']:
        inv_id = invoicing.create_invoice(captain_id)
        invoicing.add_line(inv_id, 'League entry: %s %s (%s)' % (league['name'], league['season'], name),
                           league['entry_fee_pence'], vat_code=invoicing.vat_code_for('team'),
                           source_type='team', source_id=tid)
        invoicing.finalise_invoice(inv_id)
        q.set_team_invoice(tid, inv_id)
    return tid


def record_result(fixture_id, home_score, away_score, staff_id):
    fx = q.get_fixture(fixture_id)
    if fx is None:
        raise NotFound('No such fixture')
    if fx['status'] == 'void':
        raise ValidationError('Fixture is void')
    if home_score < 0 or away_score < 0:
        raise ValidationError('Scores cannot be negative')
    q.save_result(fixture_id, home_score, away_score, staff_id)
    audit('fixture.result', actor=staff_id, fixture_id=fixture_id, score='%d-%d' % (home_score, away_score))


def withdraw_team(team_id):
    """Team pulls out mid season: results expunged (see league_table), fixtures voided."""
    execute('UPDATE teams SET withdrawn = TRUE WHERE id = %s', (team_id,))
    execute("""UPDATE fixtures SET status = 'void' WHERE status = 'scheduled'
               AND (home_team_id = %s OR away_team_id = %s)""", (team_id, team_id))


# ===========================================================================
# Courses
# ===========================================================================

def enrol(course_id, customer_id, booked_by_customer_id=None):
    """Enrol a customer (usually a child on a parent's account... we store the
    child as its own customer row with the parent's email - don't ask)."""
    course = q.get_course(course_id)
    if not course:
        raise NotFound('No such course')
    cust = q.get_customer(customer_id)
    if not courses_mod.age_ok(course, cust['dob']):
        raise ValidationError('Not the right age for this course')
    existing = query_one("SELECT id FROM enrolments WHERE course_id = %s AND customer_id = %s AND status <> 'withdrawn'",
                         (course_id, customer_id))
    if existing:
        raise ValidationError('Already enrolled')
    if courses_mod.course_is_full(course):
        q.add_to_waiting_list(course_id, customer_id)
        return None
    price = pricing.course_price(course, customer_id)
    with transaction():
        eid = q.insert_enrolment(course_id, customer_id, 'pending', price)
        payer = booked_by_customer_id or customer_id
        inv_id = invoicing.create_invoice(payer, due_days=7)
        age = dateutils.age_on(cust['dob'])
        invoicing.add_line(inv_id, '%s - %s' % (courses_mod.course_label(course), customer_display_name(cust)),
                           price, vat_code=invoicing.vat_code_for('enrolment', customer_age=age),
                           source_type='enrolment', source_id=eid)
        invoicing.finalise_invoice(inv_id)
        q.set_enrolment_invoice(eid, inv_id)
    return eid


def confirm_enrolment_if_paid(enrolment_id):
    e = q.get_enrolment(enrolment_id)
    if e['status'] == 'pending' and e['invoice_id'] and invoicing.invoice_balance(e['invoice_id']) <= 0:
        q.set_enrolment_status(enrolment_id, 'confirmed')
        emails.enrolment_confirmation_email(enrolment_id)
        return True
    return False


def withdraw_enrolment(enrolment_id, customer_id=None):
    e = q.get_enrolment(enrolment_id)
    if customer_id and e['customer_id'] != customer_id:
        raise Forbidden('Not your enrolment')
    q.set_enrolment_status(enrolment_id, 'withdrawn')
    # refunds only before the first session
    sessions = q.sessions_for_course(e['course_id'])
    if e['invoice_id'] and (not sessions or sessions[0]['session_date'] > dateutils.today()):
        if q.total_paid(e['invoice_id']):
            refund_payments_for_invoice(e['invoice_id'], e['price_pence'], 'Course withdrawal')
        else:
            invoicing.void_invoice(e['invoice_id'], 'withdrawn')
    courses_mod.promote_waiting_list(e['course_id'])


def create_course(data):
    cols = sorted(data.keys())
    sql = 'INSERT INTO courses (%s) VALUES (%s) RETURNING id' % (', '.join(cols), ', '.join(['%s'] * len(cols)))
    course_id = q.execute_returning(sql, [data[c] for c in cols])
    courses_mod.generate_sessions(course_id)
    return course_id


# ===========================================================================
# Payments
# ===========================================================================

def record_payment(invoice_id, amount_pence, method, ref=None, staff_id=None):
    inv = q.get_invoice(invoice_id)
    if inv['status'] in ('void', 'draft'):
        raise ValidationError('Invoice %s cannot be paid (%s)' % (inv['number'], inv['status']))
    q.insert_payment(invoice_id, amount_pence, method, ref)
    bal = invoicing.mark_paid_if_settled(invoice_id)
    audit('payment.record', actor=staff_id, invoice_id=invoice_id, amount=amount_pence, method=method)
    if bal <= 0:
        after_invoice_paid(invoice_id)
    return bal


def after_invoice_paid(invoice_id):
    """Things that become confirmed once their invoice is paid."""
    for line in q.invoice_lines(invoice_id):
        if line['source_type'] == 'booking':
            confirm_booking(line['source_id'])
        elif line['source_type'] == 'enrolment':
            confirm_enrolment_if_paid(line['source_id'])


def refund_payments_for_invoice(invoice_id, amount_pence, reason):
    """Refund up to amount_pence against the invoice's payments, newest first."""
    from payments_gateway import refund_card_payment
    left = amount_pence
    for p in reversed(q.payments_for_invoice(invoice_id)):
        if left <= 0:
            break
        available = p['amount_pence'] - q.total_refunded(p['id'])
        amt = min(available, left)
        if amt <= 0:
            continue
        if p['method'] == 'card':
            refund_card_payment(p['id'], amt, reason)
        else:
            # cash / cheque refunds are done by the cashiers; we just record them
            q.insert_refund(p['id'], amt, reason + ' (manual)')
        left -= amt
    if left > 0:
        log.warning('could not refund %d pence on invoice %s', left, invoice_id)
    return amount_pence - left


# ===========================================================================
# Equipment hire
# ===========================================================================

def hire_equipment(item_id, customer_id, qty=1, hours=2, booking_id=None, paid_at_desk=False):
    import hire
    hire_id, charge = hire.hire_out(item_id, customer_id, qty, hours, booking_id)
    if charge and not paid_at_desk:
        item = q.get_equipment_item(item_id)
        inv_id = invoicing.create_invoice(customer_id, due_days=0)
        invoicing.add_line(inv_id, 'Hire: %d x %s' % (qty, item['name']), charge, qty=1, source_type='hire',
                           source_id=hire_id)
        invoicing.finalise_invoice(inv_id)
        execute('UPDATE equipment_hires SET invoice_id = %s WHERE id = %s', (inv_id, hire_id))
    return hire_id


def return_equipment(hire_id, damage_note=None, damage_charge_pence=0):
    import hire
    res = hire.return_hire(hire_id, damage_note, damage_charge_pence)
    h = q.get_hire(hire_id)
    extra = res['late_fee'] + res['damage']
    if extra > h['deposit_pence']:
        inv_id = invoicing.create_invoice(h['customer_id'])
        invoicing.add_line(inv_id, 'Late return / damage: %s' % h['item_name'], extra - h['deposit_pence'],
                           source_type='hire', source_id=hire_id)
        invoicing.finalise_invoice(inv_id)
    return res


# ===========================================================================
# Staff
# ===========================================================================

def approve_leave(leave_id, manager_id, approve=True):
    lv = query_one('SELECT * FROM leave_requests WHERE id = %s', (leave_id,))
    if lv['staff_id'] == manager_id:
        raise Forbidden('You cannot approve your own leave')
    q.set_leave_status(leave_id, 'approved' if approve else 'rejected', manager_id)
    if approve:
        # drop any shifts already rostered in the leave period
        n = execute('DELETE FROM shifts WHERE staff_id = %s AND shift_date BETWEEN %s AND %s',
                    (lv['staff_id'], lv['from_date'], lv['to_date']))
        if n:
            log.info('removed %d shifts for leave %s', n, leave_id)
    return True


def add_shift(site_id, data, manager_id):
    import rota
    rota.check_shift(data['staff_id'], data['shift_date'], data['start_time'], data['end_time'])
    week_id = q.ensure_rota_week(site_id, dateutils.week_start(data['shift_date']))
    return q.insert_shift(data['staff_id'], week_id, site_id, data['shift_date'], data['start_time'],
                          data['end_time'], data['role'])


def publish_rota(site_id, week_start, manager_id):
    week = q.get_rota_week(site_id, week_start)
    if not week:
        raise NotFound('No rota for that week')
    q.publish_rota_week(week['id'], manager_id)
    staff = query_all('SELECT DISTINCT s.* FROM staff s JOIN shifts sh ON sh.staff_id = s.id WHERE sh.rota_week_id = %s',
                      (week['id'],))
    emails.rota_published_email(staff, week_start)
    return len(staff)


# ---------------------------------------------------------------------------
# old stuff - TODO delete
# ---------------------------------------------------------------------------

def old_price_booking(facility_id, hours, member=False):
    # pre-2019 flat pricing, replaced by pricing.facility_price
    row = query_one('SELECT price_pence FROM facility_rates WHERE facility_id = %s LIMIT 1', (facility_id,))
    p = (row['price_pence'] if row else 3000) * hours
    if member:
        p = p * 80 // 100
    return p


def describe_money(pence):
    # used to be used by the old invoice template
    return format_money(pence)
