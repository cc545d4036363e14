# -*- coding: utf-8 -*-
"""All the SQL.  Functions return RealDictCursor rows (dict-like).
Keep the SQL in here, not in app.py, please - GP"""
from __future__ import unicode_literals

import datetime

from db import (commit, execute, get_conn, get_cursor, in_list, insert, like, query,
                query_one, scalar, transaction)

SUBSCRIBER_SEARCH_SQL = """
    SELECT s.id, s.account_no, s.title, s.first_name, s.last_name, s.email, s.phone, s.status,
           a.line1, a.town, a.postcode
      FROM subscribers s
      LEFT JOIN subscriber_addresses a ON a.subscriber_id = s.id AND a.kind = 'delivery'
     WHERE s.account_no ILIKE %(t)s OR lower(s.last_name) LIKE lower(%(t)s)
        OR s.email ILIKE %(t)s OR replace(a.postcode, ' ', '') ILIKE replace(%(t)s, ' ', '')
        OR s.phone LIKE %(t)s
     ORDER BY s.last_name, s.first_name
     LIMIT %(limit)s OFFSET %(offset)s
"""

SUBSCRIPTION_DETAIL_SQL = """
    SELECT sub.*, rp.code AS plan_code, rp.name AS plan_name, rp.days_mask,
           rp.price_per_week_pence, rp.billing_period, rp.min_term_weeks,
           pub.code AS pub_code, pub.name AS pub_name,
           s.account_no, s.first_name, s.last_name, s.email,
           a.line1, a.line2, a.town, a.postcode, a.route_id, r.code AS route_code,
           pc.code AS promo
      FROM subscriptions sub
      JOIN rate_plans rp ON rp.id = sub.rate_plan_id
      JOIN publications pub ON pub.id = rp.publication_id
      JOIN subscribers s ON s.id = sub.subscriber_id
      LEFT JOIN subscriber_addresses a ON a.id = sub.address_id
      LEFT JOIN delivery_routes r ON r.id = a.route_id
      LEFT JOIN promo_codes pc ON pc.id = sub.promo_code_id
"""

###############################################################################
# SUBSCRIBERS
###############################################################################

def search_subscribers(term, limit=50, offset=0):
    return query(SUBSCRIBER_SEARCH_SQL, {"t": like(term.strip()), "limit": limit, "offset": offset})


def get_subscriber(sid):
    return query_one("SELECT * FROM subscribers WHERE id = %s", (sid,))


def get_subscriber_by_account(account_no):
    return query_one("SELECT * FROM subscribers WHERE account_no = %s", (account_no.upper(),))


def last_account_no():
    return scalar("SELECT max(account_no) FROM subscribers WHERE account_no LIKE 'W%%'")


def create_subscriber(data, account_no):
    return insert("""INSERT INTO subscribers (account_no, title, first_name, last_name, email,
                                              phone, marketing_opt_in, notes)
                     VALUES (%s, %s, %s, %s, %s, %s, %s, %s)""",
                  (account_no, data.get("title"), data.get("first_name"), data["last_name"],
                   data.get("email"), data.get("phone"), bool(data.get("marketing_opt_in")),
                   data.get("notes")))


def update_subscriber(sid, data):
    cols = ["title", "first_name", "last_name", "email", "phone", "marketing_opt_in", "notes", "status"]
    sets = ", ".join("%s = %%(%s)s" % (c, c) for c in cols if c in data)
    if not sets:
        return 0
    params = dict((c, data[c]) for c in cols if c in data)
    params["id"] = sid
    return execute("UPDATE subscribers SET " + sets + " WHERE id = %(id)s", params)


def addresses_for(subscriber_id):
    return query("""SELECT a.*, r.code AS route_code FROM subscriber_addresses a
                    LEFT JOIN delivery_routes r ON r.id = a.route_id
                    WHERE a.subscriber_id = %s ORDER BY a.kind, a.id""", (subscriber_id,))


def get_address(address_id):
    return query_one("SELECT * FROM subscriber_addresses WHERE id = %s", (address_id,))


def add_address(subscriber_id, data, route_id=None):
    return insert("""INSERT INTO subscriber_addresses (subscriber_id, kind, line1, line2, town,
                                                       postcode, route_id, instructions)
                     VALUES (%s, %s, %s, %s, %s, %s, %s, %s)""",
                  (subscriber_id, data.get("kind", "delivery"), data["line1"], data.get("line2"),
                   data.get("town"), data["postcode"], route_id, data.get("instructions")))


def marketing_optins(since=None):
    sql = """SELECT s.account_no, s.first_name, s.last_name, s.email,
                    (SELECT string_agg(DISTINCT pub.code, ',') FROM subscriptions sub
                       JOIN rate_plans rp ON rp.id = sub.rate_plan_id
                       JOIN publications pub ON pub.id = rp.publication_id
                      WHERE sub.subscriber_id = s.id AND sub.status = 'active') AS titles
               FROM subscribers s
              WHERE s.marketing_opt_in AND s.email IS NOT NULL AND s.status = 'active'"""
    if since:
        sql += " AND s.created_at >= '%s'" % since.isoformat()
    return query(sql)

# ---- rate plans & promos ----

def rate_plans(publication_id=None, active_only=True):
    sql = """SELECT rp.*, p.code AS pub_code FROM rate_plans rp
             JOIN publications p ON p.id = rp.publication_id WHERE 1=1"""
    if publication_id:
        sql += " AND rp.publication_id = %d" % int(publication_id)
    if active_only:
        sql += " AND rp.active"
    return query(sql + " ORDER BY p.code, rp.price_per_week_pence")


def get_rate_plan(plan_id):
    return query_one("SELECT * FROM rate_plans WHERE id = %s", (plan_id,))


def save_rate_plan(data, plan_id=None):
    params = (data["publication_id"], data["code"], data["name"], data["days_mask"],
              data["price_per_week_pence"], data["billing_period"],
              bool(data.get("digital_included")), data.get("min_term_weeks") or 0,
              bool(data.get("active", True)))
    if plan_id:
        execute("""UPDATE rate_plans SET publication_id=%s, code=%s, name=%s, days_mask=%s,
                   price_per_week_pence=%s, billing_period=%s, digital_included=%s,
                   min_term_weeks=%s, active=%s WHERE id = %s""", params + (plan_id,))
        return plan_id
    return insert("""INSERT INTO rate_plans (publication_id, code, name, days_mask,
                     price_per_week_pence, billing_period, digital_included, min_term_weeks, active)
                     VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s)""", params)


def get_promo(code):
    return query_one("SELECT * FROM promo_codes WHERE upper(code) = upper(%s)", (code.strip(),))


