import datetime
import logging

from sqlalchemy import text

from ..dal.guest_repo import GuestRepository
from ..lib.dates import parse_date, season_label
from ..lib.validators import ValidationError, clean_str, validate_email, validate_phone
from ..models import DBSession
from ..models.guests import Guest, Waiver

log = logging.getLogger(__name__)

GUEST_FIELDS = ('first_name', 'last_name', 'email', 'phone', 'birth_date',
                'country', 'postal_code', 'marketing_opt_in', 'snow_alerts')


def _clean_guest_data(data):
    out = {}
    errors = {}
    for f in GUEST_FIELDS:
        if f not in data:
            continue
        value = data[f]
        if f == 'birth_date':
            value = parse_date(value)
        elif f in ('marketing_opt_in', 'snow_alerts'):
            value = value in (True, 'on', '1', 'true', 1)
        else:
            value = clean_str(value, 255)
        out[f] = value
    if out.get('email') and not validate_email(out['email']):
        errors['email'] = 'Invalid email'
    if out.get('phone') and not validate_phone(out['phone']):
        errors['phone'] = 'Invalid phone'
    if errors:
        raise ValidationError(errors)
    return out


def create_guest(data, account=None):
    values = _clean_guest_data(data)
    if not values.get('first_name') or not values.get('last_name'):
        raise ValidationError({'last_name': 'Name required'})
    guest = Guest(**values)
    if account is not None:
        guest.account_id = account.id
    DBSession.add(guest)
    DBSession.flush()
    return guest


def update_guest(guest, data):
    for key, value in _clean_guest_data(data).items():
        setattr(guest, key, value)
    return guest


def merge_guests(keep, dupe):
    """Move everything from dupe to keep. Front desk creates a lot of dupes."""
    if keep.id == dupe.id:
        return keep
    params = {'keep': keep.id, 'dupe': dupe.id}
    # raw updates, much faster than loading all the relationships
    for table in ('lift_passes', 'lesson_enrollments', 'rental_orders',
                  'lodging_reservations', 'folios', 'pos_checks', 'waivers'):
        DBSession.execute(text('UPDATE %s SET guest_id = :keep WHERE guest_id = :dupe' % table),
                          params)
    if dupe.loyalty and keep.loyalty:
        keep.loyalty.points_balance += dupe.loyalty.points_balance
        keep.loyalty.lifetime_points += dupe.loyalty.lifetime_points
        dupe.loyalty.points_balance = 0
    dupe.soft_delete()
    dupe.notes = (dupe.notes or '') + '\nmerged into %s on %s' % (keep.id, datetime.date.today())
    log.info('merged guest %s into %s', dupe.id, keep.id)
    return keep


def has_valid_waiver(guest, day=None):
    season = season_label(day)
    return DBSession.query(Waiver).filter(Waiver.guest_id == guest.id,
                                          Waiver.season == season).count() > 0


def sign_waiver(guest, signature, ip_address=None, guardian_name=None):
    if guest.is_minor() and not guardian_name:
        raise ValidationError({'guardian_name': 'A parent or guardian must sign for minors'})
    if has_valid_waiver(guest):
        return None
    waiver = Waiver(guest_id=guest.id, season=season_label(), signature=signature,
                    ip_address=ip_address, guardian_name=guardian_name)
    DBSession.add(waiver)
    return waiver


def guest_summary(guest):
    # used on the guest detail page, touches half the schema
    return {
        'guest': guest,
        'passes': sorted(guest.passes, key=lambda p: p.valid_from, reverse=True)[:10],
        'enrollments': guest.enrollments[-10:],
        'rentals': guest.rental_orders[-5:],
        'reservations': guest.reservations[-5:],
        'folios': guest.folios,
        'loyalty': guest.loyalty,
        'waiver_ok': has_valid_waiver(guest),
    }
