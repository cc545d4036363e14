"""send emails. uses the internal relay, no auth."""
import logging
import smtplib
from email.mime.text import MIMEText
from email.mime.multipart import MIMEMultipart
from email.mime.application import MIMEApplication

import config

log = logging.getLogger('lhs.mail')

TEMPLATES = {
    'invoice': u'Dear {name},\n\nPlease find attached invoice {invoice_no} for {amount}.\n\n{company}',
    'reminder': u'Dear {name},\n\nOur records show invoice {invoice_no} for {amount} is {days} days overdue.\n\n{company}',
    'short': u'Delivery {delivery_id} to {site} was short:\n\n{lines}\n',
    'fault': u'Machine {machine} reported a fault at {when}:\n\n{description}\n',
    'training': u'The following training records expire in the next 30 days:\n\n{lines}\n',
}


def _smtp():
    return smtplib.SMTP(config.SMTP_HOST, timeout=20)


def send_mail(to, subject, body, attachments=None, cc=None):
    if isinstance(to, str):
        to = [to]
    msg = MIMEMultipart()
    msg['From'] = config.SMTP_FROM
    msg['To'] = ', '.join(to)
    if cc:
        msg['Cc'] = ', '.join(cc)
    msg['Subject'] = subject
    msg.attach(MIMEText(body, 'plain', 'utf-8'))
    for name, data in (attachments or []):
        part = MIMEApplication(data, Name=name)
        part['Content-Disposition'] = 'attachment; filename="%s"' % name
        msg.attach(part)
    if config.DEBUG:
        log.info('DEBUG: not sending mail to %s: %s', to, subject)
        return True
    try:
        s = _smtp()
        s.sendmail(config.SMTP_FROM, to + (cc or []), msg.as_string())
        s.quit()
        return True
    except Exception as e:
        log.error('mail to %s failed: %s', to, e)
        return False


def send_template(to, subject, template, attachments=None, **kw):
    kw.setdefault('company', config.COMPANY_NAME)
    body = TEMPLATES[template].format(**kw)
    return send_mail(to, subject, body, attachments=attachments)