def promo_codes():
    return query("SELECT * FROM promo_codes ORDER BY valid_to DESC NULLS FIRST, code")


def create_promo(data):
    return insert("""INSERT INTO promo_codes (code, description, discount_pct, free_weeks,
                     valid_from, valid_to, max_uses) VALUES (%s,%s,%s,%s,%s,%s,%s)""",
                  (data["code"].upper(), data.get("description"), data.get("discount_pct") or 0,
                   data.get("free_weeks") or 0, data.get("valid_from"), data.get("valid_to"),
                   data.get("max_uses")))


def use_promo(promo_id):
    execute("UPDATE promo_codes SET uses = uses + 1 WHERE id = %s", (promo_id,))

###############################################################################
# SUBSCRIPTIONS
###############################################################################

def create_subscription(data, user):
    with transaction():
        cur = get_conn().cursor()
        cur.execute("""INSERT INTO subscriptions (subscriber_id, rate_plan_id, address_id, start_date,
                           status, payment_method, promo_code_id, mandate_id, created_by)
                       VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s) RETURNING id""",
                    (data["subscriber_id"], data["rate_plan_id"], data["address_id"],
                     data["start_date"], data.get("status", "pending"), data["payment_method"],
                     data.get("promo_code_id"), data.get("mandate_id"), user))
        sub_id = cur.fetchone()[0]
        cur.execute("INSERT INTO subscription_events (subscription_id, event, detail, by_user) "
                    "VALUES (%s, 'created', %s, %s)", (sub_id, data["payment_method"], user))
    return sub_id


def get_subscription(sub_id):
    return query_one(SUBSCRIPTION_DETAIL_SQL + " WHERE sub.id = %s", (sub_id,))


def subscriptions_for(subscriber_id):
    return query(SUBSCRIPTION_DETAIL_SQL + " WHERE sub.subscriber_id = %s ORDER BY sub.start_date DESC",
                 (subscriber_id,))


def log_event(sub_id, event, detail=None, user=None, do_commit=True):
    execute("INSERT INTO subscription_events (subscription_id, event, detail, by_user) "
            "VALUES (%s, %s, %s, %s)", (sub_id, event, detail, user), commit=do_commit)


def events_for(sub_id):
    return query("SELECT * FROM subscription_events WHERE subscription_id = %s ORDER BY at DESC",
                 (sub_id,))


def set_subscription_status(sub_id, status, user=None, detail=None):
    execute("UPDATE subscriptions SET status = %s WHERE id = %s", (status, sub_id), commit=False)
    log_event(sub_id, status, detail, user)


def cancel_subscription(sub_id, reason, end_date, user):
    execute("""UPDATE subscriptions SET status = 'cancelled', cancel_reason = %s, end_date = %s
               WHERE id = %s""", (reason, end_date, sub_id), commit=False)
    log_event(sub_id, "cancelled", "%s from %s" % (reason, end_date), user)


def change_address(sub_id, address_id, user):
    execute("UPDATE subscriptions SET address_id = %s WHERE id = %s", (address_id, sub_id), commit=False)
    log_event(sub_id, "address", "moved to address %s" % address_id, user)


def subscriptions_to_bill(on):
    """Active subscriptions paid up to before `on` (and not on carrier collect)."""
    return query("""SELECT sub.id, sub.subscriber_id, sub.paid_to, sub.start_date, sub.payment_method,
                           sub.mandate_id, sub.promo_code_id, rp.days_mask, rp.price_per_week_pence,
                           rp.billing_period, rp.name AS plan_name
                      FROM subscriptions sub JOIN rate_plans rp ON rp.id = sub.rate_plan_id
                     WHERE sub.status = 'active' AND sub.payment_method <> 'carrier'
                       AND coalesce(sub.paid_to, sub.start_date - 1) < %s""", (on,))


def advance_paid_to(sub_id, paid_to):
    execute("UPDATE subscriptions SET paid_to = %s WHERE id = %s", (paid_to, sub_id), commit=False)


def activate_pending(on):
    rows = query("SELECT id FROM subscriptions WHERE status = 'pending' AND start_date <= %s", (on,))
    for r in rows:
        set_subscription_status(r["id"], "active", "cron")
    return len(rows)


def expiring_subscriptions(within_days=14):
    return query("""SELECT sub.id, sub.end_date, s.account_no, s.first_name, s.last_name, s.email,
                           rp.name AS plan_name
                      FROM subscriptions sub
                      JOIN subscribers s ON s.id = sub.subscriber_id
                      JOIN rate_plans rp ON rp.id = sub.rate_plan_id
                     WHERE sub.status = 'active' AND sub.end_date IS NOT NULL
                       AND sub.end_date BETWEEN current_date AND current_date + %s""",
                 (within_days,))

# ---- holidays / holds ----

def add_hold(sub_id, start, end, donate, user):
    hid = insert("""INSERT INTO vacation_holds (subscription_id, start_date, end_date, donate, created_by)
                    VALUES (%s, %s, %s, %s, %s)""", (sub_id, start, end, donate, user), commit=False)
    log_event(sub_id, "hold", "%s to %s%s" % (start, end, " (donate)" if donate else ""), user)
    return hid


def holds_for(sub_id, current_only=False):
    sql = "SELECT * FROM vacation_holds WHERE subscription_id = %s"
    if current_only:
        sql += " AND end_date >= current_date"
    return query(sql + " ORDER BY start_date", (sub_id,))


def delete_hold(hold_id, user):
    row = query_one("SELECT subscription_id FROM vacation_holds WHERE id = %s", (hold_id,))
    execute("DELETE FROM vacation_holds WHERE id = %s", (hold_id,), commit=False)
    if row:
        log_event(row["subscription_id"], "hold_removed", str(hold_id), user)


def holds_on(day):
    """Holds covering `day`, with the route - used for the draw and sheets."""
    return query("""SELECT h.*, a.route_id FROM vacation_holds h
                      JOIN subscriptions sub ON sub.id = h.subscription_id
                      JOIN subscriber_addresses a ON a.id = sub.address_id
                     WHERE %s BETWEEN h.start_date AND h.end_date""", (day,))

###############################################################################
# ROUTES / CARRIERS
###############################################################################

ROUTE_LIST_SQL = """
    SELECT r.*, c.name AS carrier_name, c.phone AS carrier_phone,
           (SELECT count(*) FROM subscriber_addresses a
              JOIN subscriptions s ON s.address_id = a.id AND s.status = 'active'
             WHERE a.route_id = r.id) AS active_subs
      FROM delivery_routes r
      LEFT JOIN carriers c ON c.id = r.carrier_id
"""


