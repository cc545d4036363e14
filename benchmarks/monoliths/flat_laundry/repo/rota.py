"""
rota.py - weekly shift rota for the plant and transport.
"""
import datetime
import logging

import db
import dates

log = logging.getLogger('lhs.rota')

# area -> [(name, start, end, headcount)]
SHIFT_PATTERNS = {
    'plant': [('EARLY', datetime.time(6, 0), datetime.time(14, 0), 14),
              ('LATE', datetime.time(14, 0), datetime.time(22, 0), 10)],
    'transport': [('TRANSPORT', datetime.time(5, 30), datetime.time(14, 30), 9)],
    'office': [('OFFICE', datetime.time(8, 30), datetime.time(17, 0), 4)],
}


def create_shifts_for_week(week_start, depot='MAIN', areas=None):
    made = 0
    for d in dates.daterange(week_start, week_start + datetime.timedelta(days=6)):
        if d.weekday() == 6:
            continue  # no sunday working (except christmas - do by hand)
        for area, patterns in SHIFT_PATTERNS.items():
            if areas and area not in areas:
                continue
            if area == 'office' and d.weekday() >= 5:
                continue
            for name, start, end, hc in patterns:
                exists = db.fetch_value("SELECT id FROM shifts WHERE shift_date = %s AND name = %s AND depot = %s",
                                        (d, name, depot))
                if exists:
                    continue
                db.run("INSERT INTO shifts (shift_date, name, area, depot, starts_at, ends_at, headcount) "
                       "VALUES (%s, %s, %s, %s, %s, %s, %s)", (d, name, area, depot, start, end, hc))
                made += 1
    return made


def assign(shift_id, staff_id, role=None):
    dup = db.fetch_value("SELECT id FROM shift_assignments WHERE shift_id = %s AND staff_id = %s", (shift_id, staff_id))
    if dup:
        return dup
    return db.insert("INSERT INTO shift_assignments (shift_id, staff_id, role) VALUES (%s, %s, %s) RETURNING id",
                     (shift_id, staff_id, role))


def unassign(shift_id, staff_id):
    db.run("DELETE FROM shift_assignments WHERE shift_id = %s AND staff_id = %s", (shift_id, staff_id))


def confirm_week(week_start):
    return db.run("UPDATE shift_assignments SET confirmed = true WHERE shift_id IN "
                  "(SELECT id FROM shifts WHERE shift_date BETWEEN %s AND %s)",
                  (week_start, week_start + datetime.timedelta(days=6)))


def rota_for_week(week_start, area=None):
    sql = ("SELECT sh.*, sa.staff_id, sa.confirmed, s.first_name, s.last_name FROM shifts sh "
           "LEFT JOIN shift_assignments sa ON sa.shift_id = sh.id LEFT JOIN staff s ON s.id = sa.staff_id "
           "WHERE sh.shift_date BETWEEN %s AND %s")
    args = [week_start, week_start + datetime.timedelta(days=6)]
    if area:
        sql += " AND sh.area = %s"
        args.append(area)
    return db.fetch_all(sql + " ORDER BY sh.shift_date, sh.starts_at, s.last_name", args)


def understaffed_shifts(week_start):
    return db.fetch_all(
        "SELECT sh.id, sh.shift_date, sh.name, sh.headcount, count(sa.id) AS assigned FROM shifts sh "
        "LEFT JOIN shift_assignments sa ON sa.shift_id = sh.id WHERE sh.shift_date BETWEEN %s AND %s "
        "GROUP BY sh.id, sh.shift_date, sh.name, sh.headcount HAVING count(sa.id) < sh.headcount "
        "ORDER BY sh.shift_date", (week_start, week_start + datetime.timedelta(days=6)))


def copy_last_week(week_start, depot='MAIN'):
    """same people on the same shifts as last week"""
    create_shifts_for_week(week_start, depot)
    prev = week_start - datetime.timedelta(days=7)
    rows = db.fetch_all(
        "SELECT sh.shift_date, sh.name, sa.staff_id, sa.role FROM shift_assignments sa "
        "JOIN shifts sh ON sh.id = sa.shift_id JOIN staff s ON s.id = sa.staff_id "
        "WHERE s.active AND sh.depot = %s AND sh.shift_date BETWEEN %s AND %s",
        (depot, prev, prev + datetime.timedelta(days=6)))
    n = 0
    for r in rows:
        sid = db.fetch_value("SELECT id FROM shifts WHERE shift_date = %s AND name = %s AND depot = %s",
                             (r['shift_date'] + datetime.timedelta(days=7), r['name'], depot))
        if sid:
            assign(sid, r['staff_id'], r['role'])
            n += 1
    return n
