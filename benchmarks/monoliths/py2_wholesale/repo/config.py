# KOPS settings. Override on the server in local_settings.py (not in svn).
import os

DSN = os.environ.get('KOPS_DSN', 'DRIVER={SQL Server};SERVER=KESTREL-SQL01;DATABASE=kops;Trusted_Connection=yes')
DEBUG = False

COMPANY_NAME = 'Kestrel Supply Co. Ltd'
COMPANY_ADDRESS = ['Unit 4, Marsh Lane Trading Estate', 'Bristol', 'BS3 2NT']
VAT_NO = 'GB 774 1298 33'
CURRENCY = 'GBP'

SMTP_HOST = 'mail.kestrelsupply.local'
MAIL_FROM = 'kops@kestrelsupply.co.uk'
ACCOUNTS_EMAIL = 'accounts@kestrelsupply.co.uk'
SALES_EMAIL = 'sales@kestrelsupply.co.uk'
BUYING_EMAIL = 'buying@kestrelsupply.co.uk'

DEFAULT_WAREHOUSE = 1
DEFAULT_TERMS_DAYS = 30
DEFAULT_TAX_CODE = 'S'

# who may log in. yes, this should be in the database.
USERS_FILE = os.path.join(os.path.dirname(__file__), 'users.ini')
SESSION_DIR = '/var/lib/kops/sessions'
PDF_DIR = '/var/lib/kops/pdf'
LOCK_DIR = '/tmp'

EDI_ISA_QUALIFIER = 'ZZ'
EDI_ISA_ID = 'KESTRELSUPPLY'
EDI_WORK_DIR = '/var/lib/kops/edi'
EDI_TEST_MODE = False

LOCKBOX_DIR = '/mnt/bank/lockbox'
SUPPLIER_PRICEFILE_DIR = '/mnt/ftp/suppliers'

DUNNING_DAYS = (7, 21, 45)       # letter 1, 2, final
CREDIT_REVIEW_MONTHS = 12
QUOTE_VALID_DAYS = 30

try:
    from local_settings import *  # noqa
except ImportError:
    pass
