# -*- coding: utf-8 -*-
import json
import logging
import urllib.parse
import urllib.request

from dealer import config, db, utils
from dealer.decorators import retry

log = logging.getLogger('dealer.sms')

MAX_LEN = 459   # 3 concatenated messages


@retry(times=2, delay=2)
def send_sms(number, text, sender='HarrowMtrs'):
    number = utils.normalise_phone(number)
    if not number or not number.startswith('07'):
        log.info('not a mobile, skipping sms to %r', number)
        return False
    if config.is_debug():
        log.info('DEBUG sms to %s: %s', number, text)
        return True
    data = urllib.parse.urlencode({
        'apikey': config.get('sms_key'),
        'numbers': '44' + number[1:],
        'sender': sender,
        'message': text[:MAX_LEN],
    }).encode('ascii')
    resp = urllib.request.urlopen(config.get('sms_gateway'), data, timeout=15)
    result = json.loads(resp.read().decode('utf8'))
    if result.get('status') != 'success':
        log.error('sms failed: %s', result)
        return False
    return True


def sms_allowed(customer_id):
    """GDPR: only text people who said yes. Added May 2018."""
    row = db.query_one('SELECT sms_ok FROM marketing_prefs WHERE customer_id = %s',
                       (customer_id,))
    return bool(row and row['sms_ok'])
