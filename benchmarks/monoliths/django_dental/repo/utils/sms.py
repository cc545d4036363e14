import logging
import re

import requests
from django.conf import settings

log = logging.getLogger(__name__)


def normalise_us_mobile(number):
    if not number:
        return None
    digits = re.sub(r'\D', '', number)
    if len(digits) == 11 and digits.startswith('1'):
        digits = digits[1:]
    if len(digits) != 10:
        return None
    return '+1' + digits


class SmsGateway(object):
    def __init__(self, url=None, sender=None, timeout=10):
        self.url = url or settings.SMS_GATEWAY_URL
        self.sender = sender or settings.SMS_SENDER_ID
        self.timeout = timeout

    def send(self, to, text):
        resp = requests.post(self.url, json={'to': to, 'from': self.sender, 'text': text[:480]},
                             timeout=self.timeout)
        resp.raise_for_status()
        return resp.json().get('message_id')


_gateway = None


def send_sms(number, text):
    global _gateway
    to = normalise_us_mobile(number)
    if to is None:
        log.info('not sending sms, bad number %r', number)
        return None
    if _gateway is None:
        _gateway = SmsGateway()
    try:
        return _gateway.send(to, text)
    except Exception:
        log.exception('sms to %s failed', to)
        return None
