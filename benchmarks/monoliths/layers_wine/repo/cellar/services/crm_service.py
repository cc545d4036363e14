import logging
from datetime import date, datetime, timedelta

from sqlalchemy import func, text

from cellar.extensions import db
from cellar.models.customer import Customer, CustomerAddress, CrmNote, SalesVisit
from cellar.repositories.customer_repo import CustomerRepository
from cellar.utils.audit import log_action
from cellar.utils.errors import BusinessRuleError
from cellar.utils.money import to_decimal
from cellar.utils.validation import normalise_postcode, require_fields, validate_email, validate_vat_number

log = logging.getLogger(__name__)

customers = CustomerRepository()


def next_account_code(name):
    prefix = "".join(ch for ch in name.upper() if ch.isalpha())[:3].ljust(3, "X")
    n = db.session.query(func.count(Customer.id)).filter(Customer.account_code.like(prefix + "%")).scalar()
    return "%s%03d" % (prefix, n + 1)


def create_customer(data, user_id=None):
    require_fields(data, "name", "trade_type")
    customer = Customer(name=data["name"].strip(), trade_type=data["trade_type"],
                        vat_number=validate_vat_number(data.get("vat_number")),
                        rep_id=data.get("rep_id"), phone=data.get("phone"),
                        status=data.get("status", "prospect"),
                        price_list_id=data.get("price_list_id"),
                        payment_terms_days=int(data.get("payment_terms_days") or 30))
    if data.get("email"):
        customer.email = validate_email(data["email"])
    customer.account_code = next_account_code(customer.name)
    customers.add(customer)
    db.session.flush()
    if data.get("address"):
        add_address(customer.id, data["address"])
    log_action("create", "customer", customer.id, user_id)
    db.session.commit()
    return customer


def update_customer(customer_id, data, user_id=None):
    customer = customers.get(customer_id)
    for field in ("name", "trade_type", "phone", "status", "price_list_id", "payment_terms_days"):
        if field in data:
            setattr(customer, field, data[field])
    if "email" in data:
        customer.email = validate_email(data["email"])
    if "vat_number" in data:
        customer.vat_number = validate_vat_number(data["vat_number"])
    log_action("update", "customer", customer.id, user_id, data)
    db.session.commit()
    return customer


def add_address(customer_id, data):
    addr = CustomerAddress(customer_id=customer_id, kind=data.get("kind", "delivery"),
                           line1=data.get("line1"), line2=data.get("line2"), town=data.get("town"),
                           postcode=normalise_postcode(data.get("postcode")),
                           country=data.get("country", "GB"),
                           delivery_window=data.get("delivery_window"),
                           delivery_notes=data.get("delivery_notes"))
    db.session.add(addr)
    return addr


def invoice_contact_email(customer):
    for c in customer.contacts:
        if c.receives_invoices and c.email:
            return c.email
    return customer.email


def log_note(customer_id, author_id, body, follow_up_on=None):
    note = CrmNote(customer_id=customer_id, author_id=author_id, body=body, follow_up_on=follow_up_on)
    db.session.add(note)
    db.session.commit()
    return note


def schedule_visit(customer_id, rep_id, when, purpose="listing review"):
    visit = SalesVisit(customer_id=customer_id, rep_id=rep_id, planned_for=when, purpose=purpose)
    db.session.add(visit)
    db.session.commit()
    return visit


def complete_visit(visit_id, outcome, wines_shown=None):
    visit = db.session.query(SalesVisit).get(visit_id)
    visit.completed_at = datetime.utcnow()
    visit.outcome = outcome
    if wines_shown:
        visit.wines_shown = ",".join(wines_shown)
    customer = customers.get(visit.customer_id)
    if customer.status == "prospect" and visit.purpose == "tasting":
        log_note(customer.id, visit.rep_id, "Tasting done: %s" % outcome,
                 follow_up_on=date.today() + timedelta(days=7))
    db.session.commit()
    return visit


def assign_rep(customer_ids, rep_id, user_id=None):
    for c in Customer.query.filter(Customer.id.in_(customer_ids)):
        c.rep_id = rep_id
        log_action("assign_rep", "customer", c.id, user_id, {"rep_id": rep_id})
    db.session.commit()


def set_credit_limit(customer_id, limit, user_id=None):
    customer = customers.get(customer_id)
    customer.credit_limit = to_decimal(limit)
    log_action("credit_limit", "customer", customer.id, user_id, {"limit": limit})
    db.session.commit()


def put_on_stop(customer_id, reason, user_id=None):
    customer = customers.get(customer_id)
    customer.on_stop = True
    log_note(customer_id, user_id, "ACCOUNT ON STOP: %s" % reason)
    log_action("on_stop", "customer", customer.id, user_id, {"reason": reason})


def take_off_stop(customer_id, user_id=None):
    customer = customers.get(customer_id)
    customer.on_stop = False
    log_action("off_stop", "customer", customer.id, user_id)
    db.session.commit()


def merge_customers(keep_id, merge_id, user_id=None):
    """Duplicate accounts (usually a restaurant group re-registered by a rep)."""
    if keep_id == merge_id:
        raise BusinessRuleError("same customer")
    for table in ("sales_orders", "invoices", "payments", "crm_notes", "sales_visits",
                  "customer_contacts", "customer_addresses", "licences", "customer_discounts"):
        db.session.execute(text("UPDATE %s SET customer_id = :keep WHERE customer_id = :old" % table),
                           {"keep": keep_id, "old": merge_id})
    dup = customers.get(merge_id)
    dup.status = "closed"
    dup.soft_delete()
    log_action("merge", "customer", keep_id, user_id, {"merged": merge_id})
    db.session.commit()


def customer_summary(customer_id):
    from cellar.services.billing_service import customer_balance
    from cellar.repositories.order_repo import SalesOrderRepository
    customer = customers.get(customer_id)
    orders = SalesOrderRepository().for_customer(customer_id, limit=10)
    return {
        "customer": customer,
        "balance": customer_balance(customer_id),
        "recent_orders": orders,
        "visits": customers.visits_for(customer_id, limit=5),
        "notes": CrmNote.query.filter_by(customer_id=customer_id).order_by(CrmNote.created_at.desc()).limit(10).all(),
    }


def dormant_customers(days=120):
    rows = db.session.execute(text(
        "SELECT c.id FROM customers c LEFT JOIN sales_orders o ON o.customer_id = c.id "
        "WHERE c.status = 'active' GROUP BY c.id "
        "HAVING MAX(o.order_date) IS NULL OR MAX(o.order_date) < CURRENT_DATE - :days"), {"days": days})
    ids = [r[0] for r in rows]
    return Customer.query.filter(Customer.id.in_(ids)).all()


def old_import_from_access(rows):
    # one-off import from the Access DB (2021). DO NOT RUN AGAIN
    for r in rows:
        c = Customer(account_code=r["ACCOUNT"], name=r["NAME"], trade_type="restaurant",
                     status="active", credit_limit=to_decimal(r.get("CREDIT") or 0))
        db.session.add(c)
    db.session.commit()
