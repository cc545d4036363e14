"""SMS via the corporate gateway.  Only used for a few alerts."""
import logging
import requests

from config import settings

log = logging.getLogger('lsbs.sms')


def normalise_mobile(number):
    n = ''.join(c for c in (number or '') if c.isdigit() or c == '+')
    if n.startswith('07'):
        n = '+44' + n[1:]
    return n


def send_sms(number, text):
    number = normalise_mobile(number)
    if not number:
        return False
    if not settings.SMS_ENABLED:
        log.info('SMS (disabled) %s: %s', number, text)
        return True
    try:
        r = requests.post(settings.SMS_API_URL, json={
            'to': number, 'message': text[:459], 'key': settings.SMS_API_KEY}, timeout=10)
        return r.status_code == 200
    except requests.RequestException as e:
        log.error('sms failed: %s', e)
        return False
