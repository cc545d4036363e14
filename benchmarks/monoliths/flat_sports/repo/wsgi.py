# mod_wsgi entry point - see /etc/apache2/sites-available/lsbs.conf
import sys
import os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault('LSBS_ENV', 'prod')

from app import app as application  # noqa
