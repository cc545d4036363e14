import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

log = logging.getLogger(__name__)


def send_templated_email(to, template, context, subject=None, from_email=None):
    if not to:
        return False
    if isinstance(to, str):
        to = [to]
    context = dict(context or {})
    context.setdefault("charity_name", settings.CHARITY_NAME)
    subject = subject or render_to_string("emails/%s_subject.txt" % template, context).strip()
    text = render_to_string("emails/%s.txt" % template, context)
    try:
        html = render_to_string("emails/%s.html" % template, context)
    except Exception:
        html = None
    msg = EmailMultiAlternatives(subject, text, from_email or settings.DEFAULT_FROM_EMAIL, to)
    if html:
        msg.attach_alternative(html, "text/html")
    try:
        msg.send()
    except Exception:
        log.exception("email to %s failed (%s)", to, template)
        return False
    return True


def notify_staff(subject, body):
    send_templated_email(["ops-alerts@example-charity.org.uk"], "staff_alert",
                         {"body": body}, subject=subject)


def legacy_send_mail(to, subject, body):
    # old helper from the 2019 site, still used by a couple of commands
    from django.core.mail import send_mail
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=True)