def list_routes(depot=None, active_only=True):
    sql = ROUTE_LIST_SQL + " WHERE 1=1"
    if active_only:
        sql += " AND r.active"
    if depot:
        sql += " AND r.depot = '%s'" % depot.replace("'", "''")
    return query(sql + " ORDER BY r.code")


def get_route(route_id):
    return query_one(ROUTE_LIST_SQL + " WHERE r.id = %s", (route_id,))


def save_route(data, route_id=None):
    params = (data["code"].upper(), data.get("description"), data.get("depot") or "Hatherby",
              data.get("postcode_sectors"), data.get("carrier_id"), data.get("base_fee_pence") or 0,
              data.get("per_copy_pence") or 9, data.get("walk_minutes"))
    if route_id:
        execute("""UPDATE delivery_routes SET code=%s, description=%s, depot=%s, postcode_sectors=%s,
                   carrier_id=%s, base_fee_pence=%s, per_copy_pence=%s, walk_minutes=%s
                   WHERE id = %s""", params + (route_id,))
        return route_id
    return insert("""INSERT INTO delivery_routes (code, description, depot, postcode_sectors, carrier_id,
                     base_fee_pence, per_copy_pence, walk_minutes) VALUES (%s,%s,%s,%s,%s,%s,%s,%s)""",
                  params)


def route_for_sector(sector):
    rows = query("SELECT id, code, postcode_sectors FROM delivery_routes "
                 "WHERE active AND postcode_sectors LIKE %s", ("%" + sector + "%",))
    for r in rows:
        if sector in [s.strip() for s in (r["postcode_sectors"] or "").split(",")]:
            return r
    return None


def route_stops(route_id, day=None):
    """The delivery sheet: who gets what on `day`, in walk order."""
    day = day or datetime.date.today()
    dow = day.weekday() + 1
    return query("""SELECT a.route_seq, a.line1, a.line2, a.postcode, a.instructions,
                           s.account_no, s.last_name, pub.code AS pub_code, sub.id AS subscription_id,
                           EXISTS (SELECT 1 FROM vacation_holds h WHERE h.subscription_id = sub.id
                                      AND %(day)s BETWEEN h.start_date AND h.end_date) AS on_hold
                      FROM subscriber_addresses a
                      JOIN subscriptions sub ON sub.address_id = a.id AND sub.status = 'active'
                      JOIN subscribers s ON s.id = sub.subscriber_id
                      JOIN rate_plans rp ON rp.id = sub.rate_plan_id
                      JOIN publications pub ON pub.id = rp.publication_id
                     WHERE a.route_id = %(route)s AND substr(rp.days_mask, %(dow)s, 1) <> '-'
                     ORDER BY a.route_seq NULLS LAST, a.postcode, a.line1""",
                 {"day": day, "route": route_id, "dow": dow})


def assign_route(address_id, route_id, seq=None):
    execute("UPDATE subscriber_addresses SET route_id = %s, route_seq = %s WHERE id = %s",
            (route_id, seq, address_id))


def unrouted_addresses():
    return query("""SELECT a.*, s.account_no, s.last_name FROM subscriber_addresses a
                      JOIN subscribers s ON s.id = a.subscriber_id
                      JOIN subscriptions sub ON sub.address_id = a.id AND sub.status IN ('active','pending')
                     WHERE a.route_id IS NULL AND a.kind = 'delivery'
                     ORDER BY a.postcode""")


def list_carriers(active_only=True):
    sql = """SELECT c.*, (SELECT string_agg(code, ', ') FROM delivery_routes r
                           WHERE r.carrier_id = c.id AND r.active) AS routes
               FROM carriers c"""
    if active_only:
        sql += " WHERE c.active"
    return query(sql + " ORDER BY c.name")


def get_carrier(carrier_id):
    return query_one("SELECT * FROM carriers WHERE id = %s", (carrier_id,))


def save_carrier(data, carrier_id=None):
    cols = ["name", "phone", "email", "date_of_birth", "permit_no", "permit_expires", "depot",
            "bank_sort_code", "bank_account", "active"]
    vals = [data.get(c) for c in cols]
    if carrier_id:
        sets = ", ".join("%s = %%s" % c for c in cols)
        execute("UPDATE carriers SET " + sets + " WHERE id = %s", vals + [carrier_id])
        return carrier_id
    return insert("INSERT INTO carriers (" + ", ".join(cols) + ") VALUES (" +
                  ", ".join(["%s"] * len(cols)) + ")", vals)


def old_draw_count(route_id, weekday):
    # before v_route_draw existed.  Not used since the draw job rewrite.
    cur = get_conn().cursor()
    cur.execute("SELECT count(*) FROM subscriptions s, subscriber_addresses a, rate_plans p "
                "WHERE s.address_id = a.id AND p.id = s.rate_plan_id AND s.status = 'active' "
                "AND a.route_id = %d AND substr(p.days_mask, %d, 1) <> '-'" % (route_id, weekday + 1))
    return cur.fetchone()[0]

# ---- draw ----

def compute_draw(issue_id):
    """(Re)build daily_draw for one issue: subscribers on each route for that
    weekday, less holds.  Returns the total."""
    issue = query_one("SELECT * FROM issues WHERE id = %s", (issue_id,))
    dow = issue["issue_date"].weekday() + 1
    with transaction():
        cur = get_cursor()
        cur.execute("DELETE FROM daily_draw WHERE issue_id = %s", (issue_id,))
        cur.execute("""INSERT INTO daily_draw (issue_id, route_id, copies)
                       SELECT %(issue)s, v.route_id,
                              sum(v.copies) - coalesce((SELECT count(*) FROM vacation_holds h
                                   JOIN subscriptions sub ON sub.id = h.subscription_id
                                   JOIN subscriber_addresses a ON a.id = sub.address_id
                                   JOIN rate_plans rp ON rp.id = sub.rate_plan_id
                                  WHERE a.route_id = v.route_id AND rp.publication_id = %(pub)s
                                    AND %(day)s BETWEEN h.start_date AND h.end_date), 0)
                         FROM v_route_draw v
                        WHERE v.publication_id = %(pub)s AND substr(v.days_mask, %(dow)s, 1) <> '-'
                        GROUP BY v.route_id""",
                    {"issue": issue_id, "pub": issue["publication_id"], "day": issue["issue_date"],
                     "dow": dow})
        cur.execute("SELECT coalesce(sum(copies), 0) AS n FROM daily_draw WHERE issue_id = %s", (issue_id,))
        total = cur.fetchone()["n"]
    return total


def draw_for_issue(issue_id):
    return query("""SELECT d.*, r.code AS route_code, r.depot, c.name AS carrier_name
                      FROM daily_draw d
                      JOIN delivery_routes r ON r.id = d.route_id
                      LEFT JOIN carriers c ON c.id = r.carrier_id
                     WHERE d.issue_id = %s ORDER BY r.depot, r.code""", (issue_id,))


