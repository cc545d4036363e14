# -*- coding: utf-8 -*-
import smtplib
import logging
from email.mime.text import MIMEText
from email.mime.multipart import MIMEMultipart
from email.mime.application import MIMEApplication

from dealer import config, db

log = logging.getLogger('dealer.mail')


def send_mail(to, subject, body, attachments=None, html=False, cc=None):
    """to may be a string or list. attachments: list of (filename, bytes)."""
    if isinstance(to, str):
        to = [to]
    to = [t for t in to if t]
    if not to:
        log.warning('send_mail with no recipients: %s', subject)
        return False
    msg = MIMEMultipart()
    msg['From'] = config.get('mail_from')
    msg['To'] = ', '.join(to)
    if cc:
        msg['Cc'] = ', '.join(cc)
    msg['Subject'] = subject
    msg.attach(MIMEText(body, 'html' if html else 'plain', 'utf-8'))
    for fname, data in attachments or []:
        part = MIMEApplication(data, Name=fname)
        part['Content-Disposition'] = 'attachment; filename="%s"' % fname
        msg.attach(part)
    if config.is_debug():
        log.info('DEBUG mail to %s: %s', to, subject)
        return True
    s = smtplib.SMTP(config.get('smtp_host'))
    try:
        s.sendmail(config.get('mail_from'), to + (cc or []), msg.as_string())
    finally:
        s.quit()
    return True


def send_template_mail(to, subject, template, **ctx):
    body = template
    for k, v in ctx.items():
        body = body.replace('{{' + k + '}}', str(v))
    return send_mail(to, subject, body)


def notify_managers(subject, body, department=None):
    sql = "SELECT email FROM employees WHERE role = 'manager' AND active = 1"
    params = []
    if department:
        sql += ' AND department = %s'
        params.append(department)
    rows = db.query(sql, params)
    return send_mail([r['email'] for r in rows], '[DMS] ' + subject, body)
