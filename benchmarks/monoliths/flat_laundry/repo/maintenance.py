"""machine faults and planned maintenance"""
import datetime
import logging

import db
import util
import notifications

log = logging.getLogger('lhs.maint')

SERVICE_INTERVAL_DAYS = {'washer': 90, 'tunnel': 60, 'dryer': 90, 'ironer': 120, 'folder': 180}


def report_fault(machine_id, staff_id, description):
    fid = db.insert(
        "INSERT INTO machine_faults (machine_id, reported_by, description) VALUES (%s, %s, %s) RETURNING id",
        (machine_id, staff_id, description))
    db.run("UPDATE machines SET status = 'fault' WHERE id = %s", (machine_id,))
    m = db.fetch_one("SELECT code FROM machines WHERE id = %s", (machine_id,))
    notifications.notify_machine_fault(m['code'], description)
    return fid


def resolve_fault(fault_id):
    f = db.fetch_one("SELECT * FROM machine_faults WHERE id = %s", (fault_id,))
    mins = int((util.now() - f['reported_at']).total_seconds() // 60)
    db.run("UPDATE machine_faults SET resolved_at = now(), downtime_min = %s WHERE id = %s", (mins, fault_id))
    still = db.fetch_value("SELECT count(*) FROM machine_faults WHERE machine_id = %s AND resolved_at IS NULL",
                           (f['machine_id'],), 0)
    if not still:
        db.run("UPDATE machines SET status = 'ok' WHERE id = %s AND status = 'fault'", (f['machine_id'],))
    return mins


def open_faults():
    return db.fetch_all(
        "SELECT f.*, m.code FROM machine_faults f JOIN machines m ON m.id = f.machine_id "
        "WHERE f.resolved_at IS NULL ORDER BY f.reported_at")


def schedule_job(machine_id, kind, due_on, engineer=None):
    return db.insert("INSERT INTO maintenance_jobs (machine_id, kind, due_on, engineer) VALUES (%s,%s,%s,%s) RETURNING id",
                     (machine_id, kind, due_on, engineer))


def complete_job(job_id, notes=None):
    j = db.fetch_one("SELECT * FROM maintenance_jobs WHERE id = %s", (job_id,))
    db.run("UPDATE maintenance_jobs SET done_on = current_date, notes = %s WHERE id = %s", (notes, job_id))
    db.run("UPDATE machines SET status = 'ok' WHERE id = %s AND status = 'service'", (j['machine_id'],))


def jobs_due(days=14):
    return db.fetch_all(
        "SELECT j.*, m.code, m.kind AS machine_kind FROM maintenance_jobs j JOIN machines m ON m.id = j.machine_id "
        "WHERE j.done_on IS NULL AND j.due_on <= current_date + %s ORDER BY j.due_on", (days,))


def generate_service_schedule():
    """make sure every machine has its next service booked"""
    made = 0
    for m in db.fetch_all("SELECT * FROM machines"):
        pending = db.fetch_value("SELECT count(*) FROM maintenance_jobs WHERE machine_id = %s AND done_on IS NULL "
                                 "AND kind = 'service'", (m['id'],), 0)
        if pending:
            continue
        last = db.fetch_value("SELECT max(done_on) FROM maintenance_jobs WHERE machine_id = %s AND kind = 'service'",
                              (m['id'],)) or m['installed_on'] or util.today()
        due = last + datetime.timedelta(days=SERVICE_INTERVAL_DAYS.get(m['kind'], 90))
        schedule_job(m['id'], 'service', max(due, util.today()))
        made += 1
    return made


def downtime_by_machine(start, end):
    return db.fetch_all(
        "SELECT m.code, count(f.id) AS faults, coalesce(sum(f.downtime_min),0) AS minutes "
        "FROM machines m LEFT JOIN machine_faults f ON f.machine_id = m.id "
        "AND f.reported_at::date BETWEEN %s AND %s GROUP BY m.code ORDER BY minutes DESC", (start, end))