def record_returns(draw_id, returns):
    execute("UPDATE daily_draw SET returns = %s WHERE id = %s", (returns, draw_id))

# ---- carrier pay ----

def create_pay_run(start, end, deduction_each=50):
    with transaction():
        cur = get_cursor()
        cur.execute("INSERT INTO carrier_pay_runs (period_start, period_end) VALUES (%s, %s) RETURNING id",
                    (start, end))
        run_id = cur.fetchone()["id"]
        cur.execute("""INSERT INTO carrier_pay_lines (pay_run_id, carrier_id, route_id, copies, gross_pence,
                                                       missed_count, deductions_pence)
                       SELECT %(run)s, r.carrier_id, r.id, sum(d.copies - d.returns),
                              count(DISTINCT d.issue_id) * r.base_fee_pence
                                  + sum(d.copies - d.returns) * r.per_copy_pence,
                              (SELECT count(*) FROM missed_deliveries m
                                WHERE m.route_id = r.id AND m.charge_carrier
                                  AND m.issue_date BETWEEN %(start)s AND %(end)s),
                              %(each)s * (SELECT count(*) FROM missed_deliveries m
                                WHERE m.route_id = r.id AND m.charge_carrier
                                  AND m.issue_date BETWEEN %(start)s AND %(end)s)
                         FROM daily_draw d
                         JOIN issues i ON i.id = d.issue_id
                         JOIN delivery_routes r ON r.id = d.route_id
                        WHERE i.issue_date BETWEEN %(start)s AND %(end)s AND r.carrier_id IS NOT NULL
                        GROUP BY r.id, r.carrier_id, r.base_fee_pence, r.per_copy_pence""",
                    {"run": run_id, "start": start, "end": end, "each": deduction_each})
    return run_id


def pay_runs():
    return query("""SELECT pr.*, (SELECT sum(gross_pence - deductions_pence) FROM carrier_pay_lines l
                                   WHERE l.pay_run_id = pr.id) AS net_pence
                      FROM carrier_pay_runs pr ORDER BY pr.period_end DESC""")


def get_pay_run(run_id):
    return query_one("SELECT * FROM carrier_pay_runs WHERE id = %s", (run_id,))


def pay_run_lines(run_id):
    return query("""SELECT l.*, c.name AS carrier_name, c.bank_sort_code, c.bank_account, r.code AS route_code
                      FROM carrier_pay_lines l JOIN carriers c ON c.id = l.carrier_id
                      LEFT JOIN delivery_routes r ON r.id = l.route_id
                     WHERE l.pay_run_id = %s ORDER BY c.name""", (run_id,))


def approve_pay_run(run_id, user):
    execute("UPDATE carrier_pay_runs SET status = 'approved', approved_by = %s WHERE id = %s AND status = 'draft'",
            (user, run_id))

###############################################################################
# PUBLICATIONS & ISSUES
###############################################################################

def publications(active_only=True):
    return query("SELECT * FROM publications" + (" WHERE active" if active_only else "") + " ORDER BY code")


def get_publication(pub_id):
    return query_one("SELECT * FROM publications WHERE id = %s", (pub_id,))


def issues_between(pub_id, start, end):
    return query("""SELECT i.*, po.copies_subs + po.copies_retail + po.copies_spare AS print_run,
                           po.sent_to_plant_at
                      FROM issues i LEFT JOIN print_orders po ON po.issue_id = i.id
                     WHERE i.publication_id = %s AND i.issue_date BETWEEN %s AND %s
                     ORDER BY i.issue_date, i.edition""", (pub_id, start, end))


def upcoming_issues(days=28, pub_id=None):
    sql = """SELECT i.id, i.issue_date, i.edition, i.ad_deadline, p.code AS pub_code
               FROM issues i JOIN publications p ON p.id = i.publication_id
              WHERE i.issue_date BETWEEN current_date AND current_date + %s AND i.status = 'planned'"""
    params = [days]
    if pub_id:
        sql += " AND i.publication_id = %s"
        params.append(pub_id)
    return query(sql + " ORDER BY i.issue_date, p.code", params)


def get_issue(issue_id):
    return query_one("""SELECT i.*, p.code AS pub_code, p.name AS pub_name, p.trim_columns
                          FROM issues i JOIN publications p ON p.id = i.publication_id
                         WHERE i.id = %s""", (issue_id,))


def issue_for(pub_id, day, edition="main"):
    return query_one("SELECT * FROM issues WHERE publication_id = %s AND issue_date = %s AND edition = %s",
                     (pub_id, day, edition))


def create_issue(pub_id, day, deadline, edition="main"):
    return insert("""INSERT INTO issues (publication_id, issue_date, edition, ad_deadline)
                     VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING""",
                  (pub_id, day, edition, deadline))


def set_issue_status(issue_id, status):
    execute("UPDATE issues SET status = %s WHERE id = %s", (status, issue_id))


def page_plan(issue_id):
    return query("SELECT * FROM page_plans WHERE issue_id = %s ORDER BY page_no", (issue_id,))


def save_page(issue_id, page_no, section, colour, ad_cm, note=None):
    execute("""INSERT INTO page_plans (issue_id, page_no, section, colour, ad_cm_reserved, note)
               VALUES (%s,%s,%s,%s,%s,%s)
               ON CONFLICT (issue_id, page_no) DO UPDATE
                  SET section = EXCLUDED.section, colour = EXCLUDED.colour,
                      ad_cm_reserved = EXCLUDED.ad_cm_reserved, note = EXCLUDED.note""",
            (issue_id, page_no, section, colour, ad_cm, note))


def set_page_count(issue_id, pages):
    execute("UPDATE issues SET page_count = %s WHERE id = %s", (pages, issue_id), commit=False)
    execute("DELETE FROM page_plans WHERE issue_id = %s AND page_no > %s", (issue_id, pages))


def get_print_order(issue_id):
    return query_one("SELECT * FROM print_orders WHERE issue_id = %s", (issue_id,))


def save_print_order(issue_id, subs, retail, spare):
    execute("""INSERT INTO print_orders (issue_id, copies_subs, copies_retail, copies_spare)
               VALUES (%s, %s, %s, %s)
               ON CONFLICT (issue_id) DO UPDATE SET copies_subs = EXCLUDED.copies_subs,
                   copies_retail = EXCLUDED.copies_retail, copies_spare = EXCLUDED.copies_spare""",
            (issue_id, subs, retail, spare))


def mark_print_order_sent(issue_id, plant_ref):
    execute("UPDATE print_orders SET sent_to_plant_at = now(), plant_ref = %s WHERE issue_id = %s",
            (plant_ref, issue_id))


