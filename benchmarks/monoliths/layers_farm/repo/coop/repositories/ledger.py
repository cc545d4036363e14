"""Money-ish queries.  Shares, settlements, rentals -- anything with a $."""
from sqlalchemy import func, text

from coop.models import (AdvancePayment, MemberDeduction, PayoutBatch,
                         RentalCharge, SettlementLine, SettlementRun)
from coop.repositories import BaseRepository
from coop.utils.money import D


class SettlementRepository(BaseRepository):
    model = SettlementRun

    def latest(self, crop_year, run_type=None):
        q = self.session.query(SettlementRun).filter_by(crop_year=crop_year)
        if run_type:
            q = q.filter_by(run_type=run_type)
        return q.order_by(SettlementRun.id.desc()).first()

    def lines_for_member(self, run_id, member_id):
        return self.session.query(SettlementLine).filter_by(run_id=run_id, member_id=member_id).all()

    def member_totals(self, run_id):
        return (
            self.session.query(SettlementLine.member_id, func.sum(SettlementLine.gross))
            .filter(SettlementLine.run_id == run_id)
            .group_by(SettlementLine.member_id)
            .all()
        )

    def batches(self, run_id):
        return self.session.query(PayoutBatch).filter_by(run_id=run_id).all()


class DeductionRepository(BaseRepository):
    model = MemberDeduction

    def pending_for(self, member_id):
        return (
            self.session.query(MemberDeduction)
            .filter_by(member_id=member_id, applied=False)
            .order_by(MemberDeduction.created_at)
            .all()
        )

    def pending_total_by_member(self):
        rows = (
            self.session.query(MemberDeduction.member_id, func.sum(MemberDeduction.amount))
            .filter(MemberDeduction.applied.is_(False))
            .group_by(MemberDeduction.member_id)
            .all()
        )
        return {mid: D(total) for mid, total in rows}


class AdvanceRepository(BaseRepository):
    model = AdvancePayment

    def open_for(self, member_id):
        return self.session.query(AdvancePayment).filter_by(member_id=member_id, status="open").all()

    def outstanding(self, member_id):
        total = D(0)
        for adv in self.open_for(member_id):
            total += D(adv.amount) + D(adv.interest_accrued) - D(adv.repaid_amount)
        return total


class RentalChargeRepository(BaseRepository):
    model = RentalCharge

    def open_for_member(self, member_id):
        return self.session.query(RentalCharge).filter_by(member_id=member_id, status="open").all()

    def all_open(self):
        return self.session.query(RentalCharge).filter_by(status="open").all()

    def for_booking(self, booking_id):
        return self.session.query(RentalCharge).filter_by(booking_id=booking_id).all()


def share_ledger_balance(session, member_id, share_class_code=None):
    """Dollar value of shares per the transaction ledger (not the holdings table!)."""
    sql = """
        SELECT COALESCE(SUM(CASE WHEN st.txn_type IN ('purchase','transfer_in','patronage')
                                 THEN st.amount ELSE -st.amount END), 0)
          FROM share_transactions st
          JOIN share_classes sc ON sc.id = st.share_class_id
         WHERE st.member_id = :mid
    """
    params = {"mid": member_id}
    if share_class_code:
        sql += " AND sc.code = :code"
        params["code"] = share_class_code
    return D(session.execute(text(sql), params).scalar())
