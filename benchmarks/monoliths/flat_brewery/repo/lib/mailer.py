"""
Outgoing mail.  Uses the local postfix relay in prod.
"""
import logging
import smtplib
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

import config

log = logging.getLogger('hopyard.mail')


class MailError(Exception):
    pass


def _smtp():
    s = smtplib.SMTP(config.SMTP_HOST, config.SMTP_PORT, timeout=20)
    if config.SMTP_USER:
        s.starttls()
        s.login(config.SMTP_USER, config.SMTP_PASSWORD)
    return s


def send_mail(to, subject, body, html=None, attachments=None, cc=None):
    if isinstance(to, str):
        to = [to]
    to = [t for t in to if t]
    if not to:
        log.info('no recipients for %r, skipping', subject)
        return False
    msg = MIMEMultipart('mixed')
    msg['From'] = config.MAIL_FROM
    msg['To'] = ', '.join(to)
    if cc:
        msg['Cc'] = ', '.join(cc)
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
    if config.DEBUG:
        log.info('DEBUG mail to %s: %s\n%s', to, subject, body)
        return True
    try:
        s = _smtp()
        s.sendmail(config.MAIL_FROM, to + list(cc or []), msg.as_string())
        s.quit()
    except (smtplib.SMTPException, OSError) as e:
        log.error('mail failed: %s', e)
        raise MailError(str(e))
    return True


def send_template(to, subject, template, **values):
    """very small templating, {name} style, from templates/mail/*.txt"""
    path = '%s/mail/%s.txt' % (config.TEMPLATE_DIR, template)
    with open(path) as f:
        body = f.read().format(**values)
    return send_mail(to, subject, body)
