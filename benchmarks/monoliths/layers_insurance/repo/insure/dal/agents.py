from insure.dal.base import BaseRepository
from insure.models.agent import Agency, Agent, CommissionEntry, CommissionSchedule


class AgentRepo(BaseRepository):
    model = Agent

    def by_reference(self, ref):
        return self.query().filter(Agent.reference == ref).first()

    def for_agency(self, agency_id):
        return self.query().filter(Agent.agency_id == agency_id, Agent.active == 1).all()

    def licences_expiring(self, before):
        return self.query().filter(Agent.active == 1, Agent.licence_expires < before).all()


class CommissionRepo(BaseRepository):
    model = CommissionEntry

    def schedule_for(self, tier, product_code, on_date):
        return (self.session.query(CommissionSchedule)
                .filter(CommissionSchedule.agency_tier == tier)
                .filter(CommissionSchedule.product_code == product_code)
                .filter(CommissionSchedule.valid_from <= on_date)
                .order_by(CommissionSchedule.valid_from.desc())
                .first())

    def unstated_for_agency(self, agency_id):
        return (self.query()
                .join(Agent, Agent.id == CommissionEntry.agent_id)
                .filter(Agent.agency_id == agency_id)
                .filter(CommissionEntry.statement_id == None)  # noqa: E711
                .all())

    def entries_for_policy(self, policy_id):
        return self.query().filter(CommissionEntry.policy_id == policy_id).all()


def agency_by_id(session, agency_id):
    return session.query(Agency).get(agency_id)
