"""
Refill reminders (SMS / email).  Only for patients with sms/email consent.
Runs from misc_jobs.job_refill_reminders at 10am.
"""
import common
import config
import notify
from dbconn import query, execute

log = common.get_logger('rxbo.reminders')

SMS_TEXT = ("{{branch}}: Hi {{first}}, your prescription {{drug}} (Rx {{rx}}) is due for a refill. "
            "Reply R to request it or call {{phone}}. Reply STOP to opt out.")


def due_refills(days_ahead=None):
    days_ahead = days_ahead or config.REFILL_REMINDER_DAYS
    return query("SELECT pi.id AS item_id, pi.next_due_date, rx.rx_number, rx.branch_id, pa.id AS patient_id, "
                 "pa.first_name, pa.mobile, pa.email, p.name AS drug, b.name AS branch, b.phone AS branch_phone "
                 "FROM prescription_items pi JOIN prescriptions rx ON rx.id = pi.prescription_id "
                 "JOIN patients pa ON pa.id = rx.patient_id JOIN products p ON p.id = pi.product_id "
                 "JOIN branches b ON b.id = rx.branch_id "
                 "WHERE rx.status = 'ACTIVE' AND pi.status = 'ACTIVE' AND pa.active = 1 "
                 "AND pi.refills_used < pi.refills_authorized "
                 "AND pi.next_due_date BETWEEN CURDATE() AND DATE_ADD(CURDATE(), INTERVAL %s DAY) "
                 "AND (pi.reminded_at IS NULL OR pi.reminded_at < DATE_SUB(NOW(), INTERVAL 20 DAY))", (days_ahead,))


def _consented(patient_id, consent_type):
    rows = query("SELECT granted FROM patient_consents WHERE patient_id = %s AND consent_type = %s "
                 "ORDER BY recorded_at DESC LIMIT 1", (patient_id, consent_type))
    return bool(rows and rows[0]['granted'])


def build_reminder_text(r):
    return notify.render_template(SMS_TEXT, branch=r['branch'], first=(r['first_name'] or '').title(),
                                  drug=r['drug'], rx=r['rx_number'], phone=common.format_phone(r['branch_phone']))


def mark_reminded(item_id):
    execute("UPDATE prescription_items SET reminded_at = NOW() WHERE id = %s", (item_id,))


def send_refill_reminders():
    sent = 0
    for r in due_refills():
        text = build_reminder_text(r)
        ok = False
        if r['mobile'] and _consented(r['patient_id'], 'sms'):
            ok = notify.send_sms(r['mobile'], text)
        elif r['email'] and _consented(r['patient_id'], 'email'):
            ok = notify.send_email(r['email'], 'Refill reminder', text)
        if ok:
            mark_reminded(r['item_id'])
            sent += 1
    log.info('sent %d refill reminders', sent)
    return sent
