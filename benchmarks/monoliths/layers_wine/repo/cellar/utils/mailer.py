import logging

from flask import current_app, render_template
from flask_mail import Message

from cellar.extensions import mail

log = logging.getLogger(__name__)


def send_email(to, subject, template=None, body=None, attachments=None, **ctx):
    if isinstance(to, str):
        to = [to]
    if template:
        body = render_template("email/%s" % template, **ctx)
    msg = Message(subject, recipients=to, html=body,
                  sender=current_app.config["MAIL_DEFAULT_SENDER"])
    for name, mimetype, data in attachments or []:
        msg.attach(name, mimetype, data)
    if current_app.config.get("MAIL_SUPPRESS_SEND"):
        log.info("mail suppressed: %s -> %s", subject, to)
        return False
    mail.send(msg)
    return True
