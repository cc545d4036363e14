"""email + sms sending.  SMS goes via the text gateway (was Twilio until 2015)."""
import json
import logging
import smtplib
from email.mime.text import MIMEText

import requests

import config
from decorators import retry

log = logging.getLogger('rxbo.notify')


class SmsGatewayError(Exception):
    pass


def render_template(tpl, **ctx):
    out = tpl
    for k, v in ctx.items():
        out = out.replace('{{%s}}' % k, '' if v is None else str(v))
    return out


def send_email(to, subject, body, html=False):
    if not to:
        return False
    msg = MIMEText(body, 'html' if html else 'plain')
    msg['Subject'] = subject
    msg['From'] = config.MAIL_FROM
    msg['To'] = to if isinstance(to, str) else ', '.join(to)
    try:
        s = smtplib.SMTP(config.SMTP_HOST)
        s.send_message(msg)
        s.quit()
    except Exception:
        log.exception('send_email failed to=%s', to)
        return False
    return True


@retry(times=3, delay=2, exceptions=(SmsGatewayError,))
def _post_sms(payload):
    r = requests.post(config.SMS_GATEWAY_URL, data=json.dumps(payload),
                      headers={'Authorization': 'Key ' + config.SMS_API_KEY,
                               'Content-Type': 'application/json'},
                      timeout=10)
    if r.status_code >= 500:
        raise SmsGatewayError('gateway %s' % r.status_code)
    return r.status_code == 200


def send_sms(number, text):
    if not number:
        return False
    if config.DEBUG:
        log.info('SMS (debug, not sent) %s: %s', number, text)
        return True
    try:
        return _post_sms({'to': number, 'text': text[:459]})
    except SmsGatewayError:
        log.exception('sms failed %s', number)
        return False
