# -*- coding: utf-8 -*-
"""SIM / MSISDN inventory and provisioning orders towards the HLR.

The HLR speaks a line-based MML dialect over TCP. One prov_order produces
one or more prov_commands (one per network element touched).
"""
import json
import socket
import time

from psycopg2.extras import execute_values

from lib import config, dbutil
from lib.jobbase import retry
from lib.log import get_logger
from lib.validators import luhn_ok, normalize_msisdn

log = get_logger("provisioning")

MAX_ATTEMPTS = 5

COMMANDS = {
    "activate": [
        "CRE SUB: IMSI={imsi}, MSISDN={msisdn}, KI={ki_ref}, PROFILE={profile};",
        "SET GPRS: IMSI={imsi}, APN=internet, QOS=3;",
    ],
    "suspend": ["SET BAR: IMSI={imsi}, BAOC={baoc}, BAIC={baic};"],
    "resume": ["SET BAR: IMSI={imsi}, BAOC=0, BAIC=0;"],
    "terminate": ["DEL SUB: IMSI={imsi};"],
    "swap_sim": [
        "DEL SUB: IMSI={old_imsi};",
        "CRE SUB: IMSI={imsi}, MSISDN={msisdn}, KI={ki_ref}, PROFILE={profile};",
    ],
    "change_plan": ["SET PROFILE: IMSI={imsi}, PROFILE={profile};"],
}

PROFILE_BY_PLAN_TYPE = {"prepaid": "PP1", "postpaid": "PO1"}


class ProvisioningError(Exception):
    pass


class HlrClient(object):

    def __init__(self, host, port=None, timeout=None, dry_run=None):
        cfg = config.get_config()
        self.host = host
        self.port = int(port or cfg.get("hlr", "port"))
        self.timeout = float(timeout or cfg.get("hlr", "timeout"))
        self.dry_run = cfg.getbool("hlr", "dry_run") if dry_run is None else dry_run
        self.sock = None

    @retry(times=3, delay=2, exceptions=(socket.error,))
    def connect(self):
        if self.dry_run:
            return
        self.sock = socket.create_connection((self.host, self.port), timeout=self.timeout)
        self._read_until(b"<")

    def _read_until(self, marker):
        buf = b""
        deadline = time.time() + self.timeout
        while marker not in buf:
            if time.time() > deadline:
                raise ProvisioningError("timeout waiting for HLR prompt")
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ProvisioningError("HLR closed connection")
            buf += chunk
        return buf.decode("ascii", "replace")

    def send(self, command):
        if self.dry_run:
            log.info("DRY HLR %s: %s", self.host, command)
            return "RETCODE = 0 (dry run)"
        self.sock.sendall(command.encode("ascii") + b"\r\n")
        return self._read_until(b"<")

    def close(self):
        if self.sock:
            try:
                self.sock.sendall(b"LGO;\r\n")
            finally:
                self.sock.close()
                self.sock = None


def hlr_for(msisdn):
    """Pick the HLR by number range. Inventory owns the element list."""
    hlrs = dbutil.list_elements("hlr", "up")
    if not hlrs:
        raise ProvisioningError("no HLR up")
    # numbers ending even -> first HLR, odd -> second; legacy split from 2016
    idx = int(msisdn[-1]) % len(hlrs) if msisdn and msisdn[-1].isdigit() else 0
    return hlrs[idx]


def build_commands(order, sub, sim):
    payload = order["payload"] or {}
    if isinstance(payload, str):
        payload = json.loads(payload)
    plan = dbutil.get_active_subscription(sub["id"])
    values = {
        "imsi": sim["imsi"] if sim else sub["imsi"],
        "msisdn": sub["msisdn"],
        "ki_ref": sim["ki_ref"] if sim else "",
        "profile": PROFILE_BY_PLAN_TYPE.get(plan["plan_type"] if plan else "postpaid", "PO1"),
        "baoc": 1,
        "baic": 1 if payload.get("barring") == "all" else 0,
        "old_imsi": payload.get("old_imsi", ""),
    }
    return [c.format(**values) for c in COMMANDS[order["order_type"]]]


