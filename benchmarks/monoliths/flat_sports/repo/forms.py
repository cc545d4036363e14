"""Form parsing.  We never got round to WTForms."""
import datetime

import dateutils
import validators
from errors import ValidationError
from utils import safe_int, pounds_to_pence, to_bool


class FormError(ValidationError):
    pass


def get_str(form, name, required=False, maxlen=200):
    v = (form.get(name) or '').strip()
    if required and not v:
        raise FormError('%s is required' % name.replace('_', ' ').capitalize(), field=name)
    return validators.check_length(v, name, maxlen)


def get_int(form, name, required=False, default=None):
    v = safe_int(form.get(name), default)
    if required and v is None:
        raise FormError('%s must be a number' % name, field=name)
    return v


def get_date(form, name, required=False):
    d = dateutils.parse_date(form.get(name))
    if required and d is None:
        raise FormError('%s must be a date (dd/mm/yyyy)' % name, field=name)
    return d


def parse_customer_form(form, require_password=True):
    validators.require(form, 'email', 'first_name', 'last_name')
    if not validators.valid_email(form['email']):
        raise FormError('Please enter a valid email address', field='email')
    data = {
        'email': form['email'].strip().lower(),
        'first_name': get_str(form, 'first_name', True, 80),
        'last_name': get_str(form, 'last_name', True, 80),
        'dob': get_date(form, 'dob'),
        'phone': get_str(form, 'phone', maxlen=30),
        'line1': get_str(form, 'line1', maxlen=120),
        'line2': get_str(form, 'line2', maxlen=120),
        'town': get_str(form, 'town', maxlen=80),
        'postcode': validators.normalise_postcode(form.get('postcode')),
    }
    if data['phone'] and not validators.valid_phone(data['phone']):
        raise FormError('Phone number doesn\'t look right', field='phone')
    if data['postcode'] and not validators.valid_postcode(data['postcode']):
        raise FormError('Please enter a valid UK postcode', field='postcode')
    if require_password:
        pw = form.get('password') or ''
        if len(pw) < 8:
            raise FormError('Password must be at least 8 characters', field='password')
        if pw != form.get('password2'):
            raise FormError('Passwords do not match', field='password2')
        data['password'] = pw
    return data


def parse_booking_form(form):
    facility_id = get_int(form, 'facility_id', True)
    day = get_date(form, 'date', True)
    start = dateutils.parse_time(form.get('start'))
    if start is None:
        raise FormError('Please choose a start time', field='start')
    mins = get_int(form, 'duration', default=60)
    if mins not in (30, 60, 90, 120, 180):
        raise FormError('Invalid duration', field='duration')
    starts = datetime.datetime.combine(day, start)
    return facility_id, starts, starts + datetime.timedelta(minutes=mins)


def parse_block_booking_form(form):
    return {
        'customer_id': get_int(form, 'customer_id', True),
        'facility_id': get_int(form, 'facility_id', True),
        'weekday': validators.check_range(get_int(form, 'weekday', True), 'weekday', 0, 6),
        'start_time': dateutils.parse_time(form.get('start_time')),
        'duration_mins': get_int(form, 'duration_mins', default=60),
        'from_date': get_date(form, 'from_date', True),
        'to_date': get_date(form, 'to_date', True),
    }


def parse_team_form(form):
    return {
        'league_id': get_int(form, 'league_id', True),
        'name': get_str(form, 'team_name', True, 120),
    }


def parse_course_form(form):
    return {
        'term_id': get_int(form, 'term_id', True),
        'title': get_str(form, 'title', True, 120),
        'sport': get_str(form, 'sport', True, 30),
        'level': get_str(form, 'level', maxlen=20),
        'min_age': get_int(form, 'min_age'),
        'max_age': get_int(form, 'max_age'),
        'capacity': get_int(form, 'capacity', True),
        'price_pence': pounds_to_pence(form.get('price')),
        'weekday': get_int(form, 'weekday', True),
        'start_time': dateutils.parse_time(form.get('start_time')),
        'duration_mins': get_int(form, 'duration_mins', default=45),
        'facility_id': get_int(form, 'facility_id'),
        'coach_id': get_int(form, 'coach_id'),
    }


def parse_shift_form(form):
    d = get_date(form, 'shift_date', True)
    a = dateutils.parse_time(form.get('start_time'))
    b = dateutils.parse_time(form.get('end_time'))
    if not a or not b:
        raise FormError('Start and end time required')
    return {'staff_id': get_int(form, 'staff_id', True), 'shift_date': d, 'start_time': a, 'end_time': b,
            'role': get_str(form, 'role', True, 30)}


def parse_hire_form(form):
    return {
        'item_id': get_int(form, 'item_id', True),
        'customer_id': get_int(form, 'customer_id', True),
        'qty': get_int(form, 'qty', default=1),
        'hours': get_int(form, 'hours', default=2),
        'booking_id': get_int(form, 'booking_id'),
        'paid_at_desk': to_bool(form.get('paid_at_desk')),
    }
