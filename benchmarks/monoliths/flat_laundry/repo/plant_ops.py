"""
plant_ops.py - the wash floor: machines, programmes, wash batches, and the
inspection bench at the end of the finishing line (rejects / rewash).

Written by MP 2010, batches rewritten for the tunnel washer 2012.
"""
import datetime
import logging

import config
import db
import util
import linen
import chemicals
from constants import BatchStatus

log = logging.getLogger('lhs.plant')


# ---------------------------------------------------------------------------
# machines & programmes
# ---------------------------------------------------------------------------

def list_machines(kind=None, depot=None):
    sql = "SELECT * FROM machines WHERE 1=1"
    if kind:
        sql += " AND kind = '%s'" % kind
    if depot:
        sql += " AND depot = '%s'" % depot
    return db.fetch_all(sql + " ORDER BY code")


def machine_by_code(code):
    return db.fetch_one("SELECT * FROM machines WHERE code = %s", (code.upper(),))


def set_machine_status(machine_id, status):
    if status not in ('ok', 'fault', 'service'):
        raise ValueError(status)
    db.run("UPDATE machines SET status = %s WHERE id = %s", (status, machine_id))


def list_programs():
    return db.fetch_all("SELECT * FROM wash_programs ORDER BY code")


def program_for(soil_type, category_code=None):
    """pick a wash programme. infected always goes on the thermal disinfection prog (HTM 01-04)"""
    if soil_type == 'infected':
        return db.fetch_one("SELECT * FROM wash_programs WHERE code = 'THERM71'")
    rows = db.fetch_all("SELECT * FROM wash_programs WHERE for_soil_type = %s ORDER BY temp_c DESC",
                        (soil_type,))
    if category_code == 'TABLE':
        for r in rows:
            if r['chem_profile'] == 'STAIN':
                return r
    return rows[0] if rows else None


# ---------------------------------------------------------------------------
# batches
# ---------------------------------------------------------------------------

def next_batch_no(machine_code):
    stem = '%s-%s-' % (machine_code, util.today().strftime('%y%m%d'))
    n = db.fetch_value("SELECT count(*) FROM wash_batches WHERE batch_no LIKE %s", (stem + '%',), 0)
    return stem + '%03d' % (n + 1)


def open_batch(machine_id, program_id, operator_id=None):
    m = db.fetch_one("SELECT * FROM machines WHERE id = %s", (machine_id,))
    if m['status'] != 'ok':
        raise ValueError('machine %s is %s' % (m['code'], m['status']))
    return db.insert(
        "INSERT INTO wash_batches (batch_no, machine_id, program_id, operator_id, weight_kg, status) "
        "VALUES (%s, %s, %s, %s, 0, 'open') RETURNING id",
        (next_batch_no(m['code']), machine_id, program_id, operator_id))


def add_bag_to_batch(batch_id, barcode):
    b = db.fetch_one(
        "SELECT wb.*, m.capacity_kg FROM wash_batches wb JOIN machines m ON m.id = wb.machine_id "
        "WHERE wb.id = %s", (batch_id,))
    if b['status'] != BatchStatus.OPEN:
        raise ValueError('batch not open')
    bag = db.fetch_one(
        "SELECT cb.id, cb.weight_kg, cb.collection_id FROM collection_bags cb WHERE cb.bag_barcode = %s "
        "AND NOT EXISTS (SELECT 1 FROM batch_loads bl WHERE bl.collection_bag_id = cb.id) "
        "ORDER BY cb.id DESC LIMIT 1", (barcode,))
    if not bag:
        raise ValueError('bag %s not found or already washed' % barcode)
    new_weight = float(b['weight_kg'] or 0) + float(bag['weight_kg'] or 0)
    limit = b['capacity_kg'] * (1 + config.MAX_BATCH_OVERLOAD_PCT / 100.0)
    if b['capacity_kg'] and new_weight > limit:
        raise ValueError('batch would be overloaded (%.1f kg > %.1f kg)' % (new_weight, limit))
    with db.transaction():
        db.run("INSERT INTO batch_loads (batch_id, collection_bag_id, weight_kg) VALUES (%s, %s, %s)",
               (batch_id, bag['id'], bag['weight_kg']))
        db.run("UPDATE wash_batches SET weight_kg = %s WHERE id = %s", (new_weight, batch_id))
        left = db.fetch_value(
            "SELECT count(*) FROM collection_bags cb WHERE cb.collection_id = %s AND NOT EXISTS "
            "(SELECT 1 FROM batch_loads bl WHERE bl.collection_bag_id = cb.id)", (bag['collection_id'],), 0)
        if left == 0:
            db.run("UPDATE collections SET status = 'processed' WHERE id = %s", (bag['collection_id'],))
    return new_weight


