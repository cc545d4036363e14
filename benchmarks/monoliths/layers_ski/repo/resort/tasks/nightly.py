import datetime
import logging

from ..lib.dates import local_today
from ..lib.mailer import send_email
from ..models import DBSession
from ..models.billing import Folio
from ..models.guests import AuthToken
from ..models.school import Lesson
from ..services import billing, lifts, lodging, loyalty, notifications, passes, rental, school
from ..services.billing import PaymentError
from .scheduler import job

log = logging.getLogger(__name__)


@job('expire_passes', at='01:00')
def expire_day_passes():
    passes.expire_passes(local_today())


@job('close_folios', at='02:00')
def nightly_close_folios():
    """Settle day-visitor folios (no lodging) with a card on file."""
    today = local_today()
    q = DBSession.query(Folio).filter(Folio.status == 'open', Folio.card_token != None)  # noqa
    for folio in q:
        if any(r.status == 'in_house' for r in folio.guest.reservations):
            continue
        try:
            if folio.balance() > 0:
                billing.settle_folio(folio)
                notifications.send_folio_statement(folio)
        except PaymentError as e:
            log.warning('folio %s could not be settled: %s', folio.id, e)


@job('overdue_rentals', at='18:30')
def flag_overdue_rentals():
    n = rental.mark_overdue_orders()
    log.info('%d overdue rentals', n)


@job('housekeeping', at='05:30')
def generate_housekeeping_tasks():
    lodging.generate_housekeeping(local_today())


@job('release_holds', every_minutes=10)
def release_lodging_holds():
    lodging.release_expired_holds()


@job('school_lessons', at='16:00')
def create_tomorrows_lessons():
    school.create_group_lessons(local_today() + datetime.timedelta(days=1))


@job('cancel_empty_lessons', at='07:00')
def cancel_empty_lessons():
    day = local_today()
    start = datetime.datetime.combine(day, datetime.time.min)
    for lesson in DBSession.query(Lesson).filter(Lesson.starts_at >= start,
                                                 Lesson.starts_at < start + datetime.timedelta(days=1),
                                                 Lesson.status == 'scheduled'):
        if lesson.seats_taken() == 0:
            lesson.status = 'cancelled'


@job('cert_reminders', at='08:00')
def certification_reminders():
    for cert in school.expiring_certifications(30):
        if cert.instructor.account and cert.instructor.account.email:
            # TODO: proper template, HR wants it in the instructor portal anyway
            send_email(cert.instructor.account.email, 'Your certification expires soon',
                       body='Your %s %s certification expires on %s.' % (
                           cert.body, cert.level, cert.expires_on))
            log.info('cert %s for %s expires %s', cert.body, cert.instructor.name, cert.expires_on)


@job('wind_holds', every_minutes=5)
def wind_hold_check():
    changed = lifts.check_wind_holds()
    for lift in changed:
        notifications.notify_ops_pager('%s now %s' % (lift.name, lift.status))


@job('purge_tokens', at='03:00')
def purge_expired_tokens():
    DBSession.query(AuthToken).filter(
        AuthToken.expires_at < datetime.datetime.utcnow()).delete(synchronize_session=False)


@job('loyalty_expiry', at='03:30')
def expire_loyalty_points():
    loyalty.expire_points(local_today())
