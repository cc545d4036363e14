"""All the outgoing emails / pages. Templates are in templates/email/."""
import logging

from ..config import get_setting
from ..dal.guest_repo import GuestRepository
from ..lib.integrations import http_session
from ..lib.mailer import render_email, send_email
from ..lib.money import format_money

log = logging.getLogger(__name__)


def _deliver(to, subject, template, values):
    try:
        html = render_email(template, values)
        return send_email(to, subject, html=html)
    except Exception:
        # never break a sale because the mail server is down
        log.exception('could not send %s to %s', template, to)
        return False


def send_pass_receipt(lift_pass):
    guest = lift_pass.guest
    return _deliver(guest.email, 'Your Peak Resort lift ticket %s' % lift_pass.serial,
                    'pass_receipt.jinja2',
                    {'pass': lift_pass, 'guest': guest,
                     'price': format_money(lift_pass.price_paid)})


def send_lesson_confirmation(enrollment):
    guest = enrollment.guest
    lesson = enrollment.lesson
    return _deliver(guest.email, 'Ski school booking confirmed',
                    'lesson_confirmation.jinja2',
                    {'guest': guest, 'lesson': lesson, 'type': lesson.lesson_type,
                     'meeting_point': lesson.meeting_point})


def send_reservation_confirmation(res):
    return _deliver(res.guest.email, 'Reservation %s confirmed' % res.confirmation_code,
                    'reservation_confirmation.jinja2',
                    {'res': res, 'guest': res.guest, 'total': format_money(res.total)})


def send_password_reset(account, token, reset_url):
    return _deliver(account.email, 'Reset your Peak Resort password',
                    'password_reset.jinja2', {'account': account, 'url': reset_url,
                                              'token': token.token})


def send_snow_alerts(report):
    sent = 0
    for guest in GuestRepository().snow_alert_subscribers():
        if _deliver(guest.email, '%d cm of fresh snow at Peak!' % report.new_snow_24h,
                    'powder_alert.jinja2', {'guest': guest, 'report': report}):
            sent += 1
    log.info('powder alert sent to %d guests', sent)
    return sent


def send_rental_overdue_notice(order):
    return _deliver(order.guest.email, 'Your rental equipment is overdue',
                    'rental_overdue.jinja2', {'order': order, 'guest': order.guest})


def send_folio_statement(folio):
    return _deliver(folio.guest.email, 'Your Peak Resort statement',
                    'folio_statement.jinja2',
                    {'folio': folio, 'balance': format_money(folio.balance())})


def notify_ops_pager(message):
    url = get_setting('resort.pager.url')
    if not url:
        log.warning('PAGER (not configured): %s', message)
        return False
    try:
        http_session().post(url, json={'text': message}, timeout=3)
        return True
    except Exception:
        log.exception('pager failed')
        return False