def start_batch(batch_id):
    n = db.run("UPDATE wash_batches SET status = 'running', started_at = now() WHERE id = %s AND status = 'open'",
               (batch_id,))
    if n:
        chemicals.record_usage(batch_id)
    return n


def _post_clean_stock(batch_id):
    # we don't know piece counts per type in a batch, so estimate from bag category
    # using the first (most common) linen type in that category. Good enough for par planning.
    rows = db.fetch_all(
        "SELECT cb.category_id, sum(bl.weight_kg) AS kg FROM batch_loads bl "
        "JOIN collection_bags cb ON cb.id = bl.collection_bag_id WHERE bl.batch_id = %s "
        "GROUP BY cb.category_id", (batch_id,))
    for r in rows:
        lt_id = db.fetch_value("SELECT id FROM linen_types WHERE category_id = %s AND active ORDER BY id LIMIT 1",
                               (r['category_id'],))
        if lt_id:
            pcs = util.kg_to_pieces(r['kg'] or 0, lt_id)
            linen.move_stock(lt_id, pcs, None, 'depot', reason='washed', ref_table='wash_batches', ref_id=batch_id)


def finish_batch(batch_id, ok=True):
    status = BatchStatus.DONE if ok else BatchStatus.FAILED
    db.run("UPDATE wash_batches SET status = %s, finished_at = now() WHERE id = %s", (status, batch_id))
    if ok:
        if thermal_compliance_check(batch_id):
            return BatchStatus.FAILED
        _post_clean_stock(batch_id)
    return status


def batch_detail(batch_id):
    b = db.fetch_one(
        "SELECT wb.*, m.code AS machine, p.code AS program, p.temp_c FROM wash_batches wb "
        "JOIN machines m ON m.id = wb.machine_id JOIN wash_programs p ON p.id = wb.program_id WHERE wb.id = %s",
        (batch_id,))
    if b:
        b['loads'] = db.fetch_all(
            "SELECT bl.*, cb.bag_barcode, cb.soil_type FROM batch_loads bl "
            "LEFT JOIN collection_bags cb ON cb.id = bl.collection_bag_id WHERE bl.batch_id = %s", (batch_id,))
    return b


def open_batches():
    return db.fetch_all(
        "SELECT wb.*, m.code AS machine FROM wash_batches wb JOIN machines m ON m.id = wb.machine_id "
        "WHERE wb.status IN ('open', 'running') ORDER BY wb.id")


def batches_for_day(day):
    return db.fetch_all(
        "SELECT wb.*, m.code AS machine, p.code AS program FROM wash_batches wb "
        "JOIN machines m ON m.id = wb.machine_id JOIN wash_programs p ON p.id = wb.program_id "
        "WHERE wb.started_at::date = %s ORDER BY wb.started_at", (day,))


def machine_utilisation(day):
    return db.fetch_all(
        "SELECT m.code, m.capacity_kg, count(wb.id) AS batches, coalesce(sum(wb.weight_kg),0) AS kg, "
        "coalesce(sum(extract(epoch FROM wb.finished_at - wb.started_at)) / 3600.0, 0) AS hours "
        "FROM machines m LEFT JOIN wash_batches wb ON wb.machine_id = m.id AND wb.started_at::date = %s "
        "GROUP BY m.code, m.capacity_kg ORDER BY m.code", (day,))


