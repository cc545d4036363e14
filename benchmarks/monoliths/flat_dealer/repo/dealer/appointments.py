# -*- coding: utf-8 -*-
"""Service bookings / diary."""
import datetime
import logging

from dealer import db, dates, sms, workshop

log = logging.getLogger('dealer.appointments')

SLOTS = ['08:00', '08:30', '09:00', '09:30', '10:00', '13:00', '14:00']
MAX_PER_SLOT = 3
COURTESY_CARS = 4


def booked_on(day):
    return db.query("SELECT a.*, c.last_name, v.reg FROM service_appointments a "
                    "JOIN customers c ON c.id = a.customer_id JOIN vehicles v ON v.id = a.vehicle_id "
                    "WHERE DATE(a.booked_for) = %s AND a.status != 'cancelled' ORDER BY a.booked_for",
                    (day,))


def available_slots(day):
    if not dates.is_working_day(day):
        return []
    taken = {}
    cars = 0
    for a in booked_on(day):
        key = a['booked_for'].strftime('%H:%M')
        taken[key] = taken.get(key, 0) + 1
        cars += a['courtesy_car'] or 0
    return [{'time': s, 'free': MAX_PER_SLOT - taken.get(s, 0),
             'courtesy_available': cars < COURTESY_CARS}
            for s in SLOTS if taken.get(s, 0) < MAX_PER_SLOT]


def book(customer_id, vehicle_id, when, job_summary, courtesy_car=False):
    day = when.date()
    slot = when.strftime('%H:%M')
    if slot not in [s['time'] for s in available_slots(day)]:
        raise ValueError('Slot %s on %s is full' % (slot, day))
    return db.execute('INSERT INTO service_appointments (customer_id, vehicle_id, booked_for, '
                      'job_summary, courtesy_car, status, created_at) '
                      "VALUES (%s, %s, %s, %s, %s, 'booked', NOW())",
                      (customer_id, vehicle_id, when, job_summary, 1 if courtesy_car else 0))


def cancel(appointment_id):
    db.execute("UPDATE service_appointments SET status = 'cancelled' WHERE id = %s", (appointment_id,))


def check_in(appointment_id, advisor_id, mileage):
    a = db.query_one('SELECT * FROM service_appointments WHERE id = %s', (appointment_id,))
    if a['ro_id']:
        return a['ro_id']
    ro_id = workshop.open_ro(a['vehicle_id'], a['customer_id'], advisor_id, 'C', mileage)
    db.execute("UPDATE service_appointments SET status = 'arrived', ro_id = %s WHERE id = %s",
               (ro_id, appointment_id))
    return ro_id


def mark_no_shows():
    return db.execute("UPDATE service_appointments SET status = 'no_show' WHERE status = 'booked' "
                      "AND booked_for < DATE_SUB(NOW(), INTERVAL 4 HOUR)")


def send_reminders(days_ahead=1):
    day = dates.add_working_days(dates.today(), days_ahead)
    sent = 0
    for a in booked_on(day):
        if a['status'] != 'booked':
            continue
        c = db.query_one('SELECT first_name, mobile FROM customers WHERE id = %s', (a['customer_id'],))
        if not c or not c['mobile'] or not sms.sms_allowed(a['customer_id']):
            continue
        text = ('Hi %s, reminder: your %s is booked in at Harrow Motors on %s at %s. '
                'Reply STOP to opt out.') % (c['first_name'], a['reg'],
                                             a['booked_for'].strftime('%a %d %b'),
                                             a['booked_for'].strftime('%H:%M'))
        if sms.send_sms(c['mobile'], text):
            sent += 1
    return sent


def mot_due_reminders():
    """Cars we sold or serviced whose MOT anniversary is next month. Rough: uses the
    first registration year, MOT due 3 years after then yearly."""
    rows = db.query("SELECT DISTINCT v.id, v.reg, v.year, c.id AS customer_id, c.mobile, c.first_name "
                    "FROM vehicles v JOIN customers c ON c.id = v.owner_customer_id "
                    "WHERE v.year <= YEAR(CURDATE()) - 3")
    out = []
    for r in rows:
        if sms.sms_allowed(r['customer_id']):
            out.append(r)
    return out
