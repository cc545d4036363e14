# -*- coding: utf-8 -*-
"""Database helpers.

Originally just the connection handling. Over the years people started
putting "commonly used" queries in here too.  Please don't add more -- put
new queries in the module that owns the feature.  (Nobody listens.)
"""
import contextlib
import threading
import time

import psycopg2
import psycopg2.extras
import psycopg2.pool
from psycopg2.extras import execute_values

from lib import config
from lib.log import get_logger
from lib.money import D

log = get_logger("db")

_pool = None
_pool_lock = threading.Lock()
_local = threading.local()


class DBError(Exception):
    pass


class NotFound(DBError):
    pass


# ---------------------------------------------------------------------------
# connection handling
# ---------------------------------------------------------------------------

def _make_pool():
    cfg = config.get_config()
    dsn = cfg.get("db", "dsn")
    return psycopg2.pool.ThreadedConnectionPool(
        1, 8, dsn,
        application_name=cfg.get("db", "application_name", "telcobss"),
        options="-c statement_timeout=%s" % cfg.get("db", "statement_timeout_ms", "600000"),
    )


def get_conn():
    """Connection for this thread. Jobs are single threaded so this is
    effectively a singleton; the admin app gets one per request thread."""
    global _pool
    conn = getattr(_local, "conn", None)
    if conn is not None and not conn.closed:
        return conn
    with _pool_lock:
        if _pool is None:
            _pool = _make_pool()
    conn = _pool.getconn()
    conn.autocommit = False
    _local.conn = conn
    return conn


def release_conn():
    conn = getattr(_local, "conn", None)
    if conn is None:
        return
    try:
        if not conn.closed:
            conn.rollback()
        _pool.putconn(conn)
    finally:
        _local.conn = None


def close_all():
    global _pool
    if _pool is not None:
        _pool.closeall()
        _pool = None


@contextlib.contextmanager
def cursor(dict_rows=True, commit=False):
    conn = get_conn()
    factory = psycopg2.extras.RealDictCursor if dict_rows else None
    cur = conn.cursor(cursor_factory=factory)
    try:
        yield cur
        if commit:
            conn.commit()
    except Exception:
        conn.rollback()
        raise
    finally:
        cur.close()


@contextlib.contextmanager
def transaction():
    conn = get_conn()
    try:
        yield conn
        conn.commit()
    except Exception:
        conn.rollback()
        raise


def commit():
    get_conn().commit()


def rollback():
    get_conn().rollback()


def fetchall(sql, params=None):
    with cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


def fetchone(sql, params=None):
    with cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchone()


def scalar(sql, params=None):
    with cursor(dict_rows=False) as cur:
        cur.execute(sql, params)
        row = cur.fetchone()
        return row[0] if row else None


def execute(sql, params=None, commit_now=False):
    with cursor(dict_rows=False, commit=commit_now) as cur:
        cur.execute(sql, params)
        return cur.rowcount


def bulk_insert(table, columns, rows, page_size=1000, returning=None):
    """execute_values wrapper. table/columns come from code, never users."""
    if not rows:
        return []
    sql = "INSERT INTO %s (%s) VALUES %%s" % (table, ", ".join(columns))
    if returning:
        sql += " RETURNING " + returning
    with cursor(dict_rows=False) as cur:
        res = execute_values(cur, sql, rows, page_size=page_size, fetch=bool(returning))
    return res or []


def copy_rows(table, columns, fileobj, sep="\t"):
    with cursor(dict_rows=False) as cur:
        cur.copy_from(fileobj, table, sep=sep, columns=columns, null="\\N")
        return cur.rowcount


def in_clause(values):
    """Returns ('%s,%s,%s', tuple(values)) for building IN lists."""
    values = list(values)
    if not values:
        return "NULL", ()
    return ",".join(["%s"] * len(values)), tuple(values)


def set_changed_by(user):
    """Used by the subscriber status trigger (fn_log_subscriber_status)."""
    execute("SELECT set_config('telco.changed_by', %s, false)", (user,))


def db_now():
    return scalar("SELECT now()")


def wait_for_db(max_wait=60):
    t0 = time.time()
    while True:
        try:
            scalar("SELECT 1")
            return True
        except psycopg2.OperationalError:
            if time.time() - t0 > max_wait:
                raise
            time.sleep(2)


# ---------------------------------------------------------------------------
# "common" queries -- see module docstring
# ---------------------------------------------------------------------------

# -- accounts / subscribers -------------------------------------------------

def get_account(account_id):
    row = fetchone("SELECT * FROM accounts WHERE id = %s", (account_id,))
    if row is None:
        raise NotFound("account %s" % account_id)
    return row


def get_account_by_no(account_no):
    return fetchone("SELECT * FROM accounts WHERE account_no = %s", (account_no.strip().upper(),))


def get_subscriber(subscriber_id):
    return fetchone("SELECT * FROM subscribers WHERE id = %s", (subscriber_id,))


