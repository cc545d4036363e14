import datetime as dt

from sqlalchemy import text, or_

from wastecorp.models.customer import (Customer, ServiceAddress, Contract,
                                       ContractService, CustomerContact)
from wastecorp.repositories.base_repo import BaseRepository


class CustomerRepository(BaseRepository):
    model = Customer

    def by_account_no(self, account_no):
        return self.query().filter(Customer.account_no == account_no).first()

    def search(self, term, include_deleted=False):
        like = "%%%s%%" % term.strip()
        q = self.query().filter(or_(Customer.name.ilike(like),
                                    Customer.account_no.ilike(like)))
        if not include_deleted:
            q = q.filter(Customer.deleted == False)  # noqa: E712
        return q.order_by(Customer.name)

    def on_stop(self):
        return self.query().filter(Customer.on_stop == True).all()  # noqa: E712

    def primary_contact(self, customer_id):
        return (self.session.query(CustomerContact)
                .filter_by(customer_id=customer_id, is_primary=True).first())

    def invoice_contacts(self, customer_id):
        return (self.session.query(CustomerContact)
                .filter_by(customer_id=customer_id, receives_invoices=True).all())


class ServiceAddressRepository(BaseRepository):
    model = ServiceAddress

    def by_uprn(self, uprn):
        return self.query().filter(ServiceAddress.uprn == uprn).first()

    def for_customer(self, customer_id, active_only=True):
        q = self.query().filter(ServiceAddress.customer_id == customer_id)
        if active_only:
            q = q.filter(ServiceAddress.active == True)  # noqa: E712
        return q.all()


class ContractRepository(BaseRepository):
    model = Contract

    def active_for_customer(self, customer_id):
        return (self.query().filter(Contract.customer_id == customer_id)
                .filter(Contract.status == "ACTIVE").all())

    def active_on(self, day):
        return (self.query().filter(Contract.status == "ACTIVE")
                .filter(Contract.start_date <= day)
                .filter(or_(Contract.end_date == None, Contract.end_date >= day))  # noqa: E711
                .all())

    def expiring_between(self, start, end):
        return (self.query().filter(Contract.status == "ACTIVE")
                .filter(Contract.end_date.between(start, end)).all())

    def services_for(self, contract_id):
        return (self.session.query(ContractService)
                .filter(ContractService.contract_id == contract_id).all())

    def next_contract_no(self):
        year = dt.date.today().year
        row = self.session.execute(text(
            "SELECT COUNT(*) FROM contracts WHERE contract_no LIKE :p"),
            {"p": "C%d-%%" % year}).fetchone()
        return "C%d-%05d" % (year, (row[0] or 0) + 1)


def find_customers_by_postcode(session, postcode_prefix):
    """Used by the call centre screen.  Raw SQL because the ORM version
    did a cartesian product on big postcodes (CUST-140)."""
    rows = session.execute(text(
        "SELECT DISTINCT c.id, c.account_no, c.name, a.line1, a.postcode "
        "FROM customers c JOIN service_addresses a ON a.customer_id = c.id "
        "WHERE a.postcode LIKE :pc AND c.deleted = false "
        "ORDER BY c.name LIMIT 200"), {"pc": postcode_prefix.upper() + "%"})
    return [dict(r._mapping) for r in rows]
