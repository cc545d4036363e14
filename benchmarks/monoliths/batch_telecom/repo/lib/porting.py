# -*- coding: utf-8 -*-
"""Number portability (COIN/NPC style clearing house).

We exchange CSV files with the clearing house via SFTP:
    PORTREQ  - someone wants a number (in or out)
    PORTRSP  - accept / reject
    PORTACT  - port executed on port date
"""
import csv
import datetime
import os

from lib import config, dbutil
from lib.dates import business_days_after, parse_date, today
from lib.log import get_logger
from lib.validators import normalize_msisdn

log = get_logger("porting")

OUR_OPERATOR_CODE = "TELEX"
REJECT_CODES = {
    "99": "msisdn unknown",
    "98": "customer data mismatch",
    "97": "number not active",
    "96": "duplicate request",
}


class PortingError(Exception):
    pass


def operator_id(code):
    return dbutil.scalar("SELECT id FROM operators WHERE code = %s", (code,))


def our_operator_id():
    return operator_id(OUR_OPERATOR_CODE)


def request_port_in(account_id, msisdn, donor_code, plan_code, wished_date=None, user="admin"):
    """Customer brings their number. We create the subscriber up front and
    activate it on port date."""
    from lib import customer, plans
    msisdn = normalize_msisdn(msisdn)
    donor = operator_id(donor_code)
    if donor is None:
        raise PortingError("unknown donor operator %s" % donor_code)
    if dbutil.get_subscriber_by_msisdn(msisdn):
        raise PortingError("%s is already ours" % msisdn)
    port_date = wished_date or business_days_after(today(), 3)
    with dbutil.transaction():
        sub_id = customer.create_subscriber(account_id, msisdn=msisdn)
        plans.subscribe(sub_id, plan_code, start_date=port_date, user=user)
        req_id = dbutil.scalar("""
            INSERT INTO port_requests (direction, msisdn, donor_operator_id, recipient_operator_id,
                                       subscriber_id, port_date)
            VALUES ('in', %s, %s, %s, %s, %s) RETURNING id""",
                               (msisdn, donor, our_operator_id(), sub_id, port_date))
    return req_id


def check_port_out(msisdn, customer_name, account_no=None):
    sub = dbutil.get_subscriber_by_msisdn(msisdn)
    if sub is None:
        return "99"
    if sub["status"] not in ("active", "barred"):
        return "97"
    acc = dbutil.get_account(sub["account_id"])
    if account_no and acc["account_no"] != account_no.strip().upper():
        return "98"
    if customer_name and customer_name.split()[-1].lower() not in acc["name"].lower():
        return "98"
    dup = dbutil.scalar("""
        SELECT 1 FROM port_requests WHERE msisdn = %s AND direction = 'out'
           AND status IN ('requested', 'accepted')""", (msisdn,))
    if dup:
        return "96"
    return None


def handle_port_out_request(row):
    msisdn = normalize_msisdn(row["msisdn"])
    code = check_port_out(msisdn, row.get("customer_name"), row.get("account_no"))
    recipient = operator_id(row["recipient"])
    sub = dbutil.get_subscriber_by_msisdn(msisdn)
    status = "accepted" if code is None else "rejected"
    req_id = dbutil.scalar("""
        INSERT INTO port_requests (direction, msisdn, donor_operator_id, recipient_operator_id,
                                   subscriber_id, port_date, status, npc_ref, reject_reason)
        VALUES ('out', %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id""",
                           (msisdn, our_operator_id(), recipient, sub and sub["id"],
                            parse_date(row["port_date"]), status, row["npc_ref"],
                            REJECT_CODES.get(code)))
    if status == "accepted" and sub:
        # open a retention ticket, marketing wants a call-back before port date
        dbutil.create_ticket("Port-out request %s" % msisdn,
                             "Recipient %s, port date %s" % (row["recipient"], row["port_date"]),
                             account_id=sub["account_id"], subscriber_id=sub["id"],
                             category="Retention", priority="P3")
    return req_id, code


def handle_response(row):
    req = dbutil.fetchone("""
        SELECT * FROM port_requests WHERE msisdn = %s AND direction = 'in'
           AND status = 'requested' ORDER BY id DESC LIMIT 1""", (normalize_msisdn(row["msisdn"]),))
    if req is None:
        log.warning("response for unknown port-in %s", row["msisdn"])
        return None
    if row["result"] == "ACK":
        dbutil.execute("UPDATE port_requests SET status = 'accepted', npc_ref = %s WHERE id = %s",
                       (row["npc_ref"], req["id"]))
    else:
        dbutil.execute("UPDATE port_requests SET status = 'rejected', reject_reason = %s WHERE id = %s",
                       (REJECT_CODES.get(row.get("code"), row.get("code")), req["id"]))
        from lib import customer
        customer.change_status(req["subscriber_id"], "terminated", "port-in rejected", "porting")
    return req["id"]


def execute_port(row):
    """PORTACT: the number actually moves today."""
    from lib import customer, provisioning
    msisdn = normalize_msisdn(row["msisdn"])
    req = dbutil.fetchone("""
        SELECT * FROM port_requests WHERE msisdn = %s AND status = 'accepted'
         ORDER BY id DESC LIMIT 1""", (msisdn,))
    if req is None:
        raise PortingError("no accepted request for %s" % msisdn)
    if req["direction"] == "in":
        provisioning.allocate_sim(req["subscriber_id"])
        dbutil.execute("""
            INSERT INTO msisdn_pool (msisdn, status, assigned_subscriber_id, number_type)
            VALUES (%s, 'assigned', %s, 'ported')
            ON CONFLICT (msisdn) DO UPDATE SET status = 'assigned',
                   assigned_subscriber_id = EXCLUDED.assigned_subscriber_id""",
                       (msisdn, req["subscriber_id"]))
        dbutil.queue_prov_order(req["subscriber_id"], "activate", {"ported": True}, "porting")
    else:
        customer.terminate_subscriber(req["subscriber_id"], "ported out", "porting", port_out=True)
    dbutil.execute("UPDATE port_requests SET status = 'completed' WHERE id = %s", (req["id"],))
    return req["id"]


def read_npc_file(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


def write_responses(rows, outdir=None):
    outdir = outdir or config.path("porting_incoming").replace("incoming", "outgoing")
    name = "PORTRSP_%s_%s.csv" % (OUR_OPERATOR_CODE, datetime.datetime.now().strftime("%Y%m%d%H%M%S"))
    path = os.path.join(outdir, name)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["npc_ref", "msisdn", "result", "code"])
        for r in rows:
            w.writerow(r)
    return path


def open_requests(direction=None):
    sql = """
        SELECT pr.*, d.name AS donor, r.name AS recipient
          FROM port_requests pr
          LEFT JOIN operators d ON d.id = pr.donor_operator_id
          LEFT JOIN operators r ON r.id = pr.recipient_operator_id
         WHERE pr.status IN ('requested', 'accepted')"""
    params = []
    if direction:
        sql += " AND pr.direction = %s"
        params.append(direction)
    return dbutil.fetchall(sql + " ORDER BY pr.port_date", params)
