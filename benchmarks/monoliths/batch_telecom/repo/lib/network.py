# -*- coding: utf-8 -*-
"""Network inventory: sites, elements, cells, alarms, maintenance windows.

This used to be an Excel sheet. NOC now maintains it via the admin UI and
the network_poll job keeps status/alarms up to date (SNMP).
"""
import csv
import datetime
import subprocess

from lib import dbutil
from lib.log import get_logger

log = get_logger("network")

SEVERITIES = ("critical", "major", "minor", "warning")
SNMP_COMMUNITY = "telcoro"   # read-only, don't panic
SYS_UPTIME_OID = "1.3.6.1.2.1.1.3.0"
SYS_DESCR_OID = "1.3.6.1.2.1.1.1.0"


class InventoryError(Exception):
    pass


def snmp_get(ip, oid, timeout=3):
    """Shells out to net-snmp's snmpget; pysnmp was too slow on the old box."""
    try:
        out = subprocess.check_output(
            ["snmpget", "-v2c", "-c", SNMP_COMMUNITY, "-t", str(timeout), "-r", "1", "-Oqv", str(ip), oid],
            stderr=subprocess.STDOUT, timeout=timeout * 3)
        return out.decode("utf-8", "replace").strip()
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as e:
        log.debug("snmp %s %s failed: %s", ip, oid, e)
        return None


def poll_element(el):
    if not el["ip_address"]:
        return el["status"]
    uptime = snmp_get(el["ip_address"], SYS_UPTIME_OID)
    status = "up" if uptime is not None else "down"
    descr = snmp_get(el["ip_address"], SYS_DESCR_OID) if uptime is not None else None
    dbutil.execute("""
        UPDATE network_elements SET status = %s, last_polled = now(),
               sw_version = COALESCE(%s, sw_version) WHERE id = %s""",
                   (status, descr and descr[:40], el["id"]))
    if status != el["status"]:
        if status == "down":
            raise_alarm(el["id"], "critical", "Element unreachable (SNMP)")
        else:
            clear_alarms(el["id"], "Element unreachable (SNMP)")
    return status


def raise_alarm(element_id, severity, text):
    if severity not in SEVERITIES:
        raise InventoryError("bad severity %s" % severity)
    existing = dbutil.scalar("""
        SELECT id FROM element_alarms WHERE element_id = %s AND alarm_text = %s AND cleared_at IS NULL""",
                             (element_id, text))
    if existing:
        return existing
    alarm_id = dbutil.scalar("""
        INSERT INTO element_alarms (element_id, severity, alarm_text) VALUES (%s, %s, %s) RETURNING id""",
                             (element_id, severity, text))
    if severity == "critical":
        el = dbutil.get_element(element_id)
        dbutil.create_ticket("CRITICAL: %s %s" % (el["name"], text), text,
                             category="Network", priority="P1", element_id=element_id)
    return alarm_id


def clear_alarms(element_id, text=None):
    sql = "UPDATE element_alarms SET cleared_at = now() WHERE element_id = %s AND cleared_at IS NULL"
    params = [element_id]
    if text:
        sql += " AND alarm_text = %s"
        params.append(text)
    return dbutil.execute(sql, params)


def active_alarms(min_severity="warning"):
    sev = SEVERITIES[:SEVERITIES.index(min_severity) + 1]
    ph, params = dbutil.in_clause(sev)
    return dbutil.fetchall("""
        SELECT a.*, e.name AS element_name, e.element_type, s.site_code
          FROM element_alarms a
          JOIN network_elements e ON e.id = a.element_id
          LEFT JOIN network_sites s ON s.id = e.site_id
         WHERE a.cleared_at IS NULL AND a.severity IN (""" + ph + """)
         ORDER BY a.raised_at DESC""", params)


