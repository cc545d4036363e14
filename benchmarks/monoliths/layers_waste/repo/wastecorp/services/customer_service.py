"""Customer accounts and contracts."""
import datetime as dt
import logging

from wastecorp.extensions import db
from wastecorp.models.customer import (Customer, ServiceAddress, Contract,
                                       ContractService, CustomerContact,
                                       CustomerNote, CUSTOMER_TYPES)
from wastecorp.repositories.customer_repo import (CustomerRepository,
                                                  ContractRepository,
                                                  ServiceAddressRepository)
from wastecorp.utils.dates import today, add_working_days
from wastecorp.utils.misc import (generate_account_no, normalise_postcode,
                                  send_email)

log = logging.getLogger(__name__)

customers = CustomerRepository()
contracts = ContractRepository()
addresses = ServiceAddressRepository()


class CustomerServiceError(Exception):
    pass


def validate_account_no(account_no):
    if not account_no or len(account_no) != 8:
        return False
    return account_no[:2].isalpha() and account_no[2:].isdigit()


def create_customer(data, user=None):
    name = (data.get("name") or "").strip()
    if not name:
        raise CustomerServiceError("name is required")
    ctype = data.get("customer_type", "COMMERCIAL").upper()
    if ctype not in CUSTOMER_TYPES:
        raise CustomerServiceError("bad customer type %s" % ctype)
    cust = Customer(
        account_no=data.get("account_no") or generate_account_no(),
        name=name,
        customer_type=ctype,
        company_reg_no=data.get("company_reg_no"),
        vat_number=data.get("vat_number"),
        billing_email=data.get("billing_email"),
        billing_address=data.get("billing_address"),
        credit_limit=data.get("credit_limit"),
        payment_terms_days=data.get("payment_terms_days", 30),
    )
    db.session.add(cust)
    for c in data.get("contacts", []):
        db.session.add(CustomerContact(customer=cust, name=c.get("name"),
                                       email=c.get("email"), phone=c.get("phone"),
                                       role=c.get("role"),
                                       is_primary=bool(c.get("is_primary")),
                                       receives_invoices=bool(c.get("receives_invoices"))))
    add_note(cust, "Account opened", author=user, commit=False)
    db.session.commit()
    log.info("created customer %s", cust.account_no)
    return cust


def update_customer(customer_id, data, user=None):
    cust = customers.get_or_404(customer_id)
    for field in ("name", "billing_email", "billing_address", "vat_number",
                  "credit_limit", "payment_terms_days", "direct_debit_ref"):
        if field in data:
            setattr(cust, field, data[field])
    if "on_stop" in data and bool(data["on_stop"]) != cust.on_stop:
        cust.on_stop = bool(data["on_stop"])
        add_note(cust, "On stop set to %s" % cust.on_stop, author=user,
                 category="CREDIT", commit=False)
    db.session.commit()
    return cust


def add_note(customer, body, author=None, category="GENERAL", commit=True):
    note = CustomerNote(customer_id=customer.id, body=body, author=author,
                        category=category)
    db.session.add(note)
    if commit:
        db.session.commit()
    return note


def add_service_address(customer_id, data):
    cust = customers.get_or_404(customer_id)
    pc = normalise_postcode(data.get("postcode"))
    if pc is None:
        raise CustomerServiceError("invalid postcode %r" % data.get("postcode"))
    existing = addresses.by_uprn(data.get("uprn")) if data.get("uprn") else None
    if existing and existing.customer_id != cust.id:
        # a UPRN can only have one trade customer at a time (CUST-201)
        raise CustomerServiceError("UPRN %s already belongs to %s" %
                                   (existing.uprn, existing.customer_id))
    addr = ServiceAddress(customer_id=cust.id, uprn=data.get("uprn"),
                          line1=data["line1"], line2=data.get("line2"),
                          town=data.get("town"), postcode=pc,
                          lat=data.get("lat"), lon=data.get("lon"),
                          access_notes=data.get("access_notes"))
    db.session.add(addr)
    db.session.commit()
    return addr


def close_account(customer_id, reason, user=None):
    """Terminate every contract and soft delete the customer."""
    cust = customers.get_or_404(customer_id)
    for contract in contracts.active_for_customer(cust.id):
        terminate_contract(contract.id, reason, user=user, commit=False)
    cust.soft_delete()
    for addr in cust.addresses:
        addr.active = False
    add_note(cust, "Account closed: %s" % reason, author=user, commit=False)
    db.session.commit()


