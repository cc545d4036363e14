import datetime
import logging

from ..dal.bookings import ReservationRepository, free_units
from ..dal.commerce import season_for
from ..lib.crypto import random_code
from ..lib.dates import daterange, nights_between
from ..lib.money import round_money, to_decimal, ZERO
from ..models import DBSession
from ..models.billing import FolioCharge
from ..models.lodging import HousekeepingTask, LodgingRate, LodgingReservation, LodgingUnit
from . import billing, notifications

log = logging.getLogger(__name__)

HOLD_MINUTES = 20
FREE_CANCEL_DAYS = 14


class LodgingError(Exception):
    pass


def nightly_rate(unit_type, day):
    season = season_for(day)
    if season is None:
        raise LodgingError('no season configured for %s' % day)
    rate = DBSession.query(LodgingRate).filter(LodgingRate.unit_type == unit_type,
                                               LodgingRate.season_id == season.id).first()
    if rate is None:
        raise LodgingError('no rate for %s in %s' % (unit_type, season.name))
    amount = to_decimal(rate.nightly_rate)
    if day.weekday() in (4, 5):
        amount += to_decimal(rate.weekend_surcharge)
    return amount, rate.min_nights


def quote_stay(unit_type, arrival, departure):
    if departure <= arrival:
        raise LodgingError('departure before arrival')
    total = ZERO
    min_nights = 1
    for day in daterange(arrival, departure):
        amount, mn = nightly_rate(unit_type, day)
        total += amount
        min_nights = max(min_nights, mn or 1)
    if nights_between(arrival, departure) < min_nights:
        raise LodgingError('minimum stay is %d nights' % min_nights)
    return round_money(total)


def new_confirmation_code():
    repo = ReservationRepository()
    while True:
        code = 'PK' + random_code(6)
        if repo.by_code(code) is None:
            return code


def create_reservation(guest, unit_type, arrival, departure, adults=2, children=0,
                       hold=False, package_code=None, special_requests=None, user=None):
    units = free_units(arrival, departure, unit_type)
    if not units:
        raise LodgingError('no %s available' % unit_type)
    unit = units[0]
    if adults + children > unit.max_occupancy:
        raise LodgingError('max occupancy for %s is %d' % (unit_type, unit.max_occupancy))
    total = quote_stay(unit_type, arrival, departure)
    res = LodgingReservation(confirmation_code=new_confirmation_code(), guest_id=guest.id,
                             unit_id=unit.id, unit_type=unit_type, arrival=arrival,
                             departure=departure, adults=adults, children=children,
                             status='held' if hold else 'booked', total=total,
                             package_code=package_code, special_requests=special_requests)
    DBSession.add(res)
    DBSession.flush()
    if not hold:
        confirm_reservation(res, user)
    return res


def confirm_reservation(res, user=None):
    folio = billing.get_or_open_folio(res.guest_id)
    res.folio_id = folio.id
    billing.post_charge(res.guest_id, 'lodging', res.total,
                        'Lodging %s %s-%s' % (res.confirmation_code, res.arrival, res.departure),
                        source_ref=res.confirmation_code, folio=folio, user=user)
    res.status = 'booked'
    notifications.send_reservation_confirmation(res)
    return res


def cancel_reservation(res, user=None, reason='guest request'):
    if res.status in ('departed', 'cancelled'):
        return res
    days_out = (res.arrival - datetime.date.today()).days
    charges = DBSession.query(FolioCharge).filter(FolioCharge.source == 'lodging',
                                                  FolioCharge.source_ref == res.confirmation_code,
                                                  FolioCharge.voided_at == None).all()  # noqa
    for charge in charges:
        if days_out >= FREE_CANCEL_DAYS:
            billing.refund_charge(charge, 'lodging cancel: %s' % reason, user)
        else:
            # first night is kept
            billing.void_charge(charge, user)
            billing.post_charge(res.guest_id, 'lodging', nightly_rate(res.unit_type, res.arrival)[0],
                                'Cancellation fee %s' % res.confirmation_code,
                                source_ref=res.confirmation_code, user=user)
    res.status = 'cancelled'
    return res


def check_in(res, unit_id=None):
    if res.status != 'booked':
        raise LodgingError('reservation is %s' % res.status)
    if unit_id and unit_id != res.unit_id:
        res.unit_id = unit_id
    unit = DBSession.query(LodgingUnit).get(res.unit_id)
    if unit.status not in ('clean', 'inspected'):
        log.warning('checking %s into %s unit %s', res.confirmation_code, unit.status, unit.label)
    res.status = 'in_house'
    return res


def check_out(res, settle=True):
    res.status = 'departed'
    folio = billing.get_or_open_folio(res.guest_id) if res.folio_id is None else None
    if settle:
        from ..models.billing import Folio
        folio = folio or DBSession.query(Folio).get(res.folio_id)
        billing.settle_folio(folio)
    res.unit.status = 'dirty'
    DBSession.add(HousekeepingTask(unit_id=res.unit_id, task_date=datetime.date.today(),
                                   kind='checkout'))
    return res


def generate_housekeeping(day=None):
    day = day or datetime.date.today()
    existing = set(t.unit_id for t in DBSession.query(HousekeepingTask)
                   .filter(HousekeepingTask.task_date == day))
    n = 0
    for res in DBSession.query(LodgingReservation).filter(
            LodgingReservation.status == 'in_house',
            LodgingReservation.departure > day):
        if res.unit_id in existing:
            continue
        kind = 'deep' if (day - res.arrival).days and (day - res.arrival).days % 4 == 0 else 'stayover'
        DBSession.add(HousekeepingTask(unit_id=res.unit_id, task_date=day, kind=kind))
        n += 1
    return n


def release_expired_holds(now=None):
    now = now or datetime.datetime.utcnow()
    cutoff = now - datetime.timedelta(minutes=HOLD_MINUTES)
    return DBSession.query(LodgingReservation).filter(
        LodgingReservation.status == 'held',
        LodgingReservation.created_at < cutoff).update(
            {'status': 'cancelled'}, synchronize_session=False)
