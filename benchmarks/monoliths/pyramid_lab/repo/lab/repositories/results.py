"""Results, analytical batches and QC data access."""
from sqlalchemy import select, and_, or_, func, desc, text

from lab.db import next_reference
from lab.db.tables import (
    results,
    result_flags,
    analytical_batches,
    batch_samples,
    qc_checks,
    qc_limits,
    analyses,
    samples,
    signatory_authorisations,
    competencies,
)
from lab.lib import RecordNotFound
from lab.lib.dates import utcnow, today


def get_result(conn, result_id):
    row = conn.execute(select([results]).where(results.c.id == result_id)).first()
    if row is None:
        raise RecordNotFound("result %s not found" % result_id)
    return row


def results_for_sample(conn, sample_id, current_only=True):
    q = (select([results, analyses.c.code.label("analysis_code"), analyses.c.name.label("analysis_name"),
                 analyses.c.decimals, analyses.c.loq, analyses.c.lod, analyses.c.accredited])
         .select_from(results.join(analyses, analyses.c.id == results.c.analysis_id))
         .where(results.c.sample_id == sample_id))
    if current_only:
        q = q.where(results.c.status.notin_(["rerun", "rejected"]))
    return conn.execute(q.order_by(analyses.c.code)).fetchall()


def results_for_order_item(conn, order_item_id):
    return conn.execute(select([results]).where(results.c.order_item_id == order_item_id)
                        .order_by(desc(results.c.id))).fetchall()


def insert_result(conn, sample_id, analysis_id, **values):
    values.setdefault("status", "entered")
    values.setdefault("entered_at", utcnow())
    res = conn.execute(results.insert().values(sample_id=sample_id, analysis_id=analysis_id, **values))
    return res.inserted_primary_key[0]


def update_result(conn, result_id, **values):
    conn.execute(results.update().where(results.c.id == result_id).values(**values))


def set_result_status(conn, result_id, status, staff_id=None):
    values = {"status": status}
    if status == "reviewed":
        values.update(reviewed_by=staff_id, reviewed_at=utcnow())
    elif status == "approved":
        values.update(approved_by=staff_id, approved_at=utcnow())
    conn.execute(results.update().where(results.c.id == result_id).values(**values))


def add_result_flag(conn, result_id, flag_code, message):
    conn.execute(result_flags.insert().values(
        result_id=result_id, flag_code=flag_code, message=message, raised_at=utcnow(), cleared=False))


def flags_for_result(conn, result_id, open_only=True):
    q = select([result_flags]).where(result_flags.c.result_id == result_id)
    if open_only:
        q = q.where(result_flags.c.cleared == False)  # noqa: E712
    return conn.execute(q).fetchall()


def clear_flags(conn, result_id, staff_id):
    conn.execute(result_flags.update().where(result_flags.c.result_id == result_id)
                 .values(cleared=True, cleared_by=staff_id))


def results_awaiting_review(conn, department=None, status="entered"):
    q = (select([results, samples.c.lab_number, analyses.c.code.label("analysis_code"),
                 analyses.c.department])
         .select_from(results.join(samples, samples.c.id == results.c.sample_id)
                      .join(analyses, analyses.c.id == results.c.analysis_id))
         .where(results.c.status == status))
    if department:
        q = q.where(analyses.c.department == department)
    return conn.execute(q.order_by(samples.c.priority.desc(), results.c.entered_at)).fetchall()


def sample_results_complete(conn, sample_id):
    sql = text("SELECT COUNT(*) FROM results WHERE sample_id = :sid "
               "AND status NOT IN ('approved', 'rerun', 'rejected')")
    return conn.execute(sql, sid=sample_id).scalar() == 0


def create_analytical_batch(conn, analysis_id, instrument_id, analyst_id):
    number = next_reference(conn, analytical_batches.c.batch_number, "B%s" % today().strftime("%y%m"), 4)
    res = conn.execute(analytical_batches.insert().values(
        batch_number=number, analysis_id=analysis_id, instrument_id=instrument_id,
        analyst_id=analyst_id, status="open", qc_status="pending"))
    return res.inserted_primary_key[0], number


def get_batch(conn, batch_id):
    row = conn.execute(select([analytical_batches]).where(analytical_batches.c.id == batch_id)).first()
    if row is None:
        raise RecordNotFound("batch %s not found" % batch_id)
    return row