def last_retail_sale(pub_id, weekday):
    """Retail copies for the same weekday last week: the starting point for the print order."""
    return scalar("""SELECT po.copies_retail FROM print_orders po JOIN issues i ON i.id = po.issue_id
                      WHERE i.publication_id = %s AND extract(isodow FROM i.issue_date) = %s
                      ORDER BY i.issue_date DESC LIMIT 1""", (pub_id, weekday + 1)) or 0

###############################################################################
# DISPLAY ADVERTISING
###############################################################################

def advertisers(term=None, rep_id=None):
    sql = """SELECT a.*, ag.name AS agency_name, r.name AS rep_name FROM advertisers a
             LEFT JOIN ad_agencies ag ON ag.id = a.agency_id
             LEFT JOIN sales_reps r ON r.id = a.rep_id WHERE 1=1"""
    params = []
    if term:
        sql += " AND a.name ILIKE %s"
        params.append(like(term))
    if rep_id:
        sql += " AND a.rep_id = %s"
        params.append(rep_id)
    return query(sql + " ORDER BY a.name", params)


def get_advertiser(adv_id):
    return query_one("""SELECT a.*, ag.name AS agency_name, ag.commission_pct AS agency_pct,
                               r.name AS rep_name
                          FROM advertisers a LEFT JOIN ad_agencies ag ON ag.id = a.agency_id
                          LEFT JOIN sales_reps r ON r.id = a.rep_id WHERE a.id = %s""", (adv_id,))


def save_advertiser(data, adv_id=None):
    cols = ["name", "agency_id", "rep_id", "category", "credit_limit_pence", "credit_status",
            "contact_name", "email", "phone", "address"]
    vals = [data.get(c) for c in cols]
    if adv_id:
        execute("UPDATE advertisers SET " + ", ".join("%s = %%s" % c for c in cols) + " WHERE id = %s",
                vals + [adv_id])
        return adv_id
    return insert("INSERT INTO advertisers (" + ", ".join(cols) + ") VALUES (" +
                  ", ".join(["%s"] * len(cols)) + ")", vals)


def agencies():
    return query("SELECT * FROM ad_agencies ORDER BY name")


def get_agency(agency_id):
    return query_one("SELECT * FROM ad_agencies WHERE id = %s", (agency_id,))


def sales_reps(active_only=True):
    return query("SELECT * FROM sales_reps" + (" WHERE active" if active_only else "") + " ORDER BY name")


def rep_for_user(username):
    return query_one("SELECT * FROM sales_reps WHERE username = %s", (username,))


def current_rate(pub_id, position, colour, on=None):
    return query_one("""SELECT * FROM ad_rates WHERE publication_id = %s AND position = %s AND colour = %s
                          AND effective_from <= %s ORDER BY effective_from DESC LIMIT 1""",
                     (pub_id, position, colour, on or datetime.date.today()))


def rate_card(pub_id):
    return query("""SELECT DISTINCT ON (position, colour) * FROM ad_rates
                     WHERE publication_id = %s AND effective_from <= current_date
                     ORDER BY position, colour, effective_from DESC""", (pub_id,))


def create_io(advertiser, io_number, rep_id, po_reference=None, notes=None):
    return insert("""INSERT INTO insertion_orders (io_number, advertiser_id, agency_id, rep_id,
                     po_reference, notes) VALUES (%s, %s, %s, %s, %s, %s)""",
                  (io_number, advertiser["id"], advertiser["agency_id"], rep_id, po_reference, notes))


def last_io_number():
    return scalar("SELECT io_number FROM insertion_orders ORDER BY id DESC LIMIT 1")


def get_io(io_id):
    return query_one("""SELECT io.*, a.name AS advertiser_name, a.credit_status, a.credit_limit_pence,
                               ag.name AS agency_name, ag.commission_pct AS agency_pct, r.name AS rep_name
                          FROM insertion_orders io
                          JOIN advertisers a ON a.id = io.advertiser_id
                          LEFT JOIN ad_agencies ag ON ag.id = io.agency_id
                          LEFT JOIN sales_reps r ON r.id = io.rep_id
                         WHERE io.id = %s""", (io_id,))


def ios_for_advertiser(adv_id):
    return query("SELECT * FROM insertion_orders WHERE advertiser_id = %s ORDER BY created_at DESC", (adv_id,))


def io_placements(io_id):
    return query("""SELECT pl.*, i.issue_date, i.status AS issue_status, p.code AS pub_code
                      FROM ad_placements pl JOIN issues i ON i.id = pl.issue_id
                      JOIN publications p ON p.id = i.publication_id
                     WHERE pl.io_id = %s ORDER BY i.issue_date""", (io_id,))


def add_placement(io_id, issue_id, columns, height_cm, position, colour, price_pence):
    pid = insert("""INSERT INTO ad_placements (io_id, issue_id, columns, height_cm, position, colour,
                    price_pence) VALUES (%s,%s,%s,%s,%s,%s,%s)""",
                 (io_id, issue_id, columns, height_cm, position, colour, price_pence), commit=False)
    recalc_io_total(io_id)
    return pid


def remove_placement(placement_id):
    io_id = scalar("SELECT io_id FROM ad_placements WHERE id = %s", (placement_id,))
    execute("DELETE FROM ad_placements WHERE id = %s", (placement_id,), commit=False)
    recalc_io_total(io_id)


def recalc_io_total(io_id):
    execute("""UPDATE insertion_orders SET total_pence =
                 (SELECT coalesce(sum(price_pence), 0) FROM ad_placements WHERE io_id = %s)
               WHERE id = %s""", (io_id, io_id))


def set_io_status(io_id, status):
    execute("UPDATE insertion_orders SET status = %s WHERE id = %s", (status, io_id))


def placements_for_issue(issue_id):
    return query("""SELECT pl.*, io.io_number, a.name AS advertiser_name
                      FROM ad_placements pl JOIN insertion_orders io ON io.id = pl.io_id
                      JOIN advertisers a ON a.id = io.advertiser_id
                     WHERE pl.issue_id = %s AND io.status <> 'cancelled'
                     ORDER BY pl.page_no NULLS LAST, pl.columns * pl.height_cm DESC""", (issue_id,))


def set_placement_page(placement_id, page_no):
    execute("UPDATE ad_placements SET page_no = %s WHERE id = %s", (page_no, placement_id))


def set_artwork(placement_id, status, filename=None):
    execute("UPDATE ad_placements SET artwork_status = %s, artwork_file = coalesce(%s, artwork_file) "
            "WHERE id = %s", (status, filename, placement_id))