def get_subscriber_by_msisdn(msisdn, include_terminated=False):
    sql = "SELECT * FROM subscribers WHERE msisdn = %s"
    if not include_terminated:
        sql += " AND status <> 'terminated'"
    return fetchone(sql, (msisdn,))


def list_account_subscribers(account_id, active_only=True):
    sql = "SELECT * FROM subscribers WHERE account_id = %s"
    if active_only:
        sql += " AND status IN ('active', 'barred', 'suspended')"
    sql += " ORDER BY id"
    return fetchall(sql, (account_id,))


def update_subscriber_status(subscriber_id, status, reason=None, user="batch"):
    set_changed_by(user)
    extra = ""
    if status == "active":
        extra = ", activated_at = COALESCE(activated_at, now()), barring_reason = NULL"
    elif status == "terminated":
        extra = ", terminated_at = now()"
    execute("UPDATE subscribers SET status = %s, barring_reason = %s" + extra +
            " WHERE id = %s", (status, reason, subscriber_id))


def get_primary_contact(account_id):
    return fetchone("""
        SELECT * FROM account_contacts
         WHERE account_id = %s
         ORDER BY is_primary DESC, (contact_type = 'billing') DESC, id
         LIMIT 1""", (account_id,))


def get_billing_address(account_id):
    return fetchone("""
        SELECT * FROM account_addresses
         WHERE account_id = %s AND addr_type = 'billing'
         ORDER BY id DESC LIMIT 1""", (account_id,))


# -- plans -------------------------------------------------------------------

def get_plan(plan_id):
    return fetchone("SELECT * FROM plans WHERE id = %s", (plan_id,))


def get_active_subscription(subscriber_id, on_date=None):
    sql = """
        SELECT s.*, p.code AS plan_code, p.name AS plan_name, p.monthly_fee,
               p.plan_type, p.data_mb_included, p.voice_min_included, p.sms_included
          FROM subscriptions s
          JOIN plans p ON p.id = s.plan_id
         WHERE s.subscriber_id = %s
    """
    params = [subscriber_id]
    if on_date is None:
        sql += " AND s.status = 'active'"
    else:
        sql += " AND s.start_date <= %s AND (s.end_date IS NULL OR s.end_date >= %s)"
        params += [on_date, on_date]
    sql += " ORDER BY s.start_date DESC LIMIT 1"
    return fetchone(sql, params)


def get_tariff_rate(plan_id, zone_code, service, on_date):
    return fetchone("""
        SELECT r.unit_price, r.unit
          FROM tariff_rates r
          JOIN tariff_zones z ON z.id = r.zone_id
         WHERE r.plan_id = %s AND z.code = %s AND r.service = %s
           AND r.valid_from <= %s
         ORDER BY r.valid_from DESC LIMIT 1""", (plan_id, zone_code, service, on_date))


def list_active_plans():
    return fetchall("SELECT * FROM plans WHERE active AND (valid_to IS NULL OR valid_to >= current_date) ORDER BY code")


# -- usage -------------------------------------------------------------------

def fetch_new_cdrs(limit=5000):
    return fetchall("""
        SELECT * FROM raw_cdrs WHERE status = 'new'
         ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED""", (limit,))


def mark_cdrs(ids, status):
    if not ids:
        return 0
    ph, params = in_clause(ids)
    return execute("UPDATE raw_cdrs SET status = %s WHERE id IN (" + ph + ")", (status,) + params)


def sum_unbilled_usage(subscriber_id, period_end):
    """Used by the bill run. Returns rows per service/zone."""
    return fetchall("""
        SELECT service, zone_code, SUM(units) AS units, SUM(free_units) AS free_units,
               SUM(amount) AS amount, COUNT(*) AS events
          FROM rated_usage
         WHERE subscriber_id = %s AND billed_run_id IS NULL AND usage_date <= %s
         GROUP BY service, zone_code
         ORDER BY service, zone_code""", (subscriber_id, period_end))


def mark_usage_billed(subscriber_id, period_end, run_id):
    return execute("""
        UPDATE rated_usage SET billed_run_id = %s
         WHERE subscriber_id = %s AND billed_run_id IS NULL AND usage_date <= %s""",
                   (run_id, subscriber_id, period_end))


# -- invoices ------------------------------------------------------------------

def get_invoice(invoice_id):
    return fetchone("SELECT * FROM invoices WHERE id = %s", (invoice_id,))


def get_invoice_by_no(invoice_no):
    return fetchone("SELECT * FROM invoices WHERE invoice_no = %s", (invoice_no,))


def get_open_invoices(account_id):
    return fetchall("""
        SELECT i.*, i.total_amount - COALESCE(
                 (SELECT SUM(amount) FROM payment_allocations pa WHERE pa.invoice_id = i.id), 0)
                 - COALESCE((SELECT SUM(amount) FROM credit_notes c WHERE c.invoice_id = i.id), 0)
               AS open_amount
          FROM invoices i
         WHERE i.account_id = %s AND i.status IN ('issued', 'partially_paid')
         ORDER BY i.due_date, i.id""", (account_id,))


