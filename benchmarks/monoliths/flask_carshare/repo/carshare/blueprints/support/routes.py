"""Support desk. Replaced Zendesk in 2021.

NB: written straight against the DB (no services.py) on purpose, we wanted
to keep it separable. -- MLC
"""
import logging

from flask import abort, current_app, flash, redirect, render_template, request, url_for

from carshare import auth
from carshare.blueprints.support import bp
from carshare.blueprints.support.forms import NewTicketForm, ReplyForm
from carshare.db import fetch_all, fetch_one, get_cursor
from carshare.lib import mailer
from carshare.lib.dates import add_minutes, utcnow
from carshare.lib.decorators import admin_required, json_view, login_required

log = logging.getLogger(__name__)

TEAM_FOR_CATEGORY = {"billing": "billing", "damage": "damage", "car": "fleet"}
PRIORITY_FOR_CATEGORY = {"damage": "high", "car": "high"}


def pick_agent_for(category):
    """Least-loaded active agent in the right team (falls back to general)."""
    team = TEAM_FOR_CATEGORY.get(category, "general")
    sql = """
        SELECT a.id, count(t.id) AS load
          FROM support_agents a
     LEFT JOIN support_tickets t ON t.agent_id = a.id AND t.status IN ('open', 'pending')
         WHERE a.active AND a.team = %s
      GROUP BY a.id ORDER BY load, a.id LIMIT 1
    """
    row = fetch_one(sql, (team,)) or fetch_one(sql, ("general",))
    return row["id"] if row else None


def create_ticket(member_id, subject, body, category="general", reservation_id=None, trip_id=None,
                  invoice_id=None, priority=None, author_type="member"):
    priority = priority or PRIORITY_FOR_CATEGORY.get(category, "normal")
    agent_id = pick_agent_for(category)
    with get_cursor(commit=True) as cur:
        cur.execute("""
            INSERT INTO support_tickets (member_id, reservation_id, trip_id, invoice_id, subject, category,
                                         priority, agent_id)
            VALUES (%s, %s, %s, %s, %s, %s, %s, %s) RETURNING id""",
                    (member_id, reservation_id, trip_id, invoice_id, subject, category, priority, agent_id))
        ticket_id = cur.fetchone()["id"]
        cur.execute("""INSERT INTO ticket_messages (ticket_id, author_type, author_id, body)
                       VALUES (%s, %s, %s, %s)""", (ticket_id, author_type, member_id, body))
    return ticket_id


def add_message(ticket_id, author_type, author_id, body, internal=False):
    with get_cursor(commit=True) as cur:
        cur.execute("""INSERT INTO ticket_messages (ticket_id, author_type, author_id, body, internal)
                       VALUES (%s, %s, %s, %s, %s)""", (ticket_id, author_type, author_id, body, internal))
        if author_type == "agent" and not internal:
            cur.execute("""UPDATE support_tickets SET first_response_at = COALESCE(first_response_at, now()),
                                  status = 'pending' WHERE id = %s""", (ticket_id,))
        elif author_type == "member":
            cur.execute("UPDATE support_tickets SET status = 'open' WHERE id = %s AND status <> 'closed'",
                        (ticket_id,))


def getTicketThread(ticket_id, include_internal=False):
    ticket = fetch_one("SELECT * FROM support_tickets WHERE id = %s", (ticket_id,))
    if ticket is None:
        abort(404)
    sql = "SELECT * FROM ticket_messages WHERE ticket_id = %s"
    if not include_internal:
        sql += " AND internal = FALSE"
    return ticket, fetch_all(sql + " ORDER BY created_at", (ticket_id,))


def resolveTicket(ticket_id):
    with get_cursor(commit=True) as cur:
        cur.execute("UPDATE support_tickets SET status = 'resolved', resolved_at = now() WHERE id = %s",
                    (ticket_id,))


def member_context_for_ticket(ticket):
    """Sidebar for agents: what's going on with this member."""
    mid = ticket["member_id"]
    if not mid:
        return {}
    return {
        "member": fetch_one("SELECT id, email, first_name, last_name, status FROM members WHERE id = %s", (mid,)),
        "reservations": fetch_all("""SELECT id, vehicle_id, starts_at, ends_at, status FROM reservations
                                      WHERE member_id = %s ORDER BY starts_at DESC LIMIT 5""", (mid,)),
        "trips": fetch_all("""SELECT id, vehicle_id, started_at, ended_at, distance_km, status FROM trips
                               WHERE member_id = %s ORDER BY started_at DESC LIMIT 5""", (mid,)),
        "invoices": fetch_all("""SELECT id, number, status, total_pence FROM invoices
                                  WHERE member_id = %s ORDER BY id DESC LIMIT 5""", (mid,)),
    }


