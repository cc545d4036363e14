import os
import smtplib
import logging
import urllib.parse
import urllib.request
from email.mime.text import MIMEText
from string import Template

import config
import db
import utils

log = logging.getLogger('water.notify')


def render_message(template_name, **ctx):
    path = os.path.join(config.get('template_dir'), 'mail', template_name)
    with open(path) as f:
        return Template(f.read()).safe_substitute(company=config.get('company_name'), **ctx)


def send_email(to, subject, body, html=False):
    if not to:
        return False
    msg = MIMEText(body, 'html' if html else 'plain', 'utf-8')
    msg['Subject'] = subject
    msg['From'] = config.get('mail_from')
    msg['To'] = to
    try:
        s = smtplib.SMTP(config.get('smtp_host'), int(config.get('smtp_port', 25)), timeout=15)
        s.sendmail(config.get('mail_from'), [to], msg.as_string())
        s.quit()
        return True
    except Exception:
        log.exception('mail to %s failed', to)
        return False


def send_sms(number, text):
    number = utils.normalize_phone(number)
    if not number:
        return False
    if config.get('sms_enabled') != '1':
        log.info('SMS (disabled) to %s: %s', number, text)
        return False
    data = urllib.parse.urlencode({'to': number, 'msg': text[:160]}).encode()
    try:
        urllib.request.urlopen(config.get('sms_gateway_url'), data, timeout=10)
        return True
    except Exception:
        log.exception('sms to %s failed', number)
        return False


def _account_contact(account_id):
    return db.query_one('SELECT a.account_no, c.first_name, c.last_name, c.company_name, c.email, c.mobile '
                        'FROM accounts a JOIN customers c ON c.id = a.customer_id WHERE a.id = ?', (account_id,))


def send_welcome_letter(account_id):
    c = _account_contact(account_id)
    body = render_message('welcome.txt', name=c['first_name'] or c['company_name'], account_no=c['account_no'])
    return send_email(c['email'], 'Welcome to %s' % config.get('company_name'), body)


def send_bill_email(bill_id):
    b = db.query_one('SELECT b.*, a.account_no, c.email, c.first_name FROM bills b JOIN accounts a '
                     'ON a.id = b.account_id JOIN customers c ON c.id = a.customer_id WHERE b.id = ?', (bill_id,))
    body = render_message('bill.txt', name=b['first_name'] or '', account_no=b['account_no'],
                          total=utils.format_money(b['total']), due=utils.format_date(b['due_date']))
    return send_email(b['email'], 'Your water account %s' % b['account_no'], body)


def send_payment_receipt(payment_id):
    p = db.query_one('SELECT p.*, a.id AS aid FROM payments p JOIN accounts a ON a.id = p.account_id WHERE p.id = ?',
                     (payment_id,))
    c = _account_contact(p['aid'])
    send_sms(c['mobile'], 'Payment of %s received on %s. Thank you.' % (utils.format_money(p['amount']),
                                                                          c['account_no']))


def send_dunning_letter(notice_id):
    n = db.query_one('SELECT * FROM dunning_notices WHERE id = ?', (notice_id,))
    c = _account_contact(n['account_id'])
    tmpl = {'REMINDER': 'reminder.txt', 'FINAL': 'final_notice.txt',
            'DISCONNECT': 'disconnect_notice.txt'}[n['notice_type']]
    body = render_message(tmpl, name=c['first_name'] or c['company_name'], account_no=c['account_no'],
                          amount=utils.format_money(n['arrears_amount']), due=utils.format_date(n['due_by']))
    return send_email(c['email'], 'Account %s - arrears notice' % c['account_no'], body)


def send_disconnection_sms(account_id, notice_id):
    c = _account_contact(account_id)
    n = db.query_one('SELECT arrears_amount, due_by FROM dunning_notices WHERE id = ?', (notice_id,))
    send_sms(c['mobile'], 'RBW: acc %s arrears %s. Water will be disconnected after %s unless paid.'
             % (c['account_no'], utils.format_money(n['arrears_amount']), n['due_by']))


def send_complaint_ack(complaint_id):
    c = db.query_one('SELECT ref_no, caller_phone, account_id FROM complaints WHERE id = ?', (complaint_id,))
    phone = c['caller_phone']
    if not phone and c['account_id']:
        phone = _account_contact(c['account_id'])['mobile']
    return send_sms(phone, 'RBW: your complaint is logged, ref %s' % c['ref_no'])


def notify_crew_assignment(wo_id, crew_id):
    sup = db.query_one('SELECT u.email, u.full_name FROM crews c JOIN users u ON u.id = c.supervisor_id '
                       'WHERE c.id = ?', (crew_id,))
    wo = db.query_one('SELECT wo_no, wo_type, description, scheduled_for FROM work_orders WHERE id = ?', (wo_id,))
    if sup:
        send_email(sup['email'], 'Job %s assigned' % wo['wo_no'],
                   '%s\n%s\nscheduled %s' % (wo['wo_type'], wo['description'] or '', wo['scheduled_for'] or 'asap'))


def notify_boil_water_advisory(zone_code):
    rows = db.query_all("SELECT DISTINCT c.mobile FROM accounts a JOIN premises p ON p.id = a.premise_id "
                        "JOIN customers c ON c.id = a.customer_id WHERE p.zone_code = ? AND a.status = 'ACTIVE' "
                        "AND c.mobile IS NOT NULL", (zone_code,))
    n = 0
    for r in rows:
        if send_sms(r['mobile'], 'RBW ADVISORY: boil tap water before drinking in zone %s until further notice.'
                    % zone_code):
            n += 1
    return n


def send_password_reset(user_id, temp_password):
    u = db.query_one('SELECT email, username FROM users WHERE id = ?', (user_id,))
    return send_email(u['email'], 'Password reset', 'User %s temporary password: %s' % (u['username'], temp_password))
