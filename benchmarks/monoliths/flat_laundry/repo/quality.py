"""
quality.py - reject reasons, the rewash queue and reject statistics.
The inspection bench itself is in plant_ops.inspect_batch (historical).
"""
import logging

import config
import db
import util
import emailer
import linen

log = logging.getLogger('lhs.quality')


def list_reject_reasons():
    return db.fetch_all("SELECT * FROM reject_reasons ORDER BY code")


def add_reject_reason(code, description, action):
    if action not in ('rewash', 'repair', 'condemn'):
        raise ValueError(action)
    return db.insert("INSERT INTO reject_reasons (code, description, action) VALUES (%s,%s,%s) RETURNING id",
                     (code.upper(), description, action))


def rewash_pending():
    return db.fetch_all(
        "SELECT q.*, r.linen_type_id, r.qty, lt.sku, rr.code AS reason FROM rewash_queue q "
        "JOIN rejects r ON r.id = q.reject_id JOIN linen_types lt ON lt.id = r.linen_type_id "
        "JOIN reject_reasons rr ON rr.id = r.reason_id WHERE NOT q.done AND q.batch_id IS NULL "
        "ORDER BY q.queued_at")


def assign_rewash(batch_id, queue_ids):
    if not queue_ids:
        return 0
    ids, args = db.sql_in(queue_ids)
    return db.run("UPDATE rewash_queue SET batch_id = %s WHERE id IN " + ids, [batch_id] + args)


def complete_rewash(batch_id):
    return db.run("UPDATE rewash_queue SET done = true WHERE batch_id = %s", (batch_id,))


def condemn(reject_id):
    r = db.fetch_one("SELECT * FROM rejects WHERE id = %s", (reject_id,))
    db.run("UPDATE rewash_queue SET done = true WHERE reject_id = %s", (reject_id,))
    return linen.write_off(r['linen_type_id'], r['qty'], 'condemned', location='depot')


def stale_rewash(days=3):
    """rewash items sitting in the cage too long; they get condemned by the sweep job"""
    return db.fetch_all(
        "SELECT q.id, q.reject_id FROM rewash_queue q WHERE NOT q.done "
        "AND q.queued_at < now() - interval '%d days'" % days)


def reject_stats_by_reason(start, end):
    return db.fetch_all(
        "SELECT rr.code, rr.description, sum(r.qty) AS qty FROM rejects r "
        "JOIN reject_reasons rr ON rr.id = r.reason_id WHERE r.created_at::date BETWEEN %s AND %s "
        "GROUP BY rr.code, rr.description ORDER BY qty DESC", (start, end))


def reject_stats_by_type(start, end):
    return db.fetch_all(
        "SELECT lt.sku, lt.description, sum(r.qty) AS qty FROM rejects r "
        "JOIN linen_types lt ON lt.id = r.linen_type_id WHERE r.created_at::date BETWEEN %s AND %s "
        "GROUP BY lt.sku, lt.description ORDER BY qty DESC", (start, end))


def check_reject_alert(day):
    r = db.fetch_one(
        "SELECT coalesce(sum(pieces_checked),0) AS checked, coalesce(sum(pieces_rejected),0) AS rejected "
        "FROM inspections WHERE inspected_at::date = %s", (day,))
    rate = util.pct(r['rejected'], r['checked'], 2)
    if rate > config.REJECT_ALERT_PCT:
        top = reject_stats_by_reason(day, day)[:5]
        body = 'Reject rate %.2f%% on %s (%d of %d)\n\n' % (rate, day, r['rejected'], r['checked'])
        body += '\n'.join('%s  %s  %s' % (t['code'], t['description'], t['qty']) for t in top)
        emailer.send_mail(config.PLANT_MANAGER_EMAIL, 'High reject rate %s' % day, body)
    return rate