def artwork_awaited(deadline_before):
    return query("""SELECT pl.id, pl.columns, pl.height_cm, i.issue_date, i.ad_deadline, io.io_number,
                           a.name AS advertiser_name, coalesce(ag.email, a.email) AS email, r.username
                      FROM ad_placements pl
                      JOIN issues i ON i.id = pl.issue_id
                      JOIN insertion_orders io ON io.id = pl.io_id AND io.status = 'booked'
                      JOIN advertisers a ON a.id = io.advertiser_id
                      LEFT JOIN ad_agencies ag ON ag.id = io.agency_id
                      LEFT JOIN sales_reps r ON r.id = io.rep_id
                     WHERE pl.artwork_status = 'awaited' AND i.ad_deadline < %s
                     ORDER BY i.ad_deadline""", (deadline_before,))


def advertiser_exposure(adv_id):
    """Unpaid invoices plus booked-but-not-invoiced IOs, for the credit check."""
    unpaid = scalar("""SELECT coalesce(sum(outstanding_pence), 0) FROM v_aged_debt
                        WHERE account_type = 'advertiser' AND account_id = %s""", (adv_id,))
    booked = scalar("""SELECT coalesce(sum(total_pence), 0) FROM insertion_orders
                        WHERE advertiser_id = %s AND status = 'booked'""", (adv_id,))
    return unpaid + booked


def ios_to_invoice(issue_date):
    """Booked IOs whose placements have all been printed by `issue_date`."""
    return query("""SELECT io.* FROM insertion_orders io
                     WHERE io.status = 'booked'
                       AND NOT EXISTS (SELECT 1 FROM ad_placements pl JOIN issues i ON i.id = pl.issue_id
                                        WHERE pl.io_id = io.id AND i.issue_date > %s)""", (issue_date,))

###############################################################################
# CLASSIFIED
###############################################################################

def classified_categories():
    return query("""SELECT c.*, p.name AS parent_name FROM classified_categories c
                    LEFT JOIN classified_categories p ON p.id = c.parent_id
                    ORDER BY coalesce(p.name, c.name), c.parent_id NULLS FIRST, c.name""")


def get_category(cat_id):
    return query_one("SELECT * FROM classified_categories WHERE id = %s", (cat_id,))


def next_classified_ref():
    n = scalar("SELECT count(*) FROM classified_ads WHERE created_at >= date_trunc('year', now())")
    return "CL%s%05d" % (datetime.date.today().strftime("%y"), n + 1)


def create_classified(data, ref, price_pence, user):
    return insert("""INSERT INTO classified_ads (ref, category_id, customer_name, customer_email,
                     customer_phone, body, word_count, box_number, photo, price_pence, taken_by, status,
                     expires_on) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)""",
                  (ref, data["category_id"], data["customer_name"], data.get("customer_email"),
                   data.get("customer_phone"), data["body"], data["word_count"],
                   bool(data.get("box_number")), bool(data.get("photo")), price_pence, user,
                   data.get("status", "pending"), data.get("expires_on")))


def get_classified(cl_id):
    return query_one("""SELECT c.*, cat.name AS category_name, cat.is_notice FROM classified_ads c
                        JOIN classified_categories cat ON cat.id = c.category_id WHERE c.id = %s""",
                     (cl_id,))


def classified_queue(status="pending"):
    return query("""SELECT c.*, cat.name AS category_name,
                           (SELECT min(i.issue_date) FROM classified_insertions ci
                              JOIN issues i ON i.id = ci.issue_id WHERE ci.classified_id = c.id) AS first_issue
                      FROM classified_ads c JOIN classified_categories cat ON cat.id = c.category_id
                     WHERE c.status = %s ORDER BY first_issue NULLS LAST, c.created_at""", (status,))


def set_classified_status(cl_id, status, card_ref=None):
    if card_ref:
        execute("UPDATE classified_ads SET status = %s, card_ref = %s WHERE id = %s", (status, card_ref, cl_id))
    else:
        execute("UPDATE classified_ads SET status = %s WHERE id = %s", (status, cl_id))


def schedule_classified(cl_id, issue_ids):
    cur = get_conn().cursor()
    for issue_id in issue_ids:
        cur.execute("INSERT INTO classified_insertions (classified_id, issue_id) VALUES (%s, %s) "
                    "ON CONFLICT DO NOTHING", (cl_id, issue_id))
    commit()


def classified_insertions(cl_id):
    return query("""SELECT ci.*, i.issue_date, p.code AS pub_code FROM classified_insertions ci
                      JOIN issues i ON i.id = ci.issue_id JOIN publications p ON p.id = i.publication_id
                     WHERE ci.classified_id = %s ORDER BY i.issue_date""", (cl_id,))


def classifieds_for_issue(issue_id):
    return query("""SELECT c.ref, c.body, c.box_number, c.photo, cat.name AS category, cat.is_notice
                      FROM classified_insertions ci JOIN classified_ads c ON c.id = ci.classified_id
                      JOIN classified_categories cat ON cat.id = c.category_id
                     WHERE ci.issue_id = %s AND c.status IN ('approved', 'paid')
                     ORDER BY cat.is_notice DESC, cat.name, c.id""", (issue_id,))


def add_box_reply(cl_id, sender_name, sender_contact, message):
    return insert("""INSERT INTO classified_box_replies (classified_id, sender_name, sender_contact, message)
                     VALUES (%s, %s, %s, %s)""", (cl_id, sender_name, sender_contact, message))


def unforwarded_box_replies():
    return query("""SELECT r.*, c.ref, c.customer_name, c.customer_email FROM classified_box_replies r
                      JOIN classified_ads c ON c.id = r.classified_id
                     WHERE r.forwarded_at IS NULL ORDER BY r.received_at""")


def mark_reply_forwarded(reply_id):
    execute("UPDATE classified_box_replies SET forwarded_at = now() WHERE id = %s", (reply_id,))


def expire_classifieds(on):
    return execute("UPDATE classified_ads SET status = 'expired' WHERE expires_on < %s "
                   "AND status IN ('approved', 'paid')", (on,))

###############################################################################
# INVOICES / PAYMENTS / DIRECT DEBIT
###############################################################################

def last_invoice_no(prefix):
    return scalar("SELECT max(invoice_no) FROM invoices WHERE invoice_no LIKE '" + prefix + "%%'")


def create_invoice(invoice_no, account_type, account_id, due_date, do_commit=True):
    return insert("""INSERT INTO invoices (invoice_no, account_type, account_id, due_date)
                     VALUES (%s, %s, %s, %s)""", (invoice_no, account_type, account_id, due_date),
                  commit=do_commit)