def ticketsBreachingSla(now=None):
    now = now or utcnow()
    cfg = current_app.config
    first = add_minutes(now, -60 * cfg["SUPPORT_FIRST_RESPONSE_HOURS"])
    resolution = add_minutes(now, -60 * cfg["SUPPORT_RESOLUTION_HOURS"])
    return fetch_all("""
        SELECT t.id, t.agent_id, t.priority, t.opened_at,
               CASE WHEN t.first_response_at IS NULL AND t.opened_at < %s THEN 'first_response'
                    ELSE 'resolution' END AS breach_type
          FROM support_tickets t
         WHERE t.status IN ('open', 'pending')
           AND ((t.first_response_at IS NULL AND t.opened_at < %s) OR t.opened_at < %s)
           AND NOT EXISTS (SELECT 1 FROM ticket_sla_breaches b WHERE b.ticket_id = t.id)""",
                     (first, first, resolution))


def record_sla_breach(ticket_id, breach_type, escalate_to=None):
    with get_cursor(commit=True) as cur:
        cur.execute("""INSERT INTO ticket_sla_breaches (ticket_id, breach_type, escalated_to)
                       VALUES (%s, %s, %s)""", (ticket_id, breach_type, escalate_to))
        if escalate_to:
            cur.execute("UPDATE support_tickets SET agent_id = %s, priority = 'urgent' WHERE id = %s",
                        (escalate_to, ticket_id))


# --- member side ----------------------------------------------------------

@bp.route("/")
@login_required
def my_tickets():
    rows = fetch_all("SELECT * FROM support_tickets WHERE member_id = %s ORDER BY opened_at DESC",
                     (auth.current_member_id(),))
    return render_template("support/mine.html", tickets=rows)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new_ticket():
    form = NewTicketForm()
    if form.validate_on_submit():
        tid = create_ticket(auth.current_member_id(), form.subject.data, form.body.data, form.category.data,
                            reservation_id=form.reservation_id.data, invoice_id=form.invoice_id.data)
        flash("Thanks - we'll get back to you (ticket #%s)" % tid)
        return redirect(url_for("support.view_ticket", ticket_id=tid))
    return render_template("support/new.html", form=form)


@bp.route("/<int:ticket_id>", methods=["GET", "POST"])
@login_required
def view_ticket(ticket_id):
    ticket, messages = getTicketThread(ticket_id)
    if ticket["member_id"] != auth.current_member_id():
        abort(403)
    form = ReplyForm()
    if form.validate_on_submit():
        add_message(ticket_id, "member", auth.current_member_id(), form.body.data)
        return redirect(url_for("support.view_ticket", ticket_id=ticket_id))
    return render_template("support/ticket.html", ticket=ticket, messages=messages, form=form)


# --- agent side -----------------------------------------------------------

@bp.route("/desk")
@admin_required
def desk():
    status = request.args.get("status", "open")
    rows = fetch_all("""
        SELECT t.*, a.name AS agent_name, m.email AS member_email
          FROM support_tickets t
     LEFT JOIN support_agents a ON a.id = t.agent_id
     LEFT JOIN members m ON m.id = t.member_id
         WHERE t.status = %s
         ORDER BY CASE t.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END,
                  t.opened_at""", (status,))
    return render_template("support/desk.html", tickets=rows, status=status)


@bp.route("/desk/<int:ticket_id>", methods=["GET", "POST"])
@admin_required
def desk_ticket(ticket_id):
    ticket, messages = getTicketThread(ticket_id, include_internal=True)
    form = ReplyForm()
    if form.validate_on_submit():
        agent = fetch_one("SELECT id FROM support_agents WHERE email = %s",
                          (auth.current_member()["email"],))
        add_message(ticket_id, "agent", agent["id"] if agent else None, form.body.data, form.internal.data)
        if not form.internal.data and ticket["member_id"]:
            m = fetch_one("SELECT email FROM members WHERE id = %s", (ticket["member_id"],))
            mailer.send_ticket_reply(m["email"], ticket_id, form.body.data)
        if form.close_after.data:
            resolveTicket(ticket_id)
        return redirect(url_for("support.desk_ticket", ticket_id=ticket_id))
    agents = fetch_all("SELECT id, name, team FROM support_agents WHERE active ORDER BY name")
    return render_template("support/desk_ticket.html", ticket=ticket, messages=messages, form=form,
                           agents=agents, context=member_context_for_ticket(ticket))


@bp.route("/desk/<int:ticket_id>/assign", methods=["POST"])
@admin_required
def assign(ticket_id):
    with get_cursor(commit=True) as cur:
        cur.execute("UPDATE support_tickets SET agent_id = %s WHERE id = %s",
                    (request.form.get("agent_id", type=int), ticket_id))
    return redirect(url_for("support.desk_ticket", ticket_id=ticket_id))


@bp.route("/inbound", methods=["POST"])
@json_view
def inbound_email():
    """Mailgun route for support+<id>@ replies."""
    to = request.form.get("recipient", "")
    sender = request.form.get("sender", "")
    body = request.form.get("stripped-text") or request.form.get("body-plain") or ""
    try:
        ticket_id = int(to.split("+", 1)[1].split("@", 1)[0])
    except (IndexError, ValueError):
        log.info("inbound mail without ticket id from %s", sender)
        return {"ok": False}
    member = fetch_one("SELECT id FROM members WHERE lower(email) = lower(%s)", (sender,))
    add_message(ticket_id, "member", member["id"] if member else None, body)
    return {"ok": True}
