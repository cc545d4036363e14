import logging

from sqlalchemy import update

from fleetco.common.errors import ConflictError, ValidationError
from fleetco.common.utils import normalize_postcode, round_money
from fleetco.models.accounts import Customer, CustomerAddress
from fleetco.models.orders import Quote, Shipment
from fleetco.repositories.customer_repo import CustomerRepository, get_outstanding_balance

log = logging.getLogger(__name__)


def register_customer(session, name, email=None, phone=None, vat_number=None, credit_limit=0):
    repo = CustomerRepository(session)
    if not name or len(name.strip()) < 2:
        raise ValidationError("customer name is required")
    prefix = "".join(ch for ch in name.upper() if ch.isalpha())[:3] or "CUS"
    customer = Customer(account_code=repo.next_account_code(prefix), name=name.strip(),
                        email=email, phone=phone, vat_number=vat_number,
                        credit_limit=round_money(credit_limit))
    repo.add(customer)
    log.info("registered customer %s", customer.account_code)
    return customer


def add_address(session, customer_id, kind, line1, city, postcode, country="NL", line2=None):
    repo = CustomerRepository(session)
    customer = repo.get(customer_id)
    if kind not in ("billing", "pickup", "delivery"):
        raise ValidationError(f"unknown address kind {kind}")
    return repo.add_address(customer, kind=kind, line1=line1, line2=line2, city=city,
                            postcode=normalize_postcode(postcode), country=country.upper())


def check_credit(session, customer_id, additional_amount=0):
    """True when the customer may book ``additional_amount`` more on account."""
    customer = CustomerRepository(session).get(customer_id)
    if customer.on_hold:
        return False
    if not customer.credit_limit:
        # cash customers: no limit configured means prepay, sales handles it manually
        return True
    balance = get_outstanding_balance(session, customer_id)
    return round_money(balance) + round_money(additional_amount) <= customer.credit_limit


def put_on_hold(session, customer_id, reason):
    session.execute(
        update(Customer).where(Customer.id == customer_id).values(on_hold=True, notes=reason)
    )
    log.warning("customer %s put on hold: %s", customer_id, reason)


def merge_customers(session, keep_id, duplicate_id):
    if keep_id == duplicate_id:
        raise ConflictError("cannot merge a customer into itself")
    repo = CustomerRepository(session)
    keep, dup = repo.get(keep_id), repo.get(duplicate_id)
    # move everything that points at the duplicate; invoices stay for audit reasons
    session.query(Quote).filter(Quote.customer_id == dup.id).update({"customer_id": keep.id})
    session.query(Shipment).filter(Shipment.customer_id == dup.id).update(
        {"customer_id": keep.id}
    )
    session.query(CustomerAddress).filter(CustomerAddress.customer_id == dup.id).update(
        {"customer_id": keep.id}
    )
    dup.soft_delete()
    dup.notes = f"merged into {keep.account_code}"
    return keep
