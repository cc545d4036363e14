"""Staff training, competency and signatory management."""
import datetime

from lab.lib import InvalidInput, NotAuthorised
from lab.lib.dates import today
from lab.lib.misc import send_mail
from lab.db.tables import COMPETENCY_LEVELS
from lab.repositories import staff as staff_repo
from lab.repositories import orders as order_repo
from lab.services import Service

COMPETENCY_VALID_DAYS = 730  # re-assessment every two years (QP-004)


class CompetencyMatrix(object):
    """Staff x analysis grid used on the training page and for audits."""

    def __init__(self, conn, department=None):
        self.conn = conn
        self.department = department

    def build(self):
        people = staff_repo.list_active_staff(self.conn, self.department)
        tests = order_repo.list_analyses(self.conn, department=self.department)
        grid = {}
        for p in people:
            row = {c.analysis_id: c for c in staff_repo.competencies_for(self.conn, p.id)}
            grid[p.id] = {t.id: competency_label(row.get(t.id)) for t in tests}
        return people, tests, grid


def competency_label(comp):
    if comp is None:
        return ""
    if comp.expires_on and comp.expires_on < today():
        return "expired"
    return comp.level


class StaffService(Service):

    def sign_off(self, staff_id, analysis_id, level):
        if level not in COMPETENCY_LEVELS:
            raise InvalidInput("unknown competency level %s" % level)
        assessor = [c for c in staff_repo.competencies_for(self.conn, self.user_id)
                    if c.analysis_id == analysis_id]
        if not assessor or assessor[0].level != "trainer":
            raise NotAuthorised("only trainers can sign off competencies")
        expires = today() + datetime.timedelta(days=COMPETENCY_VALID_DAYS) if level != "trainee" else None
        return staff_repo.upsert_competency(self.conn, staff_id, analysis_id, level, self.user_id, expires)

    def record_training(self, staff_id, course, completed_on, provider=None, hours=None,
                        certificate_ref=None, notes=None):
        if completed_on and completed_on > today():
            raise InvalidInput("completion date is in the future")
        return staff_repo.add_training_record(self.conn, staff_id, course, completed_on, provider=provider,
                                              hours=hours, certificate_ref=certificate_ref, notes=notes)

    def grant_signatory(self, staff_id, department):
        return staff_repo.grant_authorisation(self.conn, staff_id, department, self.user_id)

    def leaver(self, staff_id):
        staff_repo.save_staff(self.conn, {"active": False, "left_on": today()}, staff_id)
        for auth in staff_repo.authorisations_for(self.conn, staff_id):
            staff_repo.revoke_authorisation(self.conn, auth.id)


def is_competent(conn, staff_id, analysis_id):
    for c in staff_repo.competencies_for(conn, staff_id):
        if c.analysis_id == analysis_id:
            return competency_label(c) in ("competent", "trainer")
    return False


def send_competency_expiry_reminders(conn, within_days=30):
    rows = staff_repo.expiring_competencies(conn, within_days)
    by_person = {}
    for r in rows:
        by_person.setdefault((r.full_name, r.email), []).append(r)
    for (name, email), comps in by_person.items():
        if not email:
            continue
        body = "Hi %s,\n\nThe following competencies expire soon:\n%s\n" % (
            name, "\n".join(" - %s on %s" % (c.analysis_code if hasattr(c, "analysis_code") else c.analysis_id,
                                               c.expires_on) for c in comps))
        send_mail(email, "Competency re-assessment due", body)
    return len(by_person)
