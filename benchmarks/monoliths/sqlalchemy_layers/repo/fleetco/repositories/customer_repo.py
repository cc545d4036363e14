from sqlalchemy import or_, select, text

from fleetco.common.base_repository import BaseRepository
from fleetco.models.accounts import Customer, CustomerAddress


class CustomerRepository(BaseRepository):
    model = Customer

    def by_account_code(self, code):
        stmt = select(Customer).where(Customer.account_code == code.upper())
        return self.session.execute(stmt).scalar_one_or_none()

    def search(self, term, limit=25):
        like = f"%{term}%"
        return (
            self.session.query(Customer)
            .filter(Customer.is_deleted.is_(False))
            .filter(or_(Customer.name.ilike(like), Customer.account_code.ilike(like)))
            .order_by(Customer.name)
            .limit(limit)
            .all()
        )

    def add_address(self, customer, **fields):
        address = CustomerAddress(customer_id=customer.id, **fields)
        self.session.add(address)
        return address

    def next_account_code(self, prefix):
        row = self.session.execute(
            text("SELECT max(account_code) FROM customers WHERE account_code LIKE :p"),
            {"p": prefix + "%"},
        ).scalar()
        seq = int(row[len(prefix):]) + 1 if row else 1
        return f"{prefix}{seq:05d}"


def get_outstanding_balance(session, customer_id):
    # raw SQL: the ORM version did N+1 over payments and timed out for big accounts
    sql = text(
        """
        SELECT COALESCE(SUM(i.net_total + i.vat_total), 0)
             - COALESCE((SELECT SUM(p.amount) FROM payments p
                         JOIN invoices i2 ON i2.id = p.invoice_id
                         WHERE i2.customer_id = :cid), 0)
        FROM invoices i
        WHERE i.customer_id = :cid AND i.status IN ('issued', 'overdue')
        """
    )
    return session.execute(sql, {"cid": customer_id}).scalar() or 0