def site_with_elements(site_code):
    site = dbutil.fetchone("SELECT * FROM network_sites WHERE site_code = %s", (site_code,))
    if site is None:
        return None
    site["elements"] = dbutil.fetchall("SELECT * FROM network_elements WHERE site_id = %s ORDER BY name",
                                       (site["id"],))
    site["cells"] = dbutil.fetchall("SELECT * FROM cells WHERE site_id = %s ORDER BY cell_id", (site["id"],))
    return site


def add_element(name, element_type, site_code, vendor=None, ip_address=None):
    site_id = dbutil.scalar("SELECT id FROM network_sites WHERE site_code = %s", (site_code,))
    if site_id is None:
        raise InventoryError("unknown site %s" % site_code)
    return dbutil.scalar("""
        INSERT INTO network_elements (name, element_type, site_id, vendor, ip_address)
        VALUES (%s, %s, %s, %s, %s) RETURNING id""", (name, element_type, site_id, vendor, ip_address))


def import_cells_csv(path):
    """NOC exports cells from the OSS as CSV: cell_id;element;site;tech;sector."""
    n = 0
    with open(path, newline="") as fh:
        for row in csv.DictReader(fh, delimiter=";"):
            el = dbutil.get_element_by_name(row["element"])
            site_id = dbutil.scalar("SELECT id FROM network_sites WHERE site_code = %s", (row["site"],))
            if el is None or site_id is None:
                log.warning("skip cell %s: unknown element/site", row["cell_id"])
                continue
            dbutil.execute("""
                INSERT INTO cells (cell_id, element_id, site_id, technology, sector)
                VALUES (%s, %s, %s, %s, %s)
                ON CONFLICT (cell_id) DO UPDATE SET element_id = EXCLUDED.element_id,
                       site_id = EXCLUDED.site_id, technology = EXCLUDED.technology""",
                           (row["cell_id"], el["id"], site_id, row["tech"], row.get("sector") or None))
            n += 1
    dbutil.commit()
    return n


def schedule_maintenance(element_id, starts_at, ends_at, description, notify_customers=False):
    if ends_at <= starts_at:
        raise InventoryError("window ends before it starts")
    return dbutil.scalar("""
        INSERT INTO maintenance_windows (element_id, starts_at, ends_at, description, notify_customers)
        VALUES (%s, %s, %s, %s, %s) RETURNING id""",
                         (element_id, starts_at, ends_at, description, notify_customers))


def windows_to_notify(hours_ahead=48):
    return dbutil.fetchall("""
        SELECT m.*, e.name AS element_name, e.site_id
          FROM maintenance_windows m JOIN network_elements e ON e.id = m.element_id
         WHERE m.notify_customers AND m.notified_at IS NULL
           AND m.starts_at BETWEEN now() AND now() + (%s || ' hours')::interval""", (hours_ahead,))


def affected_msisdns(site_id, days=30):
    """Subscribers who used this site's cells recently. Reads raw CDRs --
    slow, but the only place we know where people are."""
    return [r["msisdn"] for r in dbutil.fetchall("""
        SELECT DISTINCT rc.msisdn
          FROM raw_cdrs rc JOIN cells c ON c.cell_id = rc.cell_id
         WHERE c.site_id = %s AND rc.start_time > now() - (%s || ' days')::interval""", (site_id, days))]


def mark_window_notified(window_id):
    dbutil.execute("UPDATE maintenance_windows SET notified_at = now() WHERE id = %s", (window_id,),
                   commit_now=True)


def availability(element_id, since):
    """Rough availability % from alarm durations. Good enough for the monthly NOC report."""
    rows = dbutil.fetchall("""
        SELECT raised_at, COALESCE(cleared_at, now()) AS cleared_at FROM element_alarms
         WHERE element_id = %s AND severity = 'critical' AND COALESCE(cleared_at, now()) > %s""",
                           (element_id, since))
    total = (datetime.datetime.now(datetime.timezone.utc) - since).total_seconds()
    down = sum((r["cleared_at"] - max(r["raised_at"], since)).total_seconds() for r in rows)
    return max(0.0, 100.0 * (1 - down / total)) if total > 0 else 100.0