def process_order(order, clients):
    sub = dbutil.get_subscriber(order["subscriber_id"])
    sim = dbutil.fetchone("SELECT * FROM sim_cards WHERE subscriber_id = %s AND status IN ('allocated', 'active')",
                          (sub["id"],))
    element = hlr_for(sub["msisdn"])
    client = clients.get(element["id"])
    if client is None:
        client = HlrClient(element["ip_address"] or config.get("hlr", "default_host"))
        client.connect()
        clients[element["id"]] = client
    for cmd in build_commands(order, sub, sim):
        resp = client.send(cmd)
        ok = "RETCODE = 0" in resp
        dbutil.execute("""
            INSERT INTO prov_commands (order_id, element_id, command, response, status)
            VALUES (%s, %s, %s, %s, %s)""", (order["id"], element["id"], cmd, resp[:4000],
                                             "ok" if ok else "error"))
        if not ok:
            raise ProvisioningError("HLR rejected %r: %s" % (cmd, resp.strip()[:200]))
    after_success(order, sub, sim)


def after_success(order, sub, sim):
    t = order["order_type"]
    if t == "activate":
        dbutil.execute("UPDATE sim_cards SET status = 'active' WHERE id = %s", (sim["id"],))
        dbutil.update_subscriber_status(sub["id"], "active", None, order["requested_by"] or "prov")
    elif t == "terminate" and sim:
        dbutil.execute("UPDATE sim_cards SET status = 'scrapped', subscriber_id = NULL WHERE id = %s",
                       (sim["id"],))
    elif t == "swap_sim":
        payload = order["payload"] or {}
        dbutil.execute("UPDATE sim_cards SET status = 'scrapped', subscriber_id = NULL WHERE imsi = %s",
                       (payload.get("old_imsi"),))
        dbutil.execute("UPDATE sim_cards SET status = 'active' WHERE id = %s", (sim["id"],))
    dbutil.execute("UPDATE prov_orders SET status = 'done', completed_at = now() WHERE id = %s",
                   (order["id"],))


def pending_orders(limit=200):
    return dbutil.fetchall("""
        SELECT * FROM prov_orders
         WHERE status IN ('pending', 'retry') AND attempts < %s
         ORDER BY created_at LIMIT %s FOR UPDATE SKIP LOCKED""", (MAX_ATTEMPTS, limit))


def fail_order(order, error):
    attempts = order["attempts"] + 1
    status = "failed" if attempts >= MAX_ATTEMPTS else "retry"
    dbutil.execute("""
        UPDATE prov_orders SET status = %s, attempts = %s, last_error = %s WHERE id = %s""",
                   (status, attempts, str(error)[:2000], order["id"]))
    if status == "failed":
        sub = dbutil.get_subscriber(order["subscriber_id"])
        dbutil.create_ticket("Provisioning failed: %s %s" % (order["order_type"], sub["msisdn"]),
                             "Order %s failed %d times. Last error:\n%s" % (order["id"], attempts, error),
                             account_id=sub["account_id"], subscriber_id=sub["id"],
                             category="Provisioning", priority="P2")
    return status


def allocate_sim(subscriber_id, iccid=None, warehouse=None):
    if iccid:
        sim = dbutil.get_sim_by_iccid(iccid)
        if sim is None or sim["status"] != "stock":
            raise ProvisioningError("SIM %s not available" % iccid)
    else:
        sql = "SELECT * FROM sim_cards WHERE status = 'stock'"
        params = []
        if warehouse:
            sql += " AND warehouse = %s"
            params.append(warehouse)
        sim = dbutil.fetchone(sql + " ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED", params)
        if sim is None:
            raise ProvisioningError("no SIM in stock")
    dbutil.execute("UPDATE sim_cards SET status = 'allocated', subscriber_id = %s WHERE id = %s",
                   (subscriber_id, sim["id"]))
    dbutil.execute("UPDATE subscribers SET iccid = %s, imsi = %s WHERE id = %s",
                   (sim["iccid"], sim["imsi"], subscriber_id))
    return sim


