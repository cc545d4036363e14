"""Outgoing email.  Plain smtplib, no queue (there was a queue once, see git history)."""
import smtplib
import logging
from email.mime.text import MIMEText
from email.mime.multipart import MIMEMultipart
from email.mime.application import MIMEApplication

from config import settings

log = logging.getLogger('lsbs.mail')


class Mailer(object):

    def __init__(self, host=None, port=None, sender=None):
        self.host = host or settings.SMTP_HOST
        self.port = port or settings.SMTP_PORT
        self.sender = sender or settings.MAIL_FROM
        self.sent = []

    def build(self, to, subject, body, html=None, attachments=None):
        msg = MIMEMultipart('mixed')
        msg['From'] = self.sender
        msg['To'] = to if isinstance(to, str) else ', '.join(to)
        msg['Subject'] = subject
        alt = MIMEMultipart('alternative')
        alt.attach(MIMEText(body, 'plain', 'utf-8'))
        if html:
            alt.attach(MIMEText(html, 'html', 'utf-8'))
        msg.attach(alt)
        for name, data in (attachments or []):
            part = MIMEApplication(data, Name=name)
            part['Content-Disposition'] = 'attachment; filename="%s"' % name
            msg.attach(part)
        return msg

    def send(self, to, subject, body, html=None, attachments=None):
        msg = self.build(to, subject, body, html, attachments)
        if not settings.MAIL_ENABLED:
            log.info('MAIL (disabled) to=%s subject=%s', to, subject)
            self.sent.append(msg)
            return True
        try:
            s = smtplib.SMTP(self.host, self.port, timeout=20)
            recipients = [to] if isinstance(to, str) else list(to)
            s.sendmail(self.sender, recipients, msg.as_string())
            s.quit()
            return True
        except Exception as e:
            log.error('mail to %s failed: %s', to, e)
            return False


_default = None


def get_mailer():
    global _default
    if _default is None:
        _default = Mailer()
    return _default


def send_mail(to, subject, body, html=None, attachments=None):
    if not to:
        log.warning('send_mail with no recipient: %s', subject)
        return False
    return get_mailer().send(to, subject, body, html=html, attachments=attachments)
