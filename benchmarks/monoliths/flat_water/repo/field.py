# field operations: work orders, crews, scheduling. Also the sample collection rounds
# because the samplers go out with the field crews.
import datetime
import logging

import db
import utils
import auth
from models import WorkOrder, Crew, SamplingPoint

log = logging.getLogger('water.field')

WO_TYPES = ('LEAK', 'METER_EXCH', 'METER_INST', 'DISCONNECT', 'RECONNECT', 'SAMPLE', 'INSPECT', 'NEWCONN',
            'BURST')
WO_FLOW = {
    'NEW': ('ASSIGNED', 'CANCELLED'),
    'ASSIGNED': ('IN_PROGRESS', 'NEW', 'CANCELLED'),
    'IN_PROGRESS': ('DONE', 'ON_HOLD'),
    'ON_HOLD': ('IN_PROGRESS', 'CANCELLED'),
}
DEPOT_FOR_ZONE = {'N': 'North Depot', 'S': 'South Depot', 'C': 'Central'}


class WorkflowError(Exception):
    pass


def create_work_order(wo_type, premise_id=None, connection_id=None, account_id=None, description=None,
                      source=None, source_ref=None, priority=3, scheduled_for=None):
    if wo_type not in WO_TYPES:
        raise WorkflowError('bad work order type %s' % wo_type)
    wid = db.execute('INSERT INTO work_orders (wo_type, priority, premise_id, connection_id, account_id, '
                     'description, source, source_ref, scheduled_for, created_by) VALUES (?,?,?,?,?,?,?,?,?,?)',
                     (wo_type, priority, premise_id, connection_id, account_id, description, source, source_ref,
                      scheduled_for, auth.current_user_id()))
    db.execute('UPDATE work_orders SET wo_no = ? WHERE id = ?', (utils.wo_number(wid, wo_type), wid))
    _log_status(wid, None, 'NEW', 'created')
    if priority <= 1:
        auto_assign_crew(wid)
    return wid


def _log_status(wo_id, old, new, note=None):
    db.execute('INSERT INTO wo_status_history (work_order_id, old_status, new_status, changed_by, note) '
               'VALUES (?, ?, ?, ?, ?)', (wo_id, old, new, auth.current_user_id(), note))


def change_wo_status(wo_id, new_status, note=None):
    wo = WorkOrder.get(wo_id)
    if wo is None:
        raise WorkflowError('no work order %s' % wo_id)
    if new_status not in WO_FLOW.get(wo.status, ()):
        raise WorkflowError('cannot go from %s to %s' % (wo.status, new_status))
    db.execute('UPDATE work_orders SET status = ? WHERE id = ?', (new_status, wo_id))
    _log_status(wo_id, wo.status, new_status, note)


def get_work_order(wo_id):
    wo = db.query_one('SELECT w.*, c.name AS crew_name, p.street_no, p.street, p.suburb FROM work_orders w '
                      'LEFT JOIN crews c ON c.id = w.assigned_crew_id LEFT JOIN premises p ON p.id = w.premise_id '
                      'WHERE w.id = ?', (wo_id,))
    if wo:
        wo['history'] = db.query_all('SELECT h.*, u.username FROM wo_status_history h LEFT JOIN users u '
                                     'ON u.id = h.changed_by WHERE h.work_order_id = ? ORDER BY h.changed_at', (wo_id,))
        wo['materials'] = db.query_all('SELECT * FROM work_order_materials WHERE work_order_id = ?', (wo_id,))
    return wo


def assign_crew(wo_id, crew_id, scheduled_for=None):
    wo = WorkOrder.get(wo_id)
    db.execute('UPDATE work_orders SET assigned_crew_id = ?, scheduled_for = COALESCE(?, scheduled_for) WHERE id = ?',
               (crew_id, scheduled_for, wo_id))
    if wo.status == 'NEW':
        change_wo_status(wo_id, 'ASSIGNED', 'crew %s' % crew_id)
    try:
        import notify
        notify.notify_crew_assignment(wo_id, crew_id)
    except Exception:
        log.warning('crew notification failed wo=%s', wo_id)