def add_invoice_line(invoice_id, description, qty, unit_pence, vat_rate=0, source_type=None, source_id=None):
    execute("""INSERT INTO invoice_lines (invoice_id, description, qty, unit_pence, vat_rate,
               source_type, source_id) VALUES (%s,%s,%s,%s,%s,%s,%s)""",
            (invoice_id, description, qty, unit_pence, vat_rate, source_type, source_id), commit=False)


def recalc_invoice(invoice_id):
    execute("""UPDATE invoices i SET net_pence = t.net, vat_pence = t.vat, total_pence = t.net + t.vat
                 FROM (SELECT round(sum(qty * unit_pence)) AS net,
                              round(sum(qty * unit_pence * vat_rate)) AS vat
                         FROM invoice_lines WHERE invoice_id = %s) t
               WHERE i.id = %s""", (invoice_id, invoice_id), commit=False)


def issue_invoice(invoice_id):
    execute("UPDATE invoices SET status = 'issued' WHERE id = %s AND status = 'draft'", (invoice_id,))


def get_invoice(invoice_id):
    return query_one("""SELECT i.*, d.outstanding_pence, d.bucket FROM invoices i
                        LEFT JOIN v_aged_debt d ON d.invoice_id = i.id WHERE i.id = %s""", (invoice_id,))


def invoice_lines(invoice_id):
    return query("SELECT * FROM invoice_lines WHERE invoice_id = %s ORDER BY id", (invoice_id,))


def invoices(status=None, account_type=None, limit=100, offset=0):
    sql = "SELECT * FROM invoices WHERE 1=1"
    if status:
        sql += " AND status = '%s'" % status
    if account_type:
        sql += " AND account_type = '%s'" % account_type
    return query(sql + " ORDER BY issue_date DESC, id DESC LIMIT %d OFFSET %d" % (limit, offset))


def invoices_for_account(account_type, account_id):
    return query("""SELECT i.*, d.outstanding_pence FROM invoices i
                    LEFT JOIN v_aged_debt d ON d.invoice_id = i.id
                    WHERE i.account_type = %s AND i.account_id = %s ORDER BY i.issue_date DESC""",
                 (account_type, account_id))


ACCOUNT_NAME_SQL = {
    "subscriber": "SELECT account_no || ' ' || last_name AS name, email FROM subscribers WHERE id = %s",
    "advertiser": "SELECT name, email FROM advertisers WHERE id = %s",
    "agency": "SELECT name, email FROM ad_agencies WHERE id = %s",
    "classified": "SELECT customer_name AS name, customer_email AS email FROM classified_ads WHERE id = %s",
}


def invoice_account(invoice):
    sql = ACCOUNT_NAME_SQL.get(invoice["account_type"])
    return query_one(sql, (invoice["account_id"],)) if sql else None


def record_payment(invoice_id, amount_pence, method, reference, user):
    pid = insert("""INSERT INTO payments (invoice_id, amount_pence, method, reference, recorded_by)
                    VALUES (%s, %s, %s, %s, %s)""", (invoice_id, amount_pence, method, reference, user),
                 commit=False)
    if invoice_id:
        execute("""UPDATE invoices SET status = 'paid' WHERE id = %s AND total_pence <=
                     (SELECT coalesce(sum(amount_pence), 0) FROM payments WHERE invoice_id = %s)
                   + (SELECT coalesce(sum(amount_pence), 0) FROM credit_notes WHERE invoice_id = %s)""",
                (invoice_id, invoice_id, invoice_id), commit=False)
    commit()
    return pid


def payments_for(invoice_id):
    return query("SELECT * FROM payments WHERE invoice_id = %s ORDER BY received_at", (invoice_id,))


def void_invoice(invoice_id):
    execute("UPDATE invoices SET status = 'void' WHERE id = %s AND status IN ('draft', 'issued')", (invoice_id,))


def create_credit_note(account_type, account_id, amount_pence, reason, user, invoice_id=None):
    return insert("""INSERT INTO credit_notes (invoice_id, account_type, account_id, amount_pence, reason,
                     created_by) VALUES (%s, %s, %s, %s, %s, %s)""",
                  (invoice_id, account_type, account_id, amount_pence, reason, user))


def overdue_invoices(min_days=14, max_reminders=3):
    return query("""SELECT i.*, d.outstanding_pence FROM invoices i JOIN v_aged_debt d ON d.invoice_id = i.id
                     WHERE i.due_date < current_date - %s AND i.reminder_count < %s
                       AND d.outstanding_pence > 0""", (min_days, max_reminders))


def bump_reminder(invoice_id):
    execute("UPDATE invoices SET reminder_count = reminder_count + 1 WHERE id = %s", (invoice_id,))

# direct debit

def mandate_for(subscriber_id):
    return query_one("""SELECT * FROM dd_mandates WHERE subscriber_id = %s AND status IN ('pending','lodged','active')
                        ORDER BY id DESC LIMIT 1""", (subscriber_id,))


def get_mandate(mandate_id):
    return query_one("SELECT * FROM dd_mandates WHERE id = %s", (mandate_id,))


def create_mandate(subscriber_id, reference, account_name, sort_code, account_no):
    return insert("""INSERT INTO dd_mandates (subscriber_id, reference, account_name, sort_code, account_no)
                     VALUES (%s, %s, %s, %s, %s)""",
                  (subscriber_id, reference, account_name[:18].upper(), sort_code, account_no))


def mandates(status=None):
    sql = """SELECT m.*, s.account_no, s.last_name FROM dd_mandates m
             JOIN subscribers s ON s.id = m.subscriber_id"""
    if status:
        sql += " WHERE m.status = '%s'" % status
    return query(sql + " ORDER BY m.created_at DESC LIMIT 500")


def set_mandate_status(mandate_id, status, cancel_code=None):
    if status == "lodged":
        execute("UPDATE dd_mandates SET status = 'lodged', lodged_at = now() WHERE id = %s", (mandate_id,))
    elif status == "cancelled":
        execute("UPDATE dd_mandates SET status = 'cancelled', cancelled_at = now(), cancel_code = %s "
                "WHERE id = %s", (cancel_code, mandate_id))
    else:
        execute("UPDATE dd_mandates SET status = %s WHERE id = %s", (status, mandate_id))


def mandate_by_reference(reference):
    return query_one("SELECT * FROM dd_mandates WHERE reference = %s", (reference,))


def create_collection(mandate_id, invoice_id, amount_pence, collection_date, txn_code="17"):
    return insert("""INSERT INTO dd_collections (mandate_id, invoice_id, amount_pence, collection_date, txn_code)
                     VALUES (%s, %s, %s, %s, %s)""",
                  (mandate_id, invoice_id, amount_pence, collection_date, txn_code), commit=False)