def get_vat_rate(on_date, code="STD"):
    row = fetchone("""
        SELECT rate FROM tax_rates
         WHERE code = %s AND valid_from <= %s AND (valid_to IS NULL OR valid_to >= %s)
         ORDER BY valid_from DESC LIMIT 1""", (code, on_date, on_date))
    if row is None:
        log.warning("no tax rate %s for %s, falling back to 21%%", code, on_date)
        return D("0.21")
    return D(row["rate"])


def next_invoice_no():
    return scalar("SELECT fn_next_invoice_no()")


# -- payments ------------------------------------------------------------------

def get_account_balance(account_id):
    row = fetchone("SELECT balance, oldest_due FROM v_account_balance WHERE account_id = %s",
                   (account_id,))
    return (D(row["balance"]), row["oldest_due"]) if row else (D(0), None)


def get_unallocated_payments(account_id=None):
    sql = "SELECT * FROM payments WHERE status IN ('unallocated', 'partially_allocated')"
    params = ()
    if account_id is not None:
        sql += " AND account_id = %s"
        params = (account_id,)
    return fetchall(sql + " ORDER BY received_at", params)


def insert_payment(account_id, amount, method, reference, source="manual", stmt_line=None):
    return scalar("""
        INSERT INTO payments (account_id, amount, method, reference, source, bank_stmt_line)
        VALUES (%s, %s, %s, %s, %s, %s) RETURNING id""",
                  (account_id, amount, method, reference, source, stmt_line))


# -- provisioning ----------------------------------------------------------------

def get_free_msisdn(number_type="regular"):
    return scalar("""
        SELECT msisdn FROM msisdn_pool
         WHERE status = 'free' AND number_type = %s
         ORDER BY random() LIMIT 1 FOR UPDATE SKIP LOCKED""", (number_type,))


def get_sim_by_iccid(iccid):
    return fetchone("SELECT * FROM sim_cards WHERE iccid = %s", (iccid,))


def queue_prov_order(subscriber_id, order_type, payload=None, requested_by="batch"):
    return scalar("""
        INSERT INTO prov_orders (subscriber_id, order_type, payload, requested_by)
        VALUES (%s, %s, %s, %s) RETURNING id""",
                  (subscriber_id, order_type, psycopg2.extras.Json(payload or {}), requested_by))


# -- network ---------------------------------------------------------------------

def get_element(element_id):
    return fetchone("SELECT * FROM network_elements WHERE id = %s", (element_id,))


def get_element_by_name(name):
    return fetchone("SELECT * FROM network_elements WHERE name = %s", (name,))


def list_elements(element_type=None, status=None):
    sql = "SELECT e.*, s.site_code, s.region FROM network_elements e LEFT JOIN network_sites s ON s.id = e.site_id WHERE 1=1"
    params = []
    if element_type:
        sql += " AND e.element_type = %s"
        params.append(element_type)
    if status:
        sql += " AND e.status = %s"
        params.append(status)
    return fetchall(sql + " ORDER BY e.name", params)


# -- tickets ---------------------------------------------------------------------

def create_ticket(subject, description, account_id=None, subscriber_id=None,
                  category="General", priority=None, source="system", element_id=None):
    """Everybody opens tickets from everywhere. Keep the signature stable."""
    cat = fetchone("SELECT id, default_priority FROM ticket_categories WHERE name = %s", (category,))
    if cat is None:
        cat = fetchone("SELECT id, default_priority FROM ticket_categories WHERE name = 'General'")
    ticket_no = "T" + str(scalar("SELECT to_char(now(), 'YYMMDD') || lpad((COALESCE(MAX(id), 0) + 1)::text, 6, '0') FROM tickets"))
    return scalar("""
        INSERT INTO tickets (ticket_no, account_id, subscriber_id, category_id, priority,
                             subject, description, source, related_element_id)
        VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id""",
                  (ticket_no, account_id, subscriber_id, cat and cat["id"],
                   priority or (cat and cat["default_priority"]) or "P3",
                   subject[:200], description, source, element_id))


def count_open_tickets(account_id):
    return scalar("SELECT COUNT(*) FROM tickets WHERE account_id = %s AND status NOT IN ('closed', 'resolved')",
                  (account_id,))


# ---------------------------------------------------------------------------
# old stuff, kept for the 2018 scripts in ~ops/bin that still import it
# ---------------------------------------------------------------------------

def get_connection(dsn=None):
    """DEPRECATED: use get_conn()."""
    if dsn:
        return psycopg2.connect(dsn)
    return get_conn()


def query_dict(sql, params=None):
    """DEPRECATED alias of fetchall."""
    return fetchall(sql, params)


def get_customer_balance_old(account_id):
    # pre-view implementation, wrong for credit notes. DO NOT USE.
    inv = scalar("SELECT COALESCE(SUM(total_amount),0) FROM invoices WHERE account_id=%s AND status<>'cancelled'", (account_id,))
    pay = scalar("SELECT COALESCE(SUM(amount),0) FROM payments WHERE account_id=%s", (account_id,))
    return D(inv) - D(pay)