def auto_assign_crew(wo_id):
    wo = db.query_one('SELECT w.*, p.zone_code FROM work_orders w LEFT JOIN premises p ON p.id = w.premise_id '
                      'WHERE w.id = ?', (wo_id,))
    depot = DEPOT_FOR_ZONE.get((wo.get('zone_code') or 'C')[:1], 'Central')
    crews = db.query_all('SELECT id FROM crews WHERE depot = ? AND active = 1', (depot,))
    if not crews:
        return None
    best = min(crews, key=lambda c: crew_workload(c['id']))
    assign_crew(wo_id, best['id'], wo['scheduled_for'] or utils.today().isoformat())
    return best['id']


def start_work_order(wo_id):
    change_wo_status(wo_id, 'IN_PROGRESS')


def complete_work_order(wo_id, notes=None, **result):
    """Close a job and push the result back to whoever raised it.
    result keys depend on wo_type: final_read/new_meter_id/new_read for meter jobs, etc."""
    import core
    import arrears
    wo = WorkOrder.get(wo_id)
    if wo.status == 'ASSIGNED':
        change_wo_status(wo_id, 'IN_PROGRESS')
    change_wo_status(wo_id, 'DONE', notes)
    db.execute('UPDATE work_orders SET completed_at = ?, completion_notes = ? WHERE id = ?',
               (utils.now_str(), notes, wo_id))
    if wo.wo_type == 'METER_EXCH' and result.get('new_meter_id'):
        core.exchange_meter(wo.connection_id, result.get('final_read', 0), result['new_meter_id'],
                            result.get('new_read', 0))
    elif wo.wo_type == 'METER_INST' and result.get('new_meter_id'):
        core.install_meter(result['new_meter_id'], wo.connection_id, result.get('new_read', 0))
    elif wo.wo_type == 'DISCONNECT' and wo.source == 'DISCONNECT':
        arrears.confirm_disconnection(wo.source_ref)
    elif wo.wo_type == 'RECONNECT' and wo.source == 'RECONNECT':
        arrears.confirm_reconnection(wo.source_ref)
    elif wo.wo_type == 'SAMPLE' and wo.source == 'SAMPLE':
        mark_sample_collected(wo.source_ref)
    elif wo.wo_type == 'NEWCONN' and wo.connection_id:
        core.activate_connection(wo.connection_id)
    if wo.source == 'COMPLAINT' and wo.source_ref:
        core.add_complaint_action(wo.source_ref, 'WO_DONE', notes)
        db.execute("UPDATE complaints SET status = 'RESOLVED' WHERE id = ? AND status != 'CLOSED'", (wo.source_ref,))


def cancel_work_order(wo_id, reason=None):
    wo = WorkOrder.get(wo_id)
    if wo and wo.is_open():
        db.execute("UPDATE work_orders SET status = 'CANCELLED' WHERE id = ?", (wo_id,))
        _log_status(wo_id, wo.status, 'CANCELLED', reason)


def add_material(wo_id, item_code, qty=1, unit_cost=0, description=None):
    return db.execute('INSERT INTO work_order_materials (work_order_id, item_code, description, qty, unit_cost) '
                      'VALUES (?, ?, ?, ?, ?)', (wo_id, item_code, description, str(qty), str(unit_cost)))


def wo_material_cost(wo_id):
    return utils.round_money(db.query_scalar('SELECT SUM(qty * unit_cost) FROM work_order_materials '
                                             'WHERE work_order_id = ?', (wo_id,), 0))


def crew_workload(crew_id, day=None):
    day = day or utils.today().isoformat()
    return db.query_scalar("SELECT COUNT(*) FROM work_orders WHERE assigned_crew_id = ? AND status IN "
                           "('ASSIGNED', 'IN_PROGRESS') AND (scheduled_for IS NULL OR scheduled_for <= ?)",
                           (crew_id, day), 0)


