"""Customer data access."""
from sqlalchemy import func, or_, text

from freightly.models import (CreditLimit, Customer, CustomerAddress,
                              CustomerContact)
from freightly.repositories import BaseRepository


class CustomerRepository(BaseRepository):
    model = Customer

    def query(self):
        return super(CustomerRepository, self).query().filter(
            Customer.is_deleted.is_(False))

    def by_account_no(self, account_no):
        return self.query().filter(Customer.account_no == account_no).first()

    def search(self, term, limit=25):
        like = "%%%s%%" % term
        return self.query().filter(or_(Customer.name.ilike(like),
                                       Customer.account_no.ilike(like),
                                       Customer.vat_number.ilike(like))).limit(limit).all()

    def next_account_no(self):
        last = self.session.query(func.max(Customer.account_no)).scalar()
        if not last:
            return "C100001"
        return "C%06d" % (int(last[1:]) + 1)

    def default_address(self, customer_id, kind="billing"):
        return (self.session.query(CustomerAddress)
                .filter_by(customer_id=customer_id, kind=kind)
                .order_by(CustomerAddress.is_default.desc())
                .first())

    def credit_limit(self, customer_id):
        return self.session.query(CreditLimit).filter_by(customer_id=customer_id).first()

    def children(self, customer_id):
        return self.query().filter(Customer.parent_id == customer_id).all()


class ContactRepository(BaseRepository):
    model = CustomerContact

    def for_role(self, customer_id, role):
        return self.query().filter_by(customer_id=customer_id, role=role).all()

    def invoice_recipients(self, customer_id):
        rows = self.query().filter_by(customer_id=customer_id,
                                      receives_invoices=True).all()
        return [r.email for r in rows if r.email]

    def tracking_recipients(self, customer_id):
        rows = self.query().filter_by(customer_id=customer_id,
                                      receives_tracking=True).all()
        return [r.email for r in rows if r.email]


def customers_without_activity(session, days=365):
    """Accounts with no shipment in ``days`` days - for the yearly cleanup."""
    sql = text(
        "SELECT c.id, c.account_no, c.name FROM customers c "
        "WHERE c.is_deleted = false AND NOT EXISTS ("
        "  SELECT 1 FROM shipments s WHERE s.customer_id = c.id "
        "  AND s.created_at > now() - (:days || ' days')::interval)"
    )
    return session.execute(sql, {"days": days}).fetchall()
