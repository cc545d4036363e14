from sqlalchemy import and_

from insure.dal.base import BaseRepository
from insure.models.billing import BillingAccount, Instalment, Invoice, Payment, Refund


class BillingAccountRepo(BaseRepository):
    model = BillingAccount

    def for_payer(self, party_id):
        return self.query().filter(BillingAccount.payer_id == party_id).first()

class InvoiceRepo(BaseRepository):
    model = Invoice

    def by_number(self, number):
        return self.query().filter_by(number=number).first()

    def open_for_account(self, account_id):
        return (self.query()
                .filter(Invoice.account_id == account_id)
                .filter(Invoice.status.in_(("open", "partial")))
                .order_by(Invoice.due_date)
                .all())

    def for_policy(self, policy_id):
        return self.query().filter(Invoice.policy_id == policy_id).order_by(Invoice.due_date).all()

    def overdue(self, on_date, min_days=0):
        import datetime
        limit = on_date - datetime.timedelta(days=min_days)
        return (self.query()
                .filter(Invoice.status.in_(("open", "partial")))
                .filter(Invoice.due_date < limit)
                .all())

    def instalments_due(self, on_date):
        return (self.session.query(Instalment)
                .join(Invoice)
                .filter(and_(Instalment.due_date <= on_date, Instalment.collected == 0))
                .filter(Invoice.status != "void")
                .all())


class PaymentRepo(BaseRepository):
    model = Payment

    def by_external_ref(self, ref):
        return self.query().filter(Payment.external_ref == ref).first()

    def pending_refunds(self):
        return self.session.query(Refund).filter(Refund.status == "pending").all()
