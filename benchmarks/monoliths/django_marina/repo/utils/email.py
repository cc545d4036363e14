import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

log = logging.getLogger(__name__)


def _render(template, context):
    ctx = dict(context or {})
    ctx.setdefault('marina_name', settings.MARINA_NAME)
    text = render_to_string('email/%s.txt' % template, ctx)
    try:
        html = render_to_string('email/%s.html' % template, ctx)
    except Exception:
        html = None
    return text, html


def send_templated_email(to, subject, template, context=None, attachments=None):
    if isinstance(to, str):
        to = [to]
    to = [t for t in to if t]
    if not to:
        log.warning('no recipients for %s', template)
        return False
    text, html = _render(template, context)
    msg = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to)
    if html:
        msg.attach_alternative(html, 'text/html')
    for name, content, mime in attachments or []:
        msg.attach(name, content, mime)
    msg.send(fail_silently=False)
    return True


def notify_office(subject, body):
    return send_templated_email(settings.OFFICE_EMAIL, subject, 'office_note', {'body': body})


def send_sms(number, text):
    if not settings.SMS_ENABLED:
        log.info('SMS disabled, would send to %s: %s', number, text)
        return None
    from twilio.rest import Client
    client = Client(settings.TWILIO_SID, settings.TWILIO_TOKEN)
    return client.messages.create(to=number, from_='HarbourMar', body=text[:300])