# ---------------------------------------------------------------------------
# inspection / rejects  (the finishing-line QC bench)
# ---------------------------------------------------------------------------

def reject_reason(code):
    return db.fetch_one("SELECT * FROM reject_reasons WHERE code = %s", (code.upper(),))


def queue_rewash(reject_id):
    return db.insert("INSERT INTO rewash_queue (reject_id) VALUES (%s) RETURNING id", (reject_id,))


def inspect_batch(batch_id, inspector_id, pieces_checked, rejects):
    """rejects = [{'linen_type_id':..,'reason':'STAIN','qty':2,'epc':None}, ...]"""
    n_rej = sum(int(r.get('qty', 1)) for r in rejects)
    if pieces_checked <= 0:
        result = 'fail'
    elif n_rej == 0:
        result = 'pass'
    elif util.pct(n_rej, pieces_checked) > config.REJECT_ALERT_PCT:
        result = 'fail'
    else:
        result = 'partial'
    with db.transaction():
        insp = db.insert(
            "INSERT INTO inspections (batch_id, inspector_id, pieces_checked, pieces_rejected, result) "
            "VALUES (%s, %s, %s, %s, %s) RETURNING id", (batch_id, inspector_id, pieces_checked, n_rej, result))
        for r in rejects:
            reason = reject_reason(r['reason'])
            if not reason:
                raise ValueError('unknown reject reason %s' % r['reason'])
            tag_id = None
            if r.get('epc'):
                tag_id = db.fetch_value("SELECT id FROM rfid_tags WHERE epc = %s", (r['epc'].upper(),))
            rid = db.insert(
                "INSERT INTO rejects (inspection_id, linen_type_id, reason_id, qty, rfid_tag_id) "
                "VALUES (%s, %s, %s, %s, %s) RETURNING id",
                (insp, r['linen_type_id'], reason['id'], r.get('qty', 1), tag_id))
            if reason['action'] == 'rewash':
                queue_rewash(rid)
            elif reason['action'] == 'condemn':
                if r.get('epc'):
                    linen.retire_tag(r['epc'], 'condemned')
                else:
                    linen.write_off(r['linen_type_id'], r.get('qty', 1), 'condemned', location='depot')
    return insp, result


def inspections_for_batch(batch_id):
    return db.fetch_all("SELECT * FROM inspections WHERE batch_id = %s ORDER BY inspected_at", (batch_id,))


def reject_rate(start, end):
    r = db.fetch_one(
        "SELECT coalesce(sum(pieces_checked),0) AS checked, coalesce(sum(pieces_rejected),0) AS rejected "
        "FROM inspections WHERE inspected_at::date BETWEEN %s AND %s", (start, end))
    return util.pct(r['rejected'], r['checked'], 2)


def failed_batches(days=7):
    return db.fetch_all(
        "SELECT i.*, wb.batch_no, m.code AS machine FROM inspections i "
        "JOIN wash_batches wb ON wb.id = i.batch_id JOIN machines m ON m.id = wb.machine_id "
        "WHERE i.result = 'fail' AND i.inspected_at > now() - interval '" + str(days) + " days' "
        "ORDER BY i.inspected_at DESC")


# ---------------------------------------------------------------------------
# more plant stuff (2013-14)
# ---------------------------------------------------------------------------

class BatchError(Exception):
    pass


def cancel_batch(batch_id):
    b = db.fetch_one("SELECT status FROM wash_batches WHERE id = %s", (batch_id,))
    if b['status'] != BatchStatus.OPEN:
        raise BatchError('can only cancel open batches')
    with db.transaction():
        # bags go back into the intake queue
        db.run("DELETE FROM batch_loads WHERE batch_id = %s", (batch_id,))
        db.run("DELETE FROM wash_batches WHERE id = %s", (batch_id,))


def reassign_batch_machine(batch_id, machine_id):
    m = db.fetch_one("SELECT status FROM machines WHERE id = %s", (machine_id,))
    if m['status'] != 'ok':
        raise BatchError('machine not available')
    db.run("UPDATE wash_batches SET machine_id = %s WHERE id = %s AND status = 'open'", (machine_id, batch_id))


