from sqlalchemy import or_

from cellar.models.compliance import Licence
from cellar.models.customer import Customer, CustomerAddress, SalesVisit
from cellar.repositories.base import BaseRepository


class CustomerRepository(BaseRepository):
    model = Customer

    def by_account_code(self, code):
        return Customer.query.filter_by(account_code=code.upper()).first()

    def search(self, term):
        like = "%%%s%%" % term
        return (self.session.query(Customer)
                .filter(Customer.deleted_at.is_(None))
                .filter(or_(Customer.name.ilike(like), Customer.account_code.ilike(like),
                            Customer.email.ilike(like)))
                .order_by(Customer.name).limit(50).all())

    def for_rep(self, rep_id, status="active"):
        return Customer.query.filter_by(rep_id=rep_id, status=status).all()

    def delivery_address(self, customer_id):
        return (self.session.query(CustomerAddress)
                .filter_by(customer_id=customer_id, kind="delivery").first())

    def visits_for(self, customer_id, limit=20):
        return (SalesVisit.query.filter_by(customer_id=customer_id)
                .order_by(SalesVisit.planned_for.desc()).limit(limit).all())


class LicenceRepository(BaseRepository):
    model = Licence

    def current_for_customer(self, customer_id, kind="premises"):
        from datetime import date
        return (self.session.query(Licence)
                .filter(Licence.customer_id == customer_id, Licence.kind == kind)
                .filter(or_(Licence.valid_to.is_(None), Licence.valid_to >= date.today()))
                .first())

    def expiring_between(self, start, end):
        return Licence.query.filter(Licence.valid_to.between(start, end)).all()
