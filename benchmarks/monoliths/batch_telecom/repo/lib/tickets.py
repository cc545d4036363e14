# -*- coding: utf-8 -*-
"""Customer support tickets.

NB: tickets are also created all over the code base via
dbutil.create_ticket() (system tickets). This module is what the front
office uses.
"""
from lib import dbutil
from lib.log import get_logger
from lib.notify import render, send_mail

log = get_logger("tickets")

STATUSES = ("open", "in_progress", "waiting_customer", "resolved", "closed")
PRIORITIES = ("P1", "P2", "P3", "P4")
ESCALATION_LEVELS = {1: "team lead", 2: "support manager", 3: "head of operations"}

RESOLVED_MAIL = u"""Dear $name,

Your ticket $ticket_no "$subject" has been resolved.

$resolution

If the problem persists simply reply to this e-mail within 7 days.

Customer Service
"""


class TicketError(Exception):
    pass


def open_ticket(subject, description, account_id=None, msisdn=None, category="General",
                priority=None, source="phone", user=None):
    subscriber_id = None
    if msisdn:
        sub = dbutil.get_subscriber_by_msisdn(msisdn, include_terminated=True)
        if sub:
            subscriber_id = sub["id"]
            account_id = account_id or sub["account_id"]
    if priority and priority not in PRIORITIES:
        raise TicketError("bad priority %s" % priority)
    tid = dbutil.create_ticket(subject, description, account_id, subscriber_id, category, priority,
                               source)
    if user:
        assign(tid, user)
    dbutil.commit()
    return tid


def get_ticket(ticket_id):
    t = dbutil.fetchone("""
        SELECT t.*, c.name AS category, c.team, s.response_due, s.resolve_due,
               s.response_breached, s.resolve_breached
          FROM tickets t
          LEFT JOIN ticket_categories c ON c.id = t.category_id
          LEFT JOIN v_ticket_sla s ON s.ticket_id = t.id
         WHERE t.id = %s""", (ticket_id,))
    if t is None:
        raise TicketError("no ticket %s" % ticket_id)
    t["comments"] = dbutil.fetchall("SELECT * FROM ticket_comments WHERE ticket_id = %s ORDER BY created_at",
                                    (ticket_id,))
    return t


def add_comment(ticket_id, author, body, internal=False):
    dbutil.execute("""
        INSERT INTO ticket_comments (ticket_id, author, body, internal) VALUES (%s, %s, %s, %s)""",
                   (ticket_id, author, body, internal))
    if not internal:
        dbutil.execute("""
            UPDATE tickets SET first_response_at = COALESCE(first_response_at, now())
             WHERE id = %s""", (ticket_id,))
    dbutil.commit()


def assign(ticket_id, user):
    dbutil.execute("""
        UPDATE tickets SET assigned_to = %s,
               status = CASE WHEN status = 'open' THEN 'in_progress' ELSE status END
         WHERE id = %s""", (user, ticket_id))


def set_status(ticket_id, status, user, resolution=None):
    if status not in STATUSES:
        raise TicketError("bad status %s" % status)
    extra = ", resolved_at = now()" if status == "resolved" else ""
    dbutil.execute("UPDATE tickets SET status = %s" + extra + " WHERE id = %s", (status, ticket_id))
    if resolution:
        add_comment(ticket_id, user, resolution)
    if status == "resolved":
        notify_resolved(ticket_id, resolution)
    dbutil.commit()


def notify_resolved(ticket_id, resolution):
    t = dbutil.fetchone("SELECT * FROM tickets WHERE id = %s", (ticket_id,))
    if not t["account_id"] or t["source"] == "system":
        return
    contact = dbutil.get_primary_contact(t["account_id"])
    if not contact or not contact["email"]:
        return
    try:
        send_mail(contact["email"], "Ticket %s resolved" % t["ticket_no"],
                  render(RESOLVED_MAIL, name=contact["name"], ticket_no=t["ticket_no"],
                         subject=t["subject"], resolution=resolution or ""))
    except Exception as e:
        log.warning("could not mail resolution for %s: %s", t["ticket_no"], e)


def search(status=None, team=None, assigned_to=None, account_id=None, limit=200):
    sql = """
        SELECT t.id, t.ticket_no, t.subject, t.priority, t.status, t.opened_at, t.assigned_to,
               c.name AS category, c.team, a.account_no
          FROM tickets t
          LEFT JOIN ticket_categories c ON c.id = t.category_id
          LEFT JOIN accounts a ON a.id = t.account_id
         WHERE 1=1"""
    params = []
    if status == "active":
        sql += " AND t.status NOT IN ('resolved', 'closed')"
    elif status:
        sql += " AND t.status = %s"
        params.append(status)
    if team:
        sql += " AND c.team = %s"
        params.append(team)
    if assigned_to:
        sql += " AND t.assigned_to = %s"
        params.append(assigned_to)
    if account_id:
        sql += " AND t.account_id = %s"
        params.append(account_id)
    sql += " ORDER BY t.priority, t.opened_at LIMIT %s"
    params.append(limit)
    return dbutil.fetchall(sql, params)


def breached_tickets():
    return dbutil.fetchall("""
        SELECT s.*, t.assigned_to, t.subject,
               (SELECT MAX(level) FROM ticket_escalations e WHERE e.ticket_id = s.ticket_id) AS level
          FROM v_ticket_sla s JOIN tickets t ON t.id = s.ticket_id
         WHERE s.status NOT IN ('resolved', 'closed')
           AND (s.response_breached OR s.resolve_breached)""")


def escalate(ticket_id, level, reason):
    dbutil.execute("INSERT INTO ticket_escalations (ticket_id, level, reason) VALUES (%s, %s, %s)",
                   (ticket_id, level, reason))
    if level >= 2:
        dbutil.execute("UPDATE tickets SET priority = 'P1' WHERE id = %s AND priority <> 'P1'", (ticket_id,))


def auto_close_resolved(days=7):
    return dbutil.execute("""
        UPDATE tickets SET status = 'closed'
         WHERE status = 'resolved' AND resolved_at < now() - (%s || ' days')::interval""", (days,),
                          commit_now=True)


def tickets_for_element(element_id):
    return dbutil.fetchall("""
        SELECT id, ticket_no, subject, status, opened_at FROM tickets
         WHERE related_element_id = %s ORDER BY opened_at DESC""", (element_id,))


def categories():
    return dbutil.fetchall("SELECT * FROM ticket_categories ORDER BY name")
