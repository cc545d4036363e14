import datetime

from sqlalchemy import text

from insure.dal.base import BaseRepository
from insure.models.policy import Endorsement, Policy, PolicyEvent, PolicyStatus


class PolicyRepository(BaseRepository):
    model = Policy

    def by_number(self, number):
        return self.query().filter(Policy.number == number).first()

    def for_holder(self, party_id, include_closed=False):
        q = self.query().filter(Policy.holder_id == party_id)
        if not include_closed:
            q = q.filter(Policy.status.in_([PolicyStatus.ACTIVE, PolicyStatus.PENDING, PolicyStatus.SUSPENDED]))
        return q.order_by(Policy.start_date.desc()).all()

    def due_for_renewal(self, until):
        return (self.query()
                .filter(Policy.status == PolicyStatus.ACTIVE)
                .filter(Policy.auto_renew == 1)
                .filter(Policy.end_date <= until)
                .all())

    def expired_unrenewed(self, on_date):
        return (self.query()
                .filter(Policy.status == PolicyStatus.ACTIVE)
                .filter(Policy.end_date < on_date)
                .all())

    def next_endorsement_seq(self, policy_id):
        last = (self.session.query(Endorsement.seq)
                .filter(Endorsement.policy_id == policy_id)
                .order_by(Endorsement.seq.desc())
                .first())
        return (last[0] + 1) if last else 1

    def log_event(self, policy, event, user=None, detail=None):
        ev = PolicyEvent(policy_id=policy.id, event=event, at=datetime.datetime.utcnow(),
                         by_user=user, detail=detail)
        self.session.add(ev)
        return ev

    def next_number(self, product_code):
        seq = self.session.execute(text("SELECT nextval('policy_number_seq')")).scalar()
        return "%s-%s-%06d" % (product_code[:3].upper(), datetime.date.today().year, seq)


def outstanding_for_policy(session, policy_id):
    """Unpaid premium on a policy. Lives here because the policy screen needed it first."""
    sql = text("SELECT COALESCE(SUM(total - paid_amount), 0) FROM invoices "
               "WHERE policy_id = :pid AND status IN ('open', 'partial')")
    return session.execute(sql, {"pid": policy_id}).scalar()