def intake_queue():
    """bags received at the plant and not yet in a batch, oldest first"""
    return db.fetch_all(
        "SELECT cb.*, c.collected_at, lc.code AS category FROM collection_bags cb "
        "JOIN collections c ON c.id = cb.collection_id LEFT JOIN linen_categories lc ON lc.id = cb.category_id "
        "WHERE c.status = 'received' AND NOT EXISTS (SELECT 1 FROM batch_loads bl WHERE bl.collection_bag_id = cb.id) "
        "ORDER BY c.collected_at, cb.id")


def soil_mix_for_day(day):
    return db.fetch_all(
        "SELECT cb.soil_type, count(*) AS bags, sum(cb.weight_kg) AS kg FROM collection_bags cb "
        "JOIN collections c ON c.id = cb.collection_id WHERE c.collected_at::date = %s GROUP BY cb.soil_type",
        (day,))


def suggest_next_batch(machine_id):
    """greedy fill: same soil type + category until the machine is full"""
    m = db.fetch_one("SELECT * FROM machines WHERE id = %s", (machine_id,))
    queue = intake_queue()
    if not queue:
        return []
    first = queue[0]
    picked, kg = [], 0.0
    for bag in queue:
        if bag['soil_type'] != first['soil_type'] or bag['category_id'] != first['category_id']:
            continue
        w = float(bag['weight_kg'] or 0)
        if kg + w > (m['capacity_kg'] or 0):
            break
        picked.append(bag['bag_barcode'])
        kg += w
    return picked


def operator_batches(staff_id, day):
    return db.fetch_all("SELECT * FROM wash_batches WHERE operator_id = %s AND started_at::date = %s ORDER BY started_at",
                        (staff_id, day))


def daily_plant_summary(day):
    s = db.fetch_one(
        "SELECT count(*) AS batches, coalesce(sum(weight_kg),0) AS kg, "
        "sum(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed FROM wash_batches WHERE started_at::date = %s",
        (day,))
    s['machines_down'] = db.fetch_value("SELECT count(*) FROM machines WHERE status <> 'ok'", None, 0)
    s['intake_bags'] = len(intake_queue())
    return s


def batch_label(batch_id):
    b = batch_detail(batch_id)
    return '%s | %s | %s C | %.1f kg' % (b['batch_no'], b['program'], b['temp_c'], float(b['weight_kg'] or 0))


def add_program(code, name, temp_c, minutes, chem_profile='STD', for_soil_type='normal'):
    return db.insert(
        "INSERT INTO wash_programs (code, name, temp_c, minutes, chem_profile, for_soil_type) "
        "VALUES (%s, %s, %s, %s, %s, %s) RETURNING id",
        (code.upper(), name, int(temp_c), int(minutes), chem_profile, for_soil_type))


def update_program(program_id, **kw):
    cols = [c for c in ('name', 'temp_c', 'minutes', 'chem_profile', 'for_soil_type') if c in kw]
    if cols:
        db.run("UPDATE wash_programs SET " + ", ".join(c + " = %s" for c in cols) + " WHERE id = %s",
               [kw[c] for c in cols] + [program_id])


def batch_history_for_bag(barcode):
    return db.fetch_all(
        "SELECT wb.batch_no, wb.started_at, wb.status, m.code AS machine FROM batch_loads bl "
        "JOIN collection_bags cb ON cb.id = bl.collection_bag_id JOIN wash_batches wb ON wb.id = bl.batch_id "
        "JOIN machines m ON m.id = wb.machine_id WHERE cb.bag_barcode = %s ORDER BY wb.started_at DESC",
        (barcode,))


def weekly_kg_by_customer(week_start):
    # capacity planning: who sends us the most dirty linen
    return db.fetch_all(
        "SELECT c.name, sum(bl.weight_kg) AS kg FROM batch_loads bl "
        "JOIN wash_batches wb ON wb.id = bl.batch_id JOIN collection_bags cb ON cb.id = bl.collection_bag_id "
        "JOIN collections col ON col.id = cb.collection_id JOIN customer_sites s ON s.id = col.site_id "
        "JOIN customers c ON c.id = s.customer_id WHERE wb.started_at::date BETWEEN %s AND %s + 6 "
        "GROUP BY c.name ORDER BY kg DESC", (week_start, week_start))