def list_crews(active_only=True):
    sql = 'SELECT c.*, u.full_name AS supervisor FROM crews c LEFT JOIN users u ON u.id = c.supervisor_id'
    if active_only:
        sql += ' WHERE c.active = 1'
    return db.query_all(sql + ' ORDER BY c.depot, c.name')


def create_crew(name, depot, supervisor_id=None):
    return db.execute('INSERT INTO crews (name, depot, supervisor_id) VALUES (?, ?, ?)', (name, depot, supervisor_id))


def add_crew_member(crew_id, name, role=None, user_id=None):
    return db.execute('INSERT INTO crew_members (crew_id, user_id, name, role) VALUES (?, ?, ?, ?)',
                      (crew_id, user_id, name, role))


def daily_schedule(crew_id, day=None):
    day = day or utils.today().isoformat()
    return db.query_all("SELECT * FROM v_open_work_orders WHERE assigned_crew_id = ? AND "
                        "(scheduled_for = ? OR (scheduled_for < ? AND status != 'ON_HOLD')) "
                        "ORDER BY priority, scheduled_for", (crew_id, day, day))


def overdue_work_orders(days=3):
    cutoff = (utils.today() - datetime.timedelta(days=days)).isoformat()
    return db.query_all('SELECT * FROM v_open_work_orders WHERE scheduled_for < ? ORDER BY priority, scheduled_for',
                        (cutoff,))


def escalate_overdue_work_orders():
    n = 0
    for wo in overdue_work_orders():
        if wo['priority'] > 1:
            db.execute('UPDATE work_orders SET priority = priority - 1 WHERE id = ?', (wo['id'],))
            _log_status(wo['id'], wo['status'], wo['status'], 'priority raised - overdue')
            n += 1
    return n


def samples_due(as_of=None):
    as_of = as_of or utils.today()
    pts = db.query_all('SELECT sp.*, (SELECT MAX(COALESCE(collected_at, scheduled_for)) FROM lab_samples s '
                       'WHERE s.point_id = sp.id) AS last_sample FROM sampling_points sp WHERE sp.active = 1')
    due = []
    for p in pts:
        if not p['last_sample'] or utils.days_between(p['last_sample'], as_of) >= p['frequency_days']:
            due.append(p)
    return due


def sampling_points_for_zone(zone_code):
    return db.query_all('SELECT * FROM sampling_points WHERE zone_code = ? AND active = 1 ORDER BY code', (zone_code,))


def create_sample(point_id, scheduled_for=None, with_work_order=True):
    pt = SamplingPoint.get(point_id)
    sched = scheduled_for or utils.today().isoformat()
    sid = db.execute('INSERT INTO lab_samples (sample_no, point_id, scheduled_for) VALUES (?, ?, ?)',
                     (utils.sample_number(pt.code, utils.parse_date(sched)), point_id, sched))
    if with_work_order:
        wo_id = create_work_order('SAMPLE', description='Collect sample at %s (%s)' % (pt.code, pt.description),
                                  source='SAMPLE', source_ref=sid, scheduled_for=sched, priority=2)
        db.execute('UPDATE lab_samples SET work_order_id = ? WHERE id = ?', (wo_id, sid))
    return sid


def schedule_sampling_round(as_of=None):
    made = []
    for p in samples_due(as_of):
        made.append(create_sample(p['id']))
    return made


def mark_sample_collected(sample_id, collected_by=None):
    db.execute("UPDATE lab_samples SET status = 'COLLECTED', collected_at = ?, collected_by = ? WHERE id = ?",
               (utils.now_str(), collected_by or auth.current_user_id(), sample_id))


def receive_sample_at_lab(sample_no, lab_ref=None):
    row = db.query_one('SELECT id, status FROM lab_samples WHERE sample_no = ?', (sample_no,))
    if not row:
        return None
    db.execute("UPDATE lab_samples SET status = 'RECEIVED', received_at = ?, lab_ref = ? WHERE id = ?",
               (utils.now_str(), lab_ref, row['id']))
    return row['id']
