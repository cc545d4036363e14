# -*- coding: utf-8 -*-
"""
Settings for the Hopyard back office.

Values can be overridden with HOPYARD_* environment variables on the box
(see /etc/default/hopyard).  Don't commit real passwords here again, Dave.
"""
import os

DEBUG = os.environ.get('HOPYARD_DEBUG', '0') == '1'

DB_DSN = os.environ.get('HOPYARD_DSN',
                        'dbname=hopyard user=hopyard host=localhost')

BREWERY_NAME = 'Hopyard Brewing Co.'
BREWERY_ADDRESS = '1180 Industrial Pkwy, Unit C, Bend OR 97702'
TTB_PERMIT_NO = 'BR-OR-21877'
TTB_EIN = '82-1234567'
STATE = 'OR'

SMTP_HOST = os.environ.get('HOPYARD_SMTP', 'localhost')
SMTP_PORT = 25
SMTP_USER = os.environ.get('HOPYARD_SMTP_USER', '')
SMTP_PASSWORD = os.environ.get('HOPYARD_SMTP_PASSWORD', '')
MAIL_FROM = 'office@hopyardbrewing.com'
OFFICE_EMAIL = 'office@hopyardbrewing.com'
BREWERS_EMAIL = 'brewers@hopyardbrewing.com'
TAPROOM_MANAGER_EMAIL = 'taproom@hopyardbrewing.com'

TEMPLATE_DIR = os.path.join(os.path.dirname(__file__), 'templates')
EXPORT_DIR = os.environ.get('HOPYARD_EXPORTS', '/var/lib/hopyard/exports')

# basic auth for the office pages; the POS uses staff PINs instead
ADMIN_USERS = {
    'dave': 'admin',
    'maria': 'admin',
    'office': 'office',
    'brewer': 'brewer',
}

SESSION_TIMEOUT = 60 * 60 * 8

# taproom
SALES_TAX_RATE = 0.0       # Oregon, no sales tax.  keep the code for the WA taproom idea
DEFAULT_OPENING_CASH = 200
PINT_OZ = 16

# mug club
MUG_CLUB_FEE = 125.00
MUG_CLUB_MAX_MUGS = 150
MUG_POUR_OZ = 20
POINTS_PER_DOLLAR = 1

# excise, federal CBMA reduced rate (first 60k bbl)
DEFAULT_EXCISE_RATE = 3.50

KEG_OVERDUE_DAYS = 60

_overrides = {}


def get(key, default=None):
    """config.get('FOO') -> env HOPYARD_FOO, then module constant, then default"""
    if key in _overrides:
        return _overrides[key]
    env = os.environ.get('HOPYARD_' + key)
    if env is not None:
        return env
    return globals().get(key, default)


def is_production():
    return not DEBUG and 'localhost' not in DB_DSN
