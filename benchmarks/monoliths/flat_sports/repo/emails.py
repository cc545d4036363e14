# -*- coding: utf-8 -*-
"""
Email wording.  Comms team want to approve every change to these - please
raise a ticket before editing the text.
"""
import queries as q
from mailer import send_mail
from utils import format_money, customer_display_name
from dateutils import fmt_date, fmt_datetime

FOOTER = u"""
--
Leisure & Sport Services
Civic Centre, Market Street
Tel 01632 960 000   www.council.gov.uk/leisure

You are receiving this email because you have an account with us.
"""


def _wrap(body):
    return body.strip() + '\n' + FOOTER


def booking_confirmation_email(booking_id):
    b = q.get_booking(booking_id)
    c = q.get_customer(b['customer_id'])
    body = u"""Dear %s,

Your booking is confirmed.

  Reference:  %s
  Facility:   %s
  Date/time:  %s - %s
  Price:      %s

If you need to cancel please do so at least 48 hours before the start time
to receive a full refund.
""" % (c['first_name'], b['ref'], b['facility_name'], fmt_datetime(b['starts_at']),
       b['ends_at'].strftime('%H:%M'), format_money(b['price_pence']))
    return send_mail(c['email'], 'Booking confirmation %s' % b['ref'], _wrap(body))


def booking_cancelled_email(booking_id, refund_pence):
    b = q.get_booking(booking_id)
    c = q.get_customer(b['customer_id'])
    body = u"""Dear %s,

Your booking %s on %s has been cancelled.
""" % (c['first_name'], b['ref'], fmt_datetime(b['starts_at']))
    if refund_pence:
        body += u'\nA refund of %s will be made to your original payment method within 5 working days.\n' % \
            format_money(refund_pence)
    return send_mail(c['email'], 'Booking %s cancelled' % b['ref'], _wrap(body))


def membership_welcome_email(customer_id, plan):
    c = q.get_customer(customer_id)
    body = u"""Dear %s,

Welcome to %s!  Your membership starts today.  Please bring photo ID to
reception on your first visit to collect your membership card.
""" % (c['first_name'], plan['name'])
    return send_mail(c['email'], 'Welcome to Leisure & Sport', _wrap(body))


def renewal_reminder_email(row):
    body = u"""Dear %s,

Your %s membership ends on %s.  Renew online or at reception to keep
your benefits.
""" % (row['first_name'], row['plan_name'], fmt_date(row['end_date']))
    return send_mail(row['email'], 'Your membership is due for renewal', _wrap(body))


def invoice_email(invoice_id):
    from invoicing import render_invoice_text
    inv = q.get_invoice(invoice_id)
    c = q.get_customer(inv['customer_id'])
    body = u'Dear %s,\n\nPlease find your invoice below.\n\n%s\n' % (c['first_name'], render_invoice_text(invoice_id))
    return send_mail(c['email'], 'Invoice %s' % inv['number'], _wrap(body))


def overdue_reminder_email(inv):
    level = inv['reminders_sent'] + 1
    subject = 'Reminder: invoice %s is overdue' % inv['number']
    if level >= 3:
        subject = 'FINAL REMINDER: invoice %s' % inv['number']
    body = u"""Dear %s,

Our records show that invoice %s (due %s) has an outstanding balance of %s.
Please pay online at www.council.gov.uk/leisure/pay or call us.
""" % (inv['first_name'], inv['number'], fmt_date(inv['due_on']), format_money(inv['balance_pence']))
    if level >= 3:
        body += u'\nIf payment is not received within 14 days this debt will be passed to Corporate Debt Recovery.\n'
    return send_mail(inv['email'], subject, _wrap(body))


def fixture_notice_email(team_id, fixtures):
    team = q.get_team(team_id)
    captain = q.get_customer(team['captain_id'])
    lines = []
    for f in fixtures:
        lines.append('  Round %d  %s' % (f['round_no'], fmt_datetime(f['kickoff'])))
    body = u'Dear %s,\n\nUpcoming fixtures for %s:\n\n%s\n' % (captain['first_name'], team['name'], '\n'.join(lines))
    return send_mail(captain['email'], 'Fixtures for %s' % team['name'], _wrap(body))


def enrolment_confirmation_email(enrolment_id):
    e = q.get_enrolment(enrolment_id)
    course = q.get_course(e['course_id'])
    c = q.get_customer(e['customer_id'])
    body = u"""Dear %s,

%s is booked onto %s.  The first session is shown on your account page.
""" % (c['first_name'], customer_display_name(c), course['title'])
    return send_mail(c['email'], 'Course booking: %s' % course['title'], _wrap(body))


def waiting_list_offer_email(customer_id, course):
    c = q.get_customer(customer_id)
    body = u"""Dear %s,

A place has become available on %s.  Log in to your account within 48 hours
to accept it, after which it will be offered to the next person.
""" % (c['first_name'], course['title'])
    return send_mail(c['email'], 'A place is available: %s' % course['title'], _wrap(body))


def hire_overdue_email(hire):
    body = u"""Dear %s,

The %s you hired was due back on %s.  Late fees are charged daily.
""" % (hire['first_name'], hire['item_name'], fmt_datetime(hire['due_back']))
    return send_mail(hire['email'], 'Equipment hire overdue', _wrap(body))


def rota_published_email(staff_rows, week_start):
    for s in staff_rows:
        send_mail(s['email'], 'Rota published w/c %s' % fmt_date(week_start),
                  'Hi %s,\n\nThe rota for w/c %s is now on the staff page.\n' % (s['name'], fmt_date(week_start)))


def password_reset_email(customer, token, link_base):
    body = u"""Dear %s,

Somebody (hopefully you) asked to reset your password.  Use this link within 24 hours:

%s/reset-password/%s
""" % (customer['first_name'], link_base, token)
    return send_mail(customer['email'], 'Reset your password', _wrap(body))
