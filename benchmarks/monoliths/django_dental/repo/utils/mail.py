import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string

log = logging.getLogger(__name__)


def _render(template_base, context):
    subject = render_to_string('%s_subject.txt' % template_base, context).strip()
    text = render_to_string('%s.txt' % template_base, context)
    try:
        html = render_to_string('%s.html' % template_base, context)
    except Exception:
        html = None
    return subject, text, html


def send_templated_email(template_base, context, to, attachments=None, from_email=None, fail_silently=True):
    if isinstance(to, str):
        to = [to]
    to = [t for t in to if t]
    if not to:
        return False
    subject, text, html = _render(template_base, context)
    msg = EmailMultiAlternatives(subject, text, from_email or settings.DEFAULT_FROM_EMAIL, to)
    if html:
        msg.attach_alternative(html, 'text/html')
    for name, content, mimetype in (attachments or []):
        msg.attach(name, content, mimetype)
    try:
        msg.send()
    except Exception:
        log.exception('email %s to %s failed', template_base, to)
        if not fail_silently:
            raise
        return False
    return True


def send_bulk(messages):
    # messages: list of (template_base, context, to)
    conn = get_connection()
    sent = 0
    for template_base, context, to in messages:
        subject, text, html = _render(template_base, context)
        msg = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to], connection=conn)
        if html:
            msg.attach_alternative(html, 'text/html')
        try:
            msg.send()
            sent += 1
        except Exception:
            log.warning('bulk mail to %s failed', to)
    return sent