def pending_collections(up_to):
    return query("""SELECT c.*, m.reference, m.account_name, m.sort_code, m.account_no
                      FROM dd_collections c JOIN dd_mandates m ON m.id = c.mandate_id
                     WHERE c.status = 'pending' AND c.collection_date <= %s
                       AND m.status IN ('lodged', 'active')""", (up_to,))


def mark_collections_submitted(ids, filename):
    execute("UPDATE dd_collections SET status = 'submitted', batch_file = %s WHERE id IN " + in_list(ids),
            (filename,))


def fail_collection(reference, amount_pence, code, on_date):
    return query_one("""UPDATE dd_collections c SET status = 'failed', failure_code = %s
                          FROM dd_mandates m
                         WHERE m.id = c.mandate_id AND m.reference = %s AND c.amount_pence = %s
                           AND c.collection_date = %s
                        RETURNING c.id, c.invoice_id, c.mandate_id""",
                     (code, reference, amount_pence, on_date))


def collection_runs():
    return query("""SELECT batch_file, min(collection_date) AS collection_date, count(*) AS n,
                           sum(amount_pence) AS total_pence,
                           sum(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed
                      FROM dd_collections WHERE batch_file IS NOT NULL
                     GROUP BY batch_file ORDER BY min(collection_date) DESC LIMIT 60""")

###############################################################################
# CUSTOMER SERVICE
###############################################################################

def complaint_types():
    return query("SELECT * FROM complaint_types ORDER BY label")


def get_complaint_type(code):
    return query_one("SELECT * FROM complaint_types WHERE code = %s", (code,))


COMPLAINT_LIST_SQL = """
    SELECT c.*, t.code AS type_code, t.label AS type_label, t.sla_hours,
           s.account_no, s.last_name, a.postcode, r.code AS route_code
      FROM complaints c
      JOIN complaint_types t ON t.id = c.type_id
      LEFT JOIN subscribers s ON s.id = c.subscriber_id
      LEFT JOIN subscriptions sub ON sub.id = c.subscription_id
      LEFT JOIN subscriber_addresses a ON a.id = sub.address_id
      LEFT JOIN delivery_routes r ON r.id = a.route_id
"""


def open_complaints(assigned_to=None):
    sql = COMPLAINT_LIST_SQL + " WHERE c.status <> 'resolved'"
    if assigned_to:
        sql += " AND c.assigned_to = '%s'" % assigned_to
    return query(sql + " ORDER BY c.opened_at")


def get_complaint(complaint_id):
    return query_one(COMPLAINT_LIST_SQL + " WHERE c.id = %s", (complaint_id,))


def complaints_for_subscriber(subscriber_id):
    return query(COMPLAINT_LIST_SQL + " WHERE c.subscriber_id = %s ORDER BY c.opened_at DESC", (subscriber_id,))


def create_complaint(data, user):
    return insert("""INSERT INTO complaints (subscriber_id, subscription_id, type_id, issue_date, channel,
                     description, assigned_to, opened_by) VALUES (%s,%s,%s,%s,%s,%s,%s,%s)""",
                  (data.get("subscriber_id"), data.get("subscription_id"), data["type_id"],
                   data.get("issue_date"), data.get("channel", "phone"), data.get("description"),
                   data.get("assigned_to"), user))


def resolve_complaint(complaint_id, resolution, credit_note_id=None):
    execute("""UPDATE complaints SET status = 'resolved', resolved_at = now(), resolution = %s,
               credit_note_id = coalesce(%s, credit_note_id) WHERE id = %s""",
            (resolution, credit_note_id, complaint_id))


def overdue_complaints():
    return query(COMPLAINT_LIST_SQL + """ WHERE c.status = 'open'
                 AND c.opened_at + (t.sla_hours || ' hours')::interval < now()""")


def escalate_complaint(complaint_id, to_user):
    execute("UPDATE complaints SET status = 'escalated', assigned_to = %s WHERE id = %s",
            (to_user, complaint_id))


def log_missed_delivery(complaint_id, subscription_id, route_id, issue_date, redelivery=False):
    return insert("""INSERT INTO missed_deliveries (complaint_id, subscription_id, route_id, issue_date,
                     redelivery) VALUES (%s, %s, %s, %s, %s)""",
                  (complaint_id, subscription_id, route_id, issue_date, redelivery))


def redeliveries_for(day):
    return query("""SELECT m.*, a.line1, a.line2, a.postcode, s.last_name, r.code AS route_code, r.depot
                      FROM missed_deliveries m
                      JOIN subscriptions sub ON sub.id = m.subscription_id
                      JOIN subscribers s ON s.id = sub.subscriber_id
                      JOIN subscriber_addresses a ON a.id = sub.address_id
                      LEFT JOIN delivery_routes r ON r.id = m.route_id
                     WHERE m.issue_date = %s AND m.redelivery AND m.redelivered_at IS NULL
                     ORDER BY r.depot, r.code""", (day,))


def mark_redelivered(missed_id):
    execute("UPDATE missed_deliveries SET redelivered_at = now() WHERE id = %s", (missed_id,))


def missed_count(subscription_id, days=28):
    return scalar("SELECT count(*) FROM missed_deliveries WHERE subscription_id = %s "
                  "AND issue_date > current_date - %s", (subscription_id, days))


def log_call(subscriber_id, user, direction, summary, duration_secs=None):
    return insert("""INSERT INTO cs_call_log (subscriber_id, username, direction, summary, duration_secs)
                     VALUES (%s, %s, %s, %s, %s)""", (subscriber_id, user, direction, summary, duration_secs))


def calls_for(subscriber_id, limit=20):
    return query("SELECT * FROM cs_call_log WHERE subscriber_id = %s ORDER BY at DESC LIMIT %s",
                 (subscriber_id, limit))


def purge_calls(before):
    return execute("DELETE FROM cs_call_log WHERE at < %s", (before,))

###############################################################################
# misc / reporting
###############################################################################

def dashboard_counts():
    return query_one("""SELECT
        (SELECT count(*) FROM subscriptions WHERE status = 'active') AS active_subs,
        (SELECT count(*) FROM subscriptions WHERE status = 'pending') AS pending_subs,
        (SELECT count(*) FROM complaints WHERE status <> 'resolved') AS open_complaints,
        (SELECT count(*) FROM classified_ads WHERE status = 'pending') AS classified_queue,
        (SELECT count(*) FROM insertion_orders WHERE status = 'draft') AS draft_ios,
        (SELECT coalesce(sum(outstanding_pence), 0) FROM v_aged_debt WHERE bucket <> 'current') AS overdue_pence,
        (SELECT count(*) FROM subscriber_addresses a JOIN subscriptions s ON s.address_id = a.id
          WHERE a.route_id IS NULL AND s.status = 'active') AS unrouted""")
