"""
rfid.py - RFID read ingestion and tag tracking (DK, 2013-14)

Readers (tunnels at dirty-in and clean-out, handhelds in vans and at some
hospital sites) post batches of EPCs to /api/rfid/reads. They go into
rfid_reads unprocessed; jobs.process_rfid_reads() turns them into tag
positions every few minutes.
"""
import datetime
import logging

import config
import db
import util
from constants import READER_MEANING, TagStatus

log = logging.getLogger('lhs.rfid')


def register_tag_batch(supplier, ordered_on, qty, first_epc, last_epc, cost_per_tag):
    return db.insert(
        "INSERT INTO rfid_tag_batches (supplier, ordered_on, qty, first_epc, last_epc, cost_per_tag) "
        "VALUES (%s, %s, %s, %s, %s, %s) RETURNING id",
        (supplier, ordered_on, qty, first_epc.upper(), last_epc.upper(), cost_per_tag))


def reader_by_code(code):
    return db.fetch_one("SELECT * FROM rfid_readers WHERE code = %s", (code,))


def add_reader(code, location, site_id=None, ip_address=None):
    if location not in READER_MEANING:
        raise ValueError(location)
    return db.insert("INSERT INTO rfid_readers (code, location, site_id, ip_address) "
                     "VALUES (%s, %s, %s, %s) RETURNING id", (code, location, site_id, ip_address))


def heartbeat(reader_code, ip=None):
    return db.run("UPDATE rfid_readers SET last_heartbeat = now(), ip_address = coalesce(%s, ip_address) "
                  "WHERE code = %s", (ip, reader_code))


def store_reads(reader_code, epcs, read_at=None):
    reader = reader_by_code(reader_code)
    if not reader:
        raise ValueError('unknown reader ' + reader_code)
    read_at = read_at or util.now()
    seen = set()
    rows = []
    for e in epcs:
        e = (e or '').strip().upper()
        if not e or e in seen:
            continue
        seen.add(e)
        rows.append((reader['id'], e, read_at))
    db.run_many("INSERT INTO rfid_reads (reader_id, epc, read_at) VALUES (%s, %s, %s)", rows)
    heartbeat(reader_code)
    return len(rows)


def _location_for_reader(reader):
    return READER_MEANING.get(reader['location'], 'depot')


def process_reads(limit=None):
    limit = limit or config.RFID_READ_BATCH
    reads = db.fetch_all(
        "SELECT r.id, r.epc, r.read_at, rd.location, rd.site_id FROM rfid_reads r "
        "JOIN rfid_readers rd ON rd.id = r.reader_id WHERE NOT r.processed "
        "ORDER BY r.read_at LIMIT %d" % int(limit))
    if not reads:
        return 0
    unknown = 0
    for r in reads:
        loc = _location_for_reader(r)
        tag = db.fetch_one("SELECT id, status, last_location FROM rfid_tags WHERE epc = %s", (r['epc'],))
        if not tag:
            unknown += 1
            continue
        if tag['status'] == TagStatus.LOST:
            found_again(tag['id'])
        wash_inc = 1 if (r['location'] == 'dirty_in' and tag['last_location'] != 'plant') else 0
        db.run(
            "UPDATE rfid_tags SET last_seen_at = %s, last_location = %s, wash_count = wash_count + %s, "
            "site_id = CASE WHEN %s = 'site' THEN %s WHEN %s IN ('plant','depot') THEN NULL ELSE site_id END "
            "WHERE id = %s AND (last_seen_at IS NULL OR last_seen_at <= %s)",
            (r['read_at'], loc, wash_inc, loc, r['site_id'], loc, tag['id'], r['read_at']), commit=False)
    ids, args = db.sql_in([r['id'] for r in reads])
    db.run("UPDATE rfid_reads SET processed = true WHERE id IN " + ids, args)
    if unknown:
        log.info('process_reads: %d reads for unknown tags', unknown)
    return len(reads)


def assign_tags_to_site(epcs, site_id):
    """delivery handheld scanned these going in through the door"""
    ids, args = db.sql_in([e.upper() for e in epcs])
    return db.run("UPDATE rfid_tags SET site_id = %s, last_location = 'site', last_seen_at = now() "
                  "WHERE epc IN " + ids, [site_id] + args)


def flag_unreturned(days=None):
    days = days or config.RFID_UNSEEN_DAYS
    cutoff = util.now() - datetime.timedelta(days=days)
    rows = db.fetch_all(
        "SELECT t.id, t.site_id, t.last_seen_at FROM rfid_tags t WHERE t.status = 'active' "
        "AND t.last_location = 'site' AND t.last_seen_at < %s "
        "AND NOT EXISTS (SELECT 1 FROM unreturned_items u WHERE u.tag_id = t.id AND NOT u.charged)",
        (cutoff,))
    for r in rows:
        db.run("INSERT INTO unreturned_items (tag_id, site_id, since, flagged_on) VALUES (%s, %s, %s, current_date)",
               (r['id'], r['site_id'], r['last_seen_at']), commit=False)
        db.run("UPDATE rfid_tags SET status = 'lost' WHERE id = %s", (r['id'],), commit=False)
    db.get_conn().commit()
    log.info('flag_unreturned: %d tags flagged', len(rows))
    return len(rows)


def found_again(tag_id):
    # if we haven't charged for it yet just forget it, otherwise accounts sort out a credit by hand
    db.run("DELETE FROM unreturned_items WHERE tag_id = %s AND NOT charged", (tag_id,))
    db.run("UPDATE rfid_tags SET status = 'active' WHERE id = %s", (tag_id,))


def unreturned_for_customer(customer_id, include_charged=False):
    sql = ("SELECT u.*, t.epc, s.name AS site_name FROM unreturned_items u "
           "JOIN rfid_tags t ON t.id = u.tag_id JOIN customer_sites s ON s.id = u.site_id "
           "WHERE s.customer_id = %s")
    if not include_charged:
        sql += " AND NOT u.charged"
    return db.fetch_all(sql + " ORDER BY u.since", (customer_id,))


def tag_history(epc, limit=200):
    return db.fetch_all(
        "SELECT r.read_at, rd.code AS reader, rd.location FROM rfid_reads r "
        "JOIN rfid_readers rd ON rd.id = r.reader_id WHERE r.epc = %s ORDER BY r.read_at DESC LIMIT %s",
        (epc.upper(), limit))


def dead_readers(minutes=30):
    return db.fetch_all(
        "SELECT * FROM rfid_readers WHERE last_heartbeat IS NULL OR last_heartbeat < now() - interval '%s minutes'"
        % int(minutes))


def purge_old_reads(days=180):
    n = db.run("DELETE FROM rfid_reads WHERE processed AND read_at < now() - interval '{0} days'".format(int(days)))
    log.info('purged %d old reads', n)
    return n


def site_tag_counts(site_id):
    """how many of each linen type the RFID says is at a site (used by stocktake)"""
    rows = db.fetch_all(
        "SELECT linen_type_id, count(*) AS n FROM rfid_tags WHERE site_id = %s AND status = 'active' "
        "AND last_location = 'site' GROUP BY linen_type_id", (site_id,))
    return dict((r['linen_type_id'], r['n']) for r in rows)


def tag_batch_usage():
    return db.fetch_all(
        "SELECT b.id, b.supplier, b.qty, count(t.id) AS used, "
        "sum(CASE WHEN t.status = 'active' THEN 1 ELSE 0 END) AS active "
        "FROM rfid_tag_batches b LEFT JOIN rfid_tags t ON t.tag_batch_id = b.id "
        "GROUP BY b.id, b.supplier, b.qty ORDER BY b.id")
