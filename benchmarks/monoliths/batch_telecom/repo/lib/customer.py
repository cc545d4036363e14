# -*- coding: utf-8 -*-
"""Accounts, contacts and subscriber (SIM/line) lifecycle."""
import datetime

from lib import dbutil
from lib.log import get_logger
from lib.validators import normalize_msisdn, is_valid_email, clean_str

log = get_logger("customer")

ACCOUNT_TYPES = ("consumer", "business")
SUBSCRIBER_STATUSES = ("pending", "active", "barred", "suspended", "terminated")

# which transitions are allowed; anything else needs a DBA :(
ALLOWED_TRANSITIONS = {
    "pending": ("active", "terminated"),
    "active": ("barred", "suspended", "terminated"),
    "barred": ("active", "suspended", "terminated"),
    "suspended": ("active", "terminated"),
    "terminated": (),
}


class AccountError(Exception):
    pass


class StatusTransitionError(AccountError):
    pass


def generate_account_no(account_type):
    prefix = "B" if account_type == "business" else "C"
    seq = dbutil.scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM accounts")
    return "%s%08d" % (prefix, seq)


def create_account(name, account_type="consumer", bill_cycle_id=None, email=None,
                   phone=None, address=None, vat_number=None, credit_limit=0):
    if account_type not in ACCOUNT_TYPES:
        raise AccountError("bad account type %s" % account_type)
    if email and not is_valid_email(email):
        raise AccountError("invalid e-mail %s" % email)
    if bill_cycle_id is None:
        # cycle with the fewest accounts, keeps bill runs balanced
        bill_cycle_id = dbutil.scalar("""
            SELECT c.id FROM bill_cycles c
              LEFT JOIN accounts a ON a.bill_cycle_id = c.id
             WHERE c.active GROUP BY c.id ORDER BY COUNT(a.id), c.id LIMIT 1""")
    account_no = generate_account_no(account_type)
    with dbutil.transaction():
        account_id = dbutil.scalar("""
            INSERT INTO accounts (account_no, name, account_type, bill_cycle_id, vat_number, credit_limit)
            VALUES (%s, %s, %s, %s, %s, %s) RETURNING id""",
                                   (account_no, clean_str(name, 200), account_type, bill_cycle_id,
                                    vat_number, credit_limit))
        if email or phone:
            add_contact(account_id, name, email, phone, is_primary=True)
        if address:
            add_address(account_id, **address)
    log.info("created account %s (%s)", account_no, account_id)
    return account_id


def update_account(account_id, **fields):
    allowed = ("name", "account_type", "bill_cycle_id", "credit_limit", "vat_exempt",
               "vat_number", "paper_invoice")
    sets, params = [], []
    for k, v in fields.items():
        if k not in allowed:
            raise AccountError("cannot update %s" % k)
        sets.append("%s = %%s" % k)
        params.append(v)
    if not sets:
        return 0
    params.append(account_id)
    return dbutil.execute("UPDATE accounts SET " + ", ".join(sets) + " WHERE id = %s", params,
                          commit_now=True)


def add_contact(account_id, name, email=None, phone=None, contact_type="billing", is_primary=False):
    if is_primary:
        dbutil.execute("UPDATE account_contacts SET is_primary = false WHERE account_id = %s",
                       (account_id,))
    return dbutil.scalar("""
        INSERT INTO account_contacts (account_id, contact_type, name, email, phone, is_primary)
        VALUES (%s, %s, %s, %s, %s, %s) RETURNING id""",
                         (account_id, contact_type, clean_str(name, 200), email,
                          normalize_msisdn(phone) if phone else None, is_primary))


def add_address(account_id, line1, city, postcode, line2=None, country="NL", addr_type="billing"):
    return dbutil.scalar("""
        INSERT INTO account_addresses (account_id, addr_type, line1, line2, city, postcode, country)
        VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id""",
                         (account_id, addr_type, line1, line2, city,
                          postcode.replace(" ", "").upper(), country))


def add_note(account_id, note, author):
    dbutil.execute("INSERT INTO account_notes (account_id, note, author) VALUES (%s, %s, %s)",
                   (account_id, note, author), commit_now=True)


def list_notes(account_id, limit=50):
    return dbutil.fetchall("""
        SELECT * FROM account_notes WHERE account_id = %s
         ORDER BY created_at DESC LIMIT %s""", (account_id, limit))


