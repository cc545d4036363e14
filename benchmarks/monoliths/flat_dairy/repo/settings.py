# Valley Dairy Co-op office system - settings
# DO NOT commit passwords here, use local_settings.py on the server  (too late, see svn r12)

import os

DB_HOST = 'localhost'
DB_USER = 'dairy'
DB_PASS = ''
DB_NAME = 'dairy'
DB_PORT = 3306

SMTP_HOST = 'mail.valleydairy.local'
MAIL_FROM = 'office@valleydairy.co.uk'
OFFICE_EMAIL = 'office@valleydairy.co.uk'
TRANSPORT_EMAIL = 'transport@valleydairy.co.uk'

DEPOTS = ['Main', 'Northfield', 'Brackley']
DEFAULT_DEPOT = 'Main'

SESSION_HOURS = 10
SHARE_VALUE = 1.00          # pounds per share, set by AGM 2009
SHARES_PER_LITRE = 0.05     # target holding: 5p of shares per litre of annual supply
VAT_STANDARD = 20.0         # was 17.5 until jan 2011 (see legacy_vat in common)

LAB_FTP_HOST = 'ftp.nmrlabs.co.uk'
LAB_FTP_USER = 'valley'
LAB_FTP_PASS = ''
LAB_INBOX = '/var/dairy/lab_inbox'
LAB_ARCHIVE = '/var/dairy/lab_archive'

EXPORT_DIR = '/var/dairy/exports'
BACS_SUN = '123456'         # service user number
BACS_SORT = '309546'
BACS_ACCOUNT = '00112233'

TEMPLATE_DIR = os.path.join(os.path.dirname(__file__), 'templates')
DEBUG = False

try:
    from local_settings import *
except ImportError:
    pass


def get(name, default=None):
    return globals().get(name, default)


def debug_enabled():
    if os.environ.get('DAIRY_DEBUG'):
        return True
    return DEBUG


def db_params():
    return dict(host=DB_HOST, user=DB_USER, passwd=DB_PASS, db=DB_NAME,
                port=DB_PORT, charset='utf8', use_unicode=True)