# ---------------------------------------------------------------------------
# infection control / QC (HTM 01-04) - quality team's bits
# ---------------------------------------------------------------------------

THERMAL_DISINFECTION_MIN_C = 71


def thermal_compliance_check(batch_id, record=True):
    """infected / foul bags must go through >= 71C. Returns list of problems."""
    rows = db.fetch_all(
        "SELECT cb.bag_barcode, cb.soil_type, p.temp_c FROM batch_loads bl "
        "JOIN collection_bags cb ON cb.id = bl.collection_bag_id JOIN wash_batches wb ON wb.id = bl.batch_id "
        "JOIN wash_programs p ON p.id = wb.program_id WHERE bl.batch_id = %s", (batch_id,))
    problems = []
    for r in rows:
        if r['soil_type'] in ('infected', 'foul') and r['temp_c'] < THERMAL_DISINFECTION_MIN_C:
            problems.append('%s (%s) washed at %sC' % (r['bag_barcode'], r['soil_type'], r['temp_c']))
    if problems and record:
        # auto-fail the batch at QC so it can't be released (infection control audit 2014)
        db.run("INSERT INTO inspections (batch_id, pieces_checked, pieces_rejected, result) "
               "VALUES (%s, 0, 0, 'fail')", (batch_id,))
        log.error('batch %s failed thermal disinfection: %s', batch_id, '; '.join(problems))
    return problems


def infection_control_log(start, end):
    return db.fetch_all(
        "SELECT wb.batch_no, wb.started_at, p.code AS program, p.temp_c, i.result, i.inspector_id "
        "FROM wash_batches wb JOIN wash_programs p ON p.id = wb.program_id "
        "LEFT JOIN inspections i ON i.batch_id = wb.id "
        "WHERE wb.started_at::date BETWEEN %s AND %s AND EXISTS (SELECT 1 FROM batch_loads bl "
        " JOIN collection_bags cb ON cb.id = bl.collection_bag_id WHERE bl.batch_id = wb.id "
        " AND cb.soil_type = 'infected') ORDER BY wb.started_at", (start, end))


def reinspect(inspection_id, inspector_id, pieces_checked, rejects):
    """second look after a fail - creates a new inspection on the same batch"""
    batch_id = db.fetch_value("SELECT batch_id FROM inspections WHERE id = %s", (inspection_id,))
    return inspect_batch(batch_id, inspector_id, pieces_checked, rejects)


def inspector_stats(start, end):
    return db.fetch_all(
        "SELECT s.first_name || ' ' || s.last_name AS inspector, count(*) AS inspections, "
        "sum(i.pieces_checked) AS checked, sum(i.pieces_rejected) AS rejected FROM inspections i "
        "JOIN staff s ON s.id = i.inspector_id WHERE i.inspected_at::date BETWEEN %s AND %s "
        "GROUP BY inspector ORDER BY inspections DESC", (start, end))


def rejects_for_batch(batch_id):
    return db.fetch_all(
        "SELECT r.*, rr.code AS reason, rr.action, lt.sku FROM rejects r "
        "JOIN inspections i ON i.id = r.inspection_id JOIN reject_reasons rr ON rr.id = r.reason_id "
        "JOIN linen_types lt ON lt.id = r.linen_type_id WHERE i.batch_id = %s ORDER BY r.id", (batch_id,))


def inspection_summary(day):
    return db.fetch_one(
        "SELECT count(*) AS inspections, sum(CASE WHEN result = 'pass' THEN 1 ELSE 0 END) AS passed, "
        "sum(CASE WHEN result = 'fail' THEN 1 ELSE 0 END) AS failed, coalesce(sum(pieces_checked),0) AS checked, "
        "coalesce(sum(pieces_rejected),0) AS rejected FROM inspections WHERE inspected_at::date = %s", (day,))
