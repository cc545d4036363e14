from sqlalchemy import func, or_

from coop.models import (Agronomist, Member, MemberBankAccount,
                         MembershipApplication, ShareClass, ShareHolding,
                         ShareTransaction)
from coop.repositories import BaseRepository, NotFoundError


class MemberRepository(BaseRepository):
    model = Member

    def by_grower_code(self, code):
        m = self.session.query(Member).filter(Member.grower_code == code.upper()).first()
        if m is None:
            raise NotFoundError("no member with grower code %s" % code)
        return m

    def search(self, term, status=None):
        like = "%%%s%%" % term
        q = self.session.query(Member).filter(
            or_(Member.last_name.ilike(like), Member.farm_name.ilike(like),
                Member.grower_code.ilike(like))
        )
        if status:
            q = q.filter(Member.status == status)
        return q.order_by(Member.last_name).all()

    def active(self):
        return self.session.query(Member).filter(Member.status == "active").all()

    def pending_applications(self):
        return (
            self.session.query(MembershipApplication)
            .filter(MembershipApplication.decision.is_(None))
            .order_by(MembershipApplication.submitted_on)
            .all()
        )

    def primary_bank_account(self, member_id):
        return (
            self.session.query(MemberBankAccount)
            .filter_by(member_id=member_id, is_primary=True, verified=True)
            .first()
        )

    def next_grower_code(self, last_name):
        prefix = (last_name or "X")[:3].upper()
        n = (
            self.session.query(func.count(Member.id))
            .filter(Member.grower_code.like(prefix + "%"))
            .scalar()
        )
        return "%s%03d" % (prefix, n + 1)


class ShareRepository(BaseRepository):
    model = ShareHolding

    def share_class(self, code):
        return self.session.query(ShareClass).filter_by(code=code).one()

    def holding(self, member_id, share_class_id, create=False):
        h = (
            self.session.query(ShareHolding)
            .filter_by(member_id=member_id, share_class_id=share_class_id)
            .first()
        )
        if h is None and create:
            h = ShareHolding(member_id=member_id, share_class_id=share_class_id, quantity=0)
            self.session.add(h)
        return h

    def holdings_for(self, member_id):
        return self.session.query(ShareHolding).filter_by(member_id=member_id).all()

    def transactions_for(self, member_id, since=None):
        q = self.session.query(ShareTransaction).filter_by(member_id=member_id)
        if since:
            q = q.filter(ShareTransaction.txn_date >= since)
        return q.order_by(ShareTransaction.txn_date).all()

    def total_voting_shares(self, member_id):
        return (
            self.session.query(func.coalesce(func.sum(ShareHolding.quantity), 0))
            .join(ShareClass)
            .filter(ShareHolding.member_id == member_id, ShareClass.voting.is_(True))
            .scalar()
        )


class AgronomistRepository(BaseRepository):
    model = Agronomist

    def active_in_region(self, region):
        return (
            self.session.query(Agronomist)
            .filter(Agronomist.active.is_(True), Agronomist.region == region)
            .all()
        )

    def least_loaded(self, region=None):
        q = (
            self.session.query(Agronomist, func.count(Member.id).label("n"))
            .outerjoin(Member, Member.agronomist_id == Agronomist.id)
            .filter(Agronomist.active.is_(True))
        )
        if region:
            q = q.filter(Agronomist.region == region)
        row = q.group_by(Agronomist.id).order_by("n").first()
        return row[0] if row else None


def members_payable(session, member_ids):
    """Active members with a verified primary account (used by the bank file export)."""
    return (
        session.query(Member, MemberBankAccount)
        .join(MemberBankAccount, MemberBankAccount.member_id == Member.id)
        .filter(Member.id.in_(member_ids),
                MemberBankAccount.is_primary.is_(True),
                MemberBankAccount.verified.is_(True))
        .all()
    )
