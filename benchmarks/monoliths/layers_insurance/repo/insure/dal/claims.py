from insure.dal.base import BaseRepository
from insure.models.claim import Claim, ClaimPayment


class ClaimRepository(BaseRepository):
    model = Claim

    def by_number(self, number):
        return self.query().filter(Claim.number == number).first()

    def for_policy(self, policy_id):
        return self.query().filter(Claim.policy_id == policy_id).order_by(Claim.loss_date).all()

    def open_claims(self, handler=None):
        q = self.query().filter(Claim.status.in_(("notified", "assessing", "approved", "partially_paid", "reopened")))
        if handler:
            q = q.filter(Claim.handler == handler)
        return q.order_by(Claim.reported_date).all()

    def pending_payments(self):
        return self.session.query(ClaimPayment).filter(ClaimPayment.status == "approved").all()
