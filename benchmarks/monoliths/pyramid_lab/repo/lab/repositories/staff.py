import datetime

from sqlalchemy import select, and_, or_, desc

from lab.db.tables import staff, competencies, training_records, signatory_authorisations, analyses
from lab.lib import RecordNotFound
from lab.lib.dates import today


def get_staff(conn, staff_id):
    row = conn.execute(select([staff]).where(staff.c.id == staff_id)).first()
    if row is None:
        raise RecordNotFound("staff %s not found" % staff_id)
    return row


def get_staff_by_login(conn, login):
    return conn.execute(select([staff]).where(staff.c.login == login.lower())).first()


def list_active_staff(conn, department=None):
    q = select([staff]).where(staff.c.active == True)  # noqa: E712
    if department:
        q = q.where(staff.c.department == department)
    return conn.execute(q.order_by(staff.c.full_name)).fetchall()


def save_staff(conn, data, staff_id=None):
    if staff_id:
        conn.execute(staff.update().where(staff.c.id == staff_id).values(**data))
        return staff_id
    return conn.execute(staff.insert().values(**data)).inserted_primary_key[0]


def staff_names(conn, ids):
    if not ids:
        return {}
    rows = conn.execute(select([staff.c.id, staff.c.full_name]).where(staff.c.id.in_(list(ids))))
    return {r.id: r.full_name for r in rows}


def competencies_for(conn, staff_id):
    q = (select([competencies, analyses.c.code.label("analysis_code"), analyses.c.name.label("analysis_name")])
         .select_from(competencies.join(analyses, analyses.c.id == competencies.c.analysis_id))
         .where(competencies.c.staff_id == staff_id)
         .order_by(analyses.c.code))
    return conn.execute(q).fetchall()


def upsert_competency(conn, staff_id, analysis_id, level, assessed_by, expires_on=None):
    existing = conn.execute(select([competencies.c.id]).where(and_(
        competencies.c.staff_id == staff_id, competencies.c.analysis_id == analysis_id))).scalar()
    values = dict(level=level, assessed_by=assessed_by, assessed_on=today(), expires_on=expires_on)
    if existing:
        conn.execute(competencies.update().where(competencies.c.id == existing).values(**values))
        return existing
    return conn.execute(competencies.insert().values(
        staff_id=staff_id, analysis_id=analysis_id, **values)).inserted_primary_key[0]


def expiring_competencies(conn, within_days=30):
    horizon = today() + datetime.timedelta(days=within_days)
    q = (select([competencies, staff.c.full_name, staff.c.email])
         .select_from(competencies.join(staff, staff.c.id == competencies.c.staff_id))
         .where(and_(competencies.c.expires_on != None, competencies.c.expires_on <= horizon,  # noqa: E711
                     staff.c.active == True)))  # noqa: E712
    return conn.execute(q.order_by(competencies.c.expires_on)).fetchall()


def competent_staff_for(conn, analysis_id):
    q = (select([staff])
         .select_from(staff.join(competencies, competencies.c.staff_id == staff.c.id))
         .where(and_(competencies.c.analysis_id == analysis_id,
                     competencies.c.level.in_(["competent", "trainer"]),
                     or_(competencies.c.expires_on == None, competencies.c.expires_on >= today()))))  # noqa: E711
    return conn.execute(q).fetchall()


def training_records_for(conn, staff_id):
    return conn.execute(select([training_records]).where(training_records.c.staff_id == staff_id)
                        .order_by(desc(training_records.c.completed_on))).fetchall()


def add_training_record(conn, staff_id, course, completed_on, **values):
    return conn.execute(training_records.insert().values(
        staff_id=staff_id, course=course, completed_on=completed_on, **values)).inserted_primary_key[0]


def authorisations_for(conn, staff_id, current_only=True):
    q = select([signatory_authorisations]).where(signatory_authorisations.c.staff_id == staff_id)
    if current_only:
        q = q.where(signatory_authorisations.c.revoked_on == None)  # noqa: E711
    return conn.execute(q).fetchall()


def grant_authorisation(conn, staff_id, department, granted_by, scope="department"):
    return conn.execute(signatory_authorisations.insert().values(
        staff_id=staff_id, department=department, scope=scope,
        granted_by=granted_by, granted_on=today())).inserted_primary_key[0]


def revoke_authorisation(conn, authorisation_id):
    conn.execute(signatory_authorisations.update()
                 .where(signatory_authorisations.c.id == authorisation_id)
                 .values(revoked_on=today()))


def signatories_for_department(conn, department):
    q = (select([staff])
         .select_from(staff.join(signatory_authorisations,
                                 signatory_authorisations.c.staff_id == staff.c.id))
         .where(and_(signatory_authorisations.c.revoked_on == None,  # noqa: E711
                     or_(signatory_authorisations.c.department == department,
                         signatory_authorisations.c.scope == "all"),
                     staff.c.active == True))  # noqa: E712
         .distinct())
    return conn.execute(q).fetchall()