def add_sample_to_batch(conn, batch_id, sample_id, position=None):
    if position is None:
        position = (conn.execute(select([func.max(batch_samples.c.position)])
                                 .where(batch_samples.c.batch_id == batch_id)).scalar() or 0) + 1
    conn.execute(batch_samples.insert().values(batch_id=batch_id, sample_id=sample_id, position=position))
    return position


def batch_sample_rows(conn, batch_id):
    q = (select([batch_samples.c.position, samples.c.id, samples.c.lab_number, samples.c.matrix])
         .select_from(batch_samples.join(samples, samples.c.id == batch_samples.c.sample_id))
         .where(batch_samples.c.batch_id == batch_id)
         .order_by(batch_samples.c.position))
    return conn.execute(q).fetchall()


def set_batch_status(conn, batch_id, status=None, qc_status=None):
    values = {}
    if status:
        values["status"] = status
        if status == "closed":
            values["closed_at"] = utcnow()
    if qc_status:
        values["qc_status"] = qc_status
    conn.execute(analytical_batches.update().where(analytical_batches.c.id == batch_id).values(**values))


def open_batches(conn, analyst_id=None):
    q = select([analytical_batches]).where(analytical_batches.c.status == "open")
    if analyst_id:
        q = q.where(analytical_batches.c.analyst_id == analyst_id)
    return conn.execute(q.order_by(analytical_batches.c.created_at)).fetchall()


def insert_qc_check(conn, batch_id, qc_type, expected, measured, recovery=None, passed=None,
                    rule_violations=None):
    res = conn.execute(qc_checks.insert().values(
        batch_id=batch_id, qc_type=qc_type, expected=expected, measured=measured,
        recovery=recovery, passed=passed, rule_violations=rule_violations, checked_at=utcnow()))
    return res.inserted_primary_key[0]


def qc_checks_for_batch(conn, batch_id):
    return conn.execute(select([qc_checks]).where(qc_checks.c.batch_id == batch_id)
                        .order_by(qc_checks.c.id)).fetchall()


def qc_history(conn, analysis_id, qc_type, limit=30):
    q = (select([qc_checks.c.measured, qc_checks.c.recovery, qc_checks.c.checked_at])
         .select_from(qc_checks.join(analytical_batches,
                                     analytical_batches.c.id == qc_checks.c.batch_id))
         .where(and_(analytical_batches.c.analysis_id == analysis_id, qc_checks.c.qc_type == qc_type))
         .order_by(desc(qc_checks.c.checked_at)).limit(limit))
    return list(reversed(conn.execute(q).fetchall()))


def get_qc_limits(conn, analysis_id, qc_type, on_date=None):
    on_date = on_date or today()
    q = (select([qc_limits])
         .where(and_(qc_limits.c.analysis_id == analysis_id, qc_limits.c.qc_type == qc_type,
                     qc_limits.c.effective_from <= on_date))
         .order_by(desc(qc_limits.c.effective_from)).limit(1))
    return conn.execute(q).first()


def upsert_qc_limits(conn, analysis_id, qc_type, mean, sd, effective_from=None):
    values = dict(
        analysis_id=analysis_id, qc_type=qc_type, mean=mean, sd=sd,
        lower_warning=mean - 2 * sd, upper_warning=mean + 2 * sd,
        lower_action=mean - 3 * sd, upper_action=mean + 3 * sd,
        effective_from=effective_from or today(),
    )
    conn.execute(qc_limits.insert().values(**values))


def staff_can_authorise(conn, staff_id, department):
    """True if staff member holds a current signatory authorisation for department."""
    q = select([func.count()]).select_from(signatory_authorisations).where(and_(
        signatory_authorisations.c.staff_id == staff_id,
        or_(signatory_authorisations.c.department == department,
            signatory_authorisations.c.scope == "all"),
        signatory_authorisations.c.revoked_on == None,  # noqa: E711
    ))
    return conn.execute(q).scalar() > 0


def staff_competency_level(conn, staff_id, analysis_id):
    q = select([competencies.c.level, competencies.c.expires_on]).where(and_(
        competencies.c.staff_id == staff_id, competencies.c.analysis_id == analysis_id))
    row = conn.execute(q).first()
    if row is None:
        return None
    if row.expires_on and row.expires_on < today():
        return "expired"
    return row.level
