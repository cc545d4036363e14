"""lab results / SANS 241 compliance"""
import logging

import db
import utils
import auth

log = logging.getLogger('water.quality')

SEVERITY_CRITICAL = 'CRITICAL'
SEVERITY_MINOR = 'MINOR'


def get_parameter(code):
    return db.query_one('SELECT * FROM quality_parameters WHERE code = ?', (code.upper(),))


def create_sampling_point(code, description, zone_code, point_type='TAP', frequency_days=30):
    return db.execute('INSERT INTO sampling_points (code, description, zone_code, point_type, frequency_days) '
                      'VALUES (?, ?, ?, ?, ?)', (code.upper(), description, zone_code, point_type, frequency_days))


def evaluate_result(param, value):
    if value is None:
        return None
    v = utils.to_decimal(value)
    if param['min_limit'] is not None and v < utils.to_decimal(param['min_limit']):
        return False
    if param['max_limit'] is not None and v > utils.to_decimal(param['max_limit']):
        return False
    return True


def record_result(sample_id, param_code, value, qualifier=None, analyst=None, analysed_at=None):
    param = get_parameter(param_code)
    if not param:
        raise ValueError('unknown parameter %s' % param_code)
    passed = evaluate_result(param, value)
    rid = db.execute('INSERT INTO sample_results (sample_id, parameter_id, value, qualifier, analysed_at, analyst, passed) '
                     'VALUES (?, ?, ?, ?, ?, ?, ?)',
                     (sample_id, param['id'], None if value is None else str(value), qualifier,
                      analysed_at or utils.now_str(), analyst, None if passed is None else int(passed)))
    if passed is False:
        raise_violation(sample_id, param)
    return rid


def results_for_sample(sample_id):
    return db.query_all('SELECT r.*, p.code, p.name, p.unit, p.min_limit, p.max_limit FROM sample_results r '
                        'JOIN quality_parameters p ON p.id = r.parameter_id WHERE r.sample_id = ? ORDER BY p.code',
                        (sample_id,))


def check_sample_compliance(sample_id):
    rows = results_for_sample(sample_id)
    failed = [r for r in rows if r['passed'] == 0]
    status = 'FAILED' if failed else 'TESTED'
    db.execute('UPDATE lab_samples SET status = ? WHERE id = ?', (status, sample_id))
    return not failed


def raise_violation(sample_id, param):
    sev = SEVERITY_CRITICAL if param['critical'] else SEVERITY_MINOR
    vid = db.execute('INSERT INTO quality_violations (sample_id, parameter_id, severity, detected_at) '
                     'VALUES (?, ?, ?, ?)', (sample_id, param['id'], sev, utils.now_str()))
    log.warning('quality violation %s on sample %s (%s)', vid, sample_id, param['code'])
    if sev == SEVERITY_CRITICAL:
        # E. coli etc - resample immediately
        import field
        pt = db.query_one('SELECT point_id FROM lab_samples WHERE id = ?', (sample_id,))
        field.create_sample(pt['point_id'])
    return vid


def issue_boil_water_advisory(violation_id):
    import notify
    v = db.query_one('SELECT v.*, sp.zone_code FROM quality_violations v JOIN lab_samples s ON s.id = v.sample_id '
                     'JOIN sampling_points sp ON sp.id = s.point_id WHERE v.id = ?', (violation_id,))
    if not v or v['advisory_issued']:
        return 0
    n = notify.notify_boil_water_advisory(v['zone_code'])
    db.execute('UPDATE quality_violations SET advisory_issued = 1, notified_at = ? WHERE id = ?',
               (utils.now_str(), violation_id))
    auth.log_audit(auth.current_user_id(), 'BOIL_WATER', 'quality_violation', violation_id, v['zone_code'])
    return n


def close_violation(violation_id, notes=None):
    db.execute('UPDATE quality_violations SET closed_at = ?, notes = ? WHERE id = ?',
               (utils.now_str(), notes, violation_id))


def open_violations():
    return db.query_all('SELECT v.*, p.code AS param_code, p.name AS param_name, s.sample_no, sp.code AS point_code, '
                        'sp.zone_code FROM quality_violations v JOIN quality_parameters p ON p.id = v.parameter_id '
                        'JOIN lab_samples s ON s.id = v.sample_id JOIN sampling_points sp ON sp.id = s.point_id '
                        'WHERE v.closed_at IS NULL ORDER BY v.severity, v.detected_at')


def compliance_summary(date_from, date_to):
    return db.query_all('SELECT p.code, p.name, COUNT(r.id) AS tests, SUM(CASE WHEN r.passed = 1 THEN 1 ELSE 0 END) '
                        'AS passed FROM sample_results r JOIN quality_parameters p ON p.id = r.parameter_id '
                        'JOIN lab_samples s ON s.id = r.sample_id WHERE s.collected_at BETWEEN ? AND ? '
                        'GROUP BY p.code, p.name ORDER BY p.code', (date_from, date_to))
