# grab bag. please don't add more here -- JB
import re
from decimal import Decimal

PHONE_RE = re.compile('[^\d+]')


def normalize_phone(number):
    if not number:
        return ''
    n = PHONE_RE.sub('', number)
    if n.startswith('0'):
        n = '+44' + n[1:]
    return n


def boat_display_name(boat):
    # "Saucy Sue (Bavaria 36)" -- used on invoices, gate screen and yard board
    if boat.make_model:
        return '%s (%s)' % (boat.name, boat.make_model)
    return boat.name


def length_band(loa_m):
    """Berth pricing bands by length overall."""
    loa = Decimal(loa_m)
    if loa <= 8:
        return 'A'
    if loa <= 10:
        return 'B'
    if loa <= 12:
        return 'C'
    if loa <= 15:
        return 'D'
    return 'E'


def staff_initials(staff):
    return ''.join(p[0].upper() for p in staff.full_name.split() if p)


def fuel_duty_rate(fuel_type):
    # TODO move to settings / FuelPrice table
    return {'diesel': Decimal('0.5795'), 'red': Decimal('0.1114'), 'petrol': Decimal('0.5795')}.get(fuel_type, Decimal('0'))