def create_contract(customer_id, data, user=None):
    cust = customers.get_or_404(customer_id)
    if cust.on_stop:
        raise CustomerServiceError("customer %s is on stop" % cust.account_no)
    start = data.get("start_date") or add_working_days(today(), 5)
    contract = Contract(contract_no=contracts.next_contract_no(),
                        customer_id=cust.id, status="DRAFT",
                        start_date=start, end_date=data.get("end_date"),
                        auto_renew=data.get("auto_renew", True),
                        discount_pct=data.get("discount_pct"),
                        billing_frequency=data.get("billing_frequency", "MONTHLY"),
                        created_by=user)
    db.session.add(contract)
    for line in data.get("services", []):
        add_contract_service(contract, line, commit=False)
    db.session.commit()
    return contract


def add_contract_service(contract, line, commit=True):
    svc = ContractService(contract=contract,
                          service_address_id=line["service_address_id"],
                          container_type_id=line.get("container_type_id"),
                          waste_stream_code=line.get("waste_stream_code", "GW"),
                          quantity=line.get("quantity", 1),
                          frequency=line.get("frequency", "WEEKLY"),
                          collection_day=line.get("collection_day"),
                          tariff_code=line.get("tariff_code"),
                          pay_by_weight=bool(line.get("pay_by_weight")),
                          start_date=line.get("start_date") or contract.start_date)
    db.session.add(svc)
    if commit:
        db.session.commit()
    return svc


def activate_contract(contract_id, user=None):
    """Sign-off: make the contract live and get bins + rounds organised."""
    from wastecorp.services import container_service, scheduling

    contract = contracts.get_or_404(contract_id)
    if contract.status != "DRAFT":
        raise CustomerServiceError("contract %s is %s" % (contract.contract_no, contract.status))
    contract.status = "ACTIVE"
    contract.signed_at = dt.datetime.utcnow()
    contract.updated_by = user
    for svc in contract.services:
        for _ in range(svc.quantity or 1):
            container_service.request_delivery(svc.service_address_id,
                                               svc.container_type_id,
                                               contract_service_id=svc.id,
                                               wanted_on=svc.start_date)
        scheduling.ensure_stop_for_service(svc)
    db.session.commit()
    return contract


def renew_contract(contract_id, months=12, user=None):
    contract = contracts.get_or_404(contract_id)
    if contract.end_date is None:
        return contract
    new_end = contract.end_date + dt.timedelta(days=int(months * 30.44))
    contract.end_date = new_end
    contract.updated_by = user
    contract.version = (contract.version or 1) + 1
    db.session.commit()
    return contract


def terminate_contract(contract_id, reason, user=None, commit=True):
    from wastecorp.services import container_service, scheduling
    from wastecorp.services import billing_service

    contract = contracts.get_or_404(contract_id)
    if contract.status == "TERMINATED":
        return contract
    contract.status = "TERMINATED"
    contract.terminated_reason = reason
    contract.end_date = contract.end_date and min(contract.end_date, today()) or today()
    contract.updated_by = user
    for svc in contract.services:
        svc.end_date = contract.end_date
        scheduling.remove_stops_for_service(svc.id)
        container_service.schedule_removals_for_service(svc.id)
    # final bill picks up lifts up to today
    billing_service.issue_final_invoice(contract)
    if commit:
        db.session.commit()
    return contract


def contracts_expiring(within_days=90):
    start = today()
    return contracts.expiring_between(start, start + dt.timedelta(days=within_days))


def send_renewal_reminders(within_days=60):
    sent = 0
    for contract in contracts_expiring(within_days):
        if contract.auto_renew:
            continue
        contact = customers.primary_contact(contract.customer_id)
        email = (contact and contact.email) or contract.customer.billing_email
        if not email:
            continue
        body = ("Your waste collection contract %s ends on %s.\n"
                "Please contact us to renew." % (contract.contract_no, contract.end_date))
        if send_email(email, "Your contract is due for renewal", body):
            sent += 1
    return sent


def merge_duplicate_customers(keep_id, drop_id, user=None):
    """Move everything from drop onto keep.  Used by the data cleanse in 2021.

    Note this reaches into other areas' tables directly.
    """
    keep = customers.get_or_404(keep_id)
    drop = customers.get_or_404(drop_id)
    for table in ("service_addresses", "contracts", "customer_contacts",
                  "customer_notes", "invoices", "payments", "credit_notes",
                  "weighbridge_tickets"):
        db.session.execute(
            db.text("UPDATE %s SET customer_id = :k WHERE customer_id = :d" % table),
            {"k": keep.id, "d": drop.id})
    drop.soft_delete()
    add_note(keep, "Merged %s into this account" % drop.account_no, author=user,
             commit=False)
    db.session.commit()
    return keep
