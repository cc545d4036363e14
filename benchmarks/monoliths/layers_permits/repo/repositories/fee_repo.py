from sqlalchemy import func, or_

from models.core import AssessedFee, Payment
from models.fees import FeeSchedule, FeeScheduleItem
from repositories.base import BaseRepository


class FeeScheduleRepository(BaseRepository):
    model = FeeSchedule

    def active_on(self, day):
        return (self.query()
                .filter(FeeSchedule.active.is_(True), FeeSchedule.effective_from <= day)
                .filter(or_(FeeSchedule.effective_to.is_(None), FeeSchedule.effective_to >= day))
                .order_by(FeeSchedule.effective_from.desc())
                .first())

    def items_for(self, schedule_id, permit_type, stage):
        return (self.session.query(FeeScheduleItem)
                .filter(FeeScheduleItem.schedule_id == schedule_id, FeeScheduleItem.stage == stage)
                .filter(or_(FeeScheduleItem.permit_type.is_(None), FeeScheduleItem.permit_type == permit_type))
                .order_by(FeeScheduleItem.code)
                .all())

    def item_by_code(self, schedule_id, code):
        return (self.session.query(FeeScheduleItem)
                .filter(FeeScheduleItem.schedule_id == schedule_id, FeeScheduleItem.code == code)
                .first())


class FeeRepository(BaseRepository):
    model = AssessedFee

    def for_application(self, application_id):
        return self.query().filter(AssessedFee.application_id == application_id).all()

    def total_assessed(self, application_id):
        return (self.session.query(func.coalesce(func.sum(AssessedFee.amount_cents), 0))
                .filter(AssessedFee.application_id == application_id, AssessedFee.waived.is_(False))
                .scalar())


class PaymentRepository(BaseRepository):
    model = Payment

    def by_receipt(self, receipt_number):
        return self.query().filter(Payment.receipt_number == receipt_number).first()

    def for_application(self, application_id):
        return (self.query().filter(Payment.application_id == application_id)
                .order_by(Payment.received_at).all())

    def total_paid(self, application_id):
        return (self.session.query(func.coalesce(func.sum(Payment.amount_cents), 0))
                .filter(Payment.application_id == application_id, Payment.voided.is_(False))
                .scalar())