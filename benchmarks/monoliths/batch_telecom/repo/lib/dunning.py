# -*- coding: utf-8 -*-
"""Dunning / collections process.

Step table (days after oldest due date):
   1  reminder e-mail        (+7)
   2  SMS                    (+14)
   3  outgoing barring       (+21)
   4  suspension             (+35)
   5  handover to agency     (+60)  -> case closed 'agency'
Business accounts skip steps 3/4 and get a phone call instead (ticket).
"""
import datetime

from lib import config, dbutil
from lib.log import get_logger
from lib.money import D, format_money
from lib.notify import render, send_mail, send_sms

log = get_logger("dunning")

STEPS = [
    # step, days overdue, action
    (1, 7, "reminder"),
    (2, 14, "sms"),
    (3, 21, "bar"),
    (4, 35, "suspend"),
    (5, 60, "agency"),
]

REMINDER_MAIL = u"""Dear $name,

We have not yet received payment of $amount for account $account_no.
The oldest invoice was due on $due.

Please pay within 7 days to avoid interruption of your service.

$company
"""

SMS_TEXT = u"Telco: your account %s has an outstanding balance of %s. Pay now to avoid barring."


def min_balance():
    return D(config.get("dunning", "min_balance", "5.00"))


def find_overdue_accounts(as_of=None):
    as_of = as_of or datetime.date.today()
    grace = int(config.get("dunning", "grace_days", "7"))
    return dbutil.fetchall("""
        SELECT b.account_id, b.balance, b.oldest_due, a.account_no, a.name, a.account_type
          FROM v_account_balance b JOIN accounts a ON a.id = b.account_id
         WHERE b.balance >= %s AND b.oldest_due <= %s AND a.status = 'active'
         ORDER BY b.oldest_due""", (min_balance(), as_of - datetime.timedelta(days=grace)))


def open_case(account_id, balance):
    existing = dbutil.scalar("SELECT id FROM dunning_cases WHERE account_id = %s AND status = 'open'",
                             (account_id,))
    if existing:
        dbutil.execute("UPDATE dunning_cases SET balance_due = %s WHERE id = %s", (balance, existing))
        return existing
    return dbutil.scalar("""
        INSERT INTO dunning_cases (account_id, balance_due) VALUES (%s, %s) RETURNING id""",
                         (account_id, balance))


def due_step(days_overdue, account_type):
    step = None
    for s in STEPS:
        if days_overdue >= s[1]:
            if account_type == "business" and s[2] in ("bar", "suspend"):
                continue
            step = s
    return step


def _log_action(case_id, step, action, result):
    dbutil.execute("""
        INSERT INTO dunning_actions (case_id, step, action, result) VALUES (%s, %s, %s, %s)""",
                   (case_id, step, action, result[:200]))
    dbutil.execute("UPDATE dunning_cases SET current_step = %s WHERE id = %s", (step, case_id))


def do_reminder(acc, case_id):
    contact = dbutil.get_primary_contact(acc["account_id"])
    if not contact or not contact["email"]:
        return "no email"
    body = render(REMINDER_MAIL, name=contact["name"] or acc["name"],
                  amount=format_money(acc["balance"]), account_no=acc["account_no"],
                  due=acc["oldest_due"].strftime("%d-%m-%Y"),
                  company=config.get("billing", "company_name"))
    send_mail(contact["email"], "Payment reminder %s" % acc["account_no"], body)
    return "mailed %s" % contact["email"]


def do_sms(acc, case_id):
    sent = 0
    for sub in dbutil.list_account_subscribers(acc["account_id"]):
        try:
            send_sms(sub["msisdn"], SMS_TEXT % (acc["account_no"], format_money(acc["balance"])))
            sent += 1
        except Exception as e:
            log.warning("sms to %s failed: %s", sub["msisdn"], e)
    return "sms sent %d" % sent


def do_bar(acc, case_id):
    from lib import customer
    n = 0
    for sub in dbutil.list_account_subscribers(acc["account_id"]):
        if sub["status"] == "active":
            customer.bar_subscriber(sub["id"], "dunning", user="dunning")
            n += 1
    return "barred %d" % n


def do_suspend(acc, case_id):
    from lib import customer
    n = 0
    for sub in dbutil.list_account_subscribers(acc["account_id"]):
        if sub["status"] in ("active", "barred"):
            customer.change_status(sub["id"], "suspended", "dunning", user="dunning")
            dbutil.queue_prov_order(sub["id"], "suspend", {"barring": "all"}, "dunning")
            n += 1
    return "suspended %d" % n


def do_agency(acc, case_id):
    dbutil.execute("UPDATE dunning_cases SET status = 'agency', closed_at = now() WHERE id = %s", (case_id,))
    dbutil.create_ticket("Handover to collection agency: %s" % acc["account_no"],
                         "Balance %s, oldest due %s" % (acc["balance"], acc["oldest_due"]),
                         account_id=acc["account_id"], category="Collections", priority="P3")
    return "handed over"


ACTIONS = {
    "reminder": do_reminder,
    "sms": do_sms,
    "bar": do_bar,
    "suspend": do_suspend,
    "agency": do_agency,
}


def advance_case(acc, as_of, dry_run=False):
    case_id = open_case(acc["account_id"], acc["balance"])
    current = dbutil.scalar("SELECT current_step FROM dunning_cases WHERE id = %s", (case_id,))
    step = due_step((as_of - acc["oldest_due"]).days, acc["account_type"])
    if step is None or step[0] <= current:
        return None
    if acc["account_type"] == "business" and step[0] >= 3 and current < 3:
        dbutil.create_ticket("Call business customer about arrears %s" % acc["account_no"],
                             "Balance %s" % acc["balance"], account_id=acc["account_id"],
                             category="Collections", priority="P2")
    if dry_run:
        log.info("DRY %s would do step %s (%s)", acc["account_no"], step[0], step[2])
        return step[2]
    result = ACTIONS[step[2]](acc, case_id)
    _log_action(case_id, step[0], step[2], result)
    return step[2]


def close_paid_cases():
    """Cases whose balance dropped under the threshold: close and unbar."""
    from lib import customer
    rows = dbutil.fetchall("""
        SELECT c.id, c.account_id, c.current_step FROM dunning_cases c
          JOIN v_account_balance b ON b.account_id = c.account_id
         WHERE c.status = 'open' AND b.balance < %s""", (min_balance(),))
    for r in rows:
        dbutil.execute("UPDATE dunning_cases SET status = 'paid', closed_at = now() WHERE id = %s", (r["id"],))
        if r["current_step"] >= 3:
            for sub in dbutil.list_account_subscribers(r["account_id"]):
                if sub["status"] in ("barred", "suspended") and sub["barring_reason"] == "dunning":
                    customer.unbar_subscriber(sub["id"], user="dunning")
    dbutil.commit()
    return len(rows)


def case_history(account_id):
    return dbutil.fetchall("""
        SELECT c.id AS case_id, c.status, c.opened_at, c.closed_at, c.balance_due,
               a.step, a.action, a.executed_at, a.result
          FROM dunning_cases c LEFT JOIN dunning_actions a ON a.case_id = c.id
         WHERE c.account_id = %s ORDER BY c.opened_at DESC, a.step""", (account_id,))