def search_accounts(q, limit=50):
    q = (q or "").strip()
    if not q:
        return []
    like = "%" + q.replace("%", "") + "%"
    msisdn = normalize_msisdn(q) if q[:1] in "+0" or q.isdigit() else None
    return dbutil.fetchall("""
        SELECT DISTINCT a.id, a.account_no, a.name, a.status, a.account_type
          FROM accounts a
          LEFT JOIN account_contacts c ON c.account_id = a.id
          LEFT JOIN subscribers s ON s.account_id = a.id
         WHERE a.account_no ILIKE %s OR a.name ILIKE %s OR c.email ILIKE %s
            OR s.msisdn = %s
         ORDER BY a.name LIMIT %s""", (like, like, like, msisdn, limit))


def create_subscriber(account_id, msisdn=None, iccid=None, imsi=None):
    """Creates the line in 'pending'. Provisioning does the rest."""
    account = dbutil.get_account(account_id)
    if account["status"] != "active":
        raise AccountError("account %s is %s" % (account["account_no"], account["status"]))
    return dbutil.scalar("""
        INSERT INTO subscribers (account_id, msisdn, iccid, imsi, status)
        VALUES (%s, %s, %s, %s, 'pending') RETURNING id""",
                         (account_id, normalize_msisdn(msisdn), iccid, imsi))


def change_status(subscriber_id, new_status, reason=None, user="batch"):
    sub = dbutil.get_subscriber(subscriber_id)
    if sub is None:
        raise AccountError("no subscriber %s" % subscriber_id)
    if new_status == sub["status"]:
        return False
    if new_status not in ALLOWED_TRANSITIONS.get(sub["status"], ()):
        raise StatusTransitionError("%s -> %s not allowed for %s" % (
            sub["status"], new_status, sub["msisdn"]))
    dbutil.update_subscriber_status(subscriber_id, new_status, reason, user)
    return True


def status_history(subscriber_id):
    return dbutil.fetchall("""
        SELECT * FROM subscriber_status_log WHERE subscriber_id = %s
         ORDER BY changed_at DESC""", (subscriber_id,))


def bar_subscriber(subscriber_id, reason, user="batch"):
    """Outgoing-call barring. Status change here, network change via prov order."""
    if change_status(subscriber_id, "barred", reason, user):
        dbutil.queue_prov_order(subscriber_id, "suspend", {"barring": "outgoing", "reason": reason}, user)


def unbar_subscriber(subscriber_id, user="batch"):
    if change_status(subscriber_id, "active", None, user):
        dbutil.queue_prov_order(subscriber_id, "resume", {}, user)


def terminate_subscriber(subscriber_id, reason, user="batch", port_out=False):
    sub = dbutil.get_subscriber(subscriber_id)
    with dbutil.transaction():
        change_status(subscriber_id, "terminated", reason, user)
        dbutil.execute("""
            UPDATE subscriptions SET status = 'ended', end_date = current_date
             WHERE subscriber_id = %s AND status = 'active'""", (subscriber_id,))
        # number goes to quarantine unless it leaves us
        if port_out:
            dbutil.execute("UPDATE msisdn_pool SET status = 'ported_out' WHERE msisdn = %s",
                           (sub["msisdn"],))
        else:
            dbutil.execute("""
                UPDATE msisdn_pool SET status = 'quarantine',
                       quarantine_until = current_date + 90
                 WHERE msisdn = %s""", (sub["msisdn"],))
        dbutil.queue_prov_order(subscriber_id, "terminate", {"reason": reason}, user)


def close_account(account_id, user, reason="customer request"):
    subs = dbutil.list_account_subscribers(account_id, active_only=True)
    for s in subs:
        terminate_subscriber(s["id"], reason, user)
    dbutil.execute("UPDATE accounts SET status = 'closed', closed_at = now() WHERE id = %s",
                   (account_id,))
    add_note(account_id, "Account closed: %s" % reason, user)


def account_summary(account_id):
    """Everything the front office wants on one screen. Reads half the DB."""
    acc = dbutil.get_account(account_id)
    balance, oldest_due = dbutil.get_account_balance(account_id)
    subs = dbutil.fetchall("""
        SELECT * FROM v_subscriber_overview WHERE account_id = %s ORDER BY subscriber_id""",
                           (account_id,))
    invoices = dbutil.fetchall("""
        SELECT id, invoice_no, issue_date, due_date, total_amount, status
          FROM invoices WHERE account_id = %s ORDER BY issue_date DESC LIMIT 12""", (account_id,))
    return {
        "account": acc,
        "contact": dbutil.get_primary_contact(account_id),
        "address": dbutil.get_billing_address(account_id),
        "subscribers": subs,
        "invoices": invoices,
        "balance": balance,
        "oldest_due": oldest_due,
        "open_tickets": dbutil.count_open_tickets(account_id),
        "notes": list_notes(account_id, 10),
    }


def subscriber_age_days(sub):
    if not sub.get("activated_at"):
        return 0
    return (datetime.datetime.now(sub["activated_at"].tzinfo) - sub["activated_at"]).days
