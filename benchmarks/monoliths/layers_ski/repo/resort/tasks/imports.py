import csv
import datetime
import glob
import logging
import os
import shutil

from ..config import get_setting
from ..lib.integrations import WeatherStationClient
from ..lib.money import to_decimal
from ..models import DBSession
from ..models.fnb import MenuItem, Outlet, PosCheck, PosCheckLine
from ..models.guests import Guest
from ..models.passes import PassProduct
from ..services import passes, pos, snow
from ..services.guests import create_guest
from .scheduler import job

log = logging.getLogger(__name__)


@job('weather', every_minutes=5)
def import_weather():
    readings = WeatherStationClient().all_stations()
    n = snow.store_weather_readings(readings)
    log.debug('stored %d weather readings', n)


@job('pos_batches', every_minutes=15)
def import_pos_batches():
    """Summit Lodge terminals are offline, they drop CSV batches on the share."""
    inbox = get_setting('resort.pos_inbox', '/srv/pos/inbox')
    for path in sorted(glob.glob(os.path.join(inbox, '*.csv'))):
        with open(path, newline='') as f:
            rows = list(csv.DictReader(f))
        checks = {}
        for row in rows:
            outlet = DBSession.query(Outlet).filter(Outlet.code == row['outlet']).one()
            check = checks.get(row['check_no'])
            if check is None:
                check = PosCheck(outlet_id=outlet.id, server=row.get('server'),
                                 opened_at=datetime.datetime.strptime(row['opened'], '%Y%m%d%H%M%S'),
                                 status='open')
                DBSession.add(check)
                checks[row['check_no']] = check
            item = DBSession.query(MenuItem).filter(MenuItem.outlet_id == outlet.id,
                                                    MenuItem.sku == row['sku']).first()
            check.lines.append(PosCheckLine(menu_item_id=item.id if item else None,
                                            qty=int(row['qty']),
                                            unit_price=to_decimal(row['price'])))
        for check in checks.values():
            pos.close_check(check, rows[0].get('tender', 'cash'), print_receipt=False)
        shutil.move(path, path + '.done')
        log.info('imported %d checks from %s', len(checks), path)


@job('partner_passes', at='04:00')
def import_partner_passes():
    """Reciprocal season passes from the partner resorts (nightly CSV)."""
    path = get_setting('resort.partner_pass_file')
    if not path or not os.path.exists(path):
        return
    product = DBSession.query(PassProduct).filter(PassProduct.code == 'PARTNER').one()
    with open(path, newline='') as f:
        for row in csv.DictReader(f):
            guest = DBSession.query(Guest).filter(Guest.email == row['email'].lower()).first()
            if guest is None:
                guest = create_guest({'first_name': row['first_name'],
                                      'last_name': row['last_name'],
                                      'email': row['email'],
                                      'birth_date': row.get('dob')})
            if any(p.product_id == product.id and p.status != 'refunded' for p in guest.passes):
                continue
            passes.sell_pass(guest, product, datetime.date.today(), charge=False,
                             send_receipt=False)