def reserve_msisdn(msisdn=None, number_type="regular", minutes=30):
    msisdn = normalize_msisdn(msisdn) if msisdn else dbutil.get_free_msisdn(number_type)
    if not msisdn:
        raise ProvisioningError("no free numbers of type %s" % number_type)
    n = dbutil.execute("""
        UPDATE msisdn_pool SET status = 'reserved', reserved_until = now() + (%s || ' minutes')::interval
         WHERE msisdn = %s AND (status = 'free' OR (status = 'reserved' AND reserved_until < now()))""",
                       (minutes, msisdn))
    if n != 1:
        raise ProvisioningError("number %s not available" % msisdn)
    return msisdn


def assign_msisdn(msisdn, subscriber_id):
    dbutil.execute("""
        UPDATE msisdn_pool SET status = 'assigned', assigned_subscriber_id = %s, reserved_until = NULL
         WHERE msisdn = %s""", (subscriber_id, msisdn))
    dbutil.execute("UPDATE subscribers SET msisdn = %s WHERE id = %s", (msisdn, subscriber_id))


def activate_new_line(account_id, plan_code, msisdn=None, iccid=None, user="admin"):
    """The whole 'new line' flow used by the admin UI and the web shop import."""
    from lib import customer, plans, rating
    from lib.dates import first_of_month, today
    with dbutil.transaction():
        number = reserve_msisdn(msisdn)
        sub_id = customer.create_subscriber(account_id)
        assign_msisdn(number, sub_id)
        allocate_sim(sub_id, iccid)
        plans.subscribe(sub_id, plan_code, user=user)
        rating.init_bundles(sub_id, first_of_month(today()))
        order_id = dbutil.queue_prov_order(sub_id, "activate", {}, user)
    log.info("new line %s for account %s, order %s", number, account_id, order_id)
    return sub_id, order_id


def swap_sim(subscriber_id, new_iccid, user):
    sub = dbutil.get_subscriber(subscriber_id)
    if not luhn_ok(new_iccid):
        raise ProvisioningError("ICCID checksum wrong")
    old_imsi = sub["imsi"]
    with dbutil.transaction():
        allocate_sim(subscriber_id, new_iccid)
        order_id = dbutil.queue_prov_order(subscriber_id, "swap_sim", {"old_imsi": old_imsi}, user)
    return order_id


def import_sim_batch(rows, batch_no, warehouse):
    """rows: iterable of (iccid, imsi, ki_ref, pin1, puk1) from the vendor file."""
    bad = [r[0] for r in rows if not luhn_ok(r[0])]
    if bad:
        raise ProvisioningError("%d ICCIDs fail checksum, e.g. %s" % (len(bad), bad[0]))
    with dbutil.cursor(dict_rows=False, commit=True) as cur:
        execute_values(cur, """
            INSERT INTO sim_cards (iccid, imsi, ki_ref, pin1, puk1, batch_no, warehouse)
            VALUES %s ON CONFLICT (iccid) DO NOTHING""",
                       [tuple(r) + (batch_no, warehouse) for r in rows])
        return cur.rowcount


def sim_stock_levels():
    return dbutil.fetchall("""
        SELECT warehouse, COUNT(*) FILTER (WHERE status = 'stock') AS in_stock,
               COUNT(*) FILTER (WHERE status = 'allocated') AS allocated
          FROM sim_cards GROUP BY warehouse ORDER BY warehouse""")


def release_expired_reservations():
    return dbutil.execute("""
        UPDATE msisdn_pool SET status = 'free', reserved_until = NULL
         WHERE status = 'reserved' AND reserved_until < now()""", commit_now=True)


def order_history(subscriber_id):
    return dbutil.fetchall("""
        SELECT o.*, (SELECT COUNT(*) FROM prov_commands c WHERE c.order_id = o.id) AS commands
          FROM prov_orders o WHERE o.subscriber_id = %s ORDER BY o.created_at DESC""", (subscriber_id,))
