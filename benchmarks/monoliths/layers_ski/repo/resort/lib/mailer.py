import logging

from pyramid.renderers import render
from pyramid.threadlocal import get_current_request
from pyramid_mailer import get_mailer
from pyramid_mailer.message import Message

log = logging.getLogger(__name__)

DEFAULT_SENDER = 'Peak Resort <noreply@peakresort.example>'


def render_email(template, values, request=None):
    request = request or get_current_request()
    return render('resort:templates/email/%s' % template, values, request=request)


def send_email(to, subject, body=None, html=None, request=None, attachments=None):
    request = request or get_current_request()
    if isinstance(to, str):
        to = [to]
    to = [addr for addr in to if addr]
    if not to:
        log.info('no recipients for %r, skipping', subject)
        return False
    message = Message(subject=subject, sender=DEFAULT_SENDER, recipients=to,
                      body=body, html=html)
    for attachment in attachments or []:
        message.attach(attachment)
    get_mailer(request).send(message)
    return True
