import datetime as dt
import logging

from fastapi import HTTPException

from rental.models import Customer, CustomerStatus, DrivingLicence, Payment, PaymentStatus, Reservation
from rental.repositories.customer_repo import AccountRepository, CustomerRepository
from rental.repositories.vehicle_repo import VehicleRepository
from rental.utils import age_on, normalize_phone

log = logging.getLogger(__name__)


def register_customer(db, data):
    repo = CustomerRepository(db)
    if repo.by_email(data["email"]):
        raise HTTPException(status_code=409, detail="A customer with this email already exists")
    customer = Customer(first_name=data["first_name"].strip(), last_name=data["last_name"].strip(),
                        email=data["email"].strip().lower(), phone=normalize_phone(data.get("phone")),
                        birth_date=data.get("birth_date"), marketing_opt_in=data.get("marketing_opt_in", False))
    if data.get("vat_number"):
        account = AccountRepository(db).by_vat(data["vat_number"])
        if account is not None:
            customer.account = account
    return repo.add(customer)


def add_licence(db, customer_id, number, country, issued_on, expires_on):
    customer = CustomerRepository(db).get_or_404(customer_id)
    if expires_on <= dt.date.today():
        raise HTTPException(status_code=400, detail="Licence already expired")
    licence = DrivingLicence(customer=customer, number=number.replace(" ", "").upper(), country=country.upper(),
                             issued_on=issued_on, expires_on=expires_on)
    db.add(licence)
    return licence


def check_can_rent(db, customer, category_id, on_date):
    """Raises if the customer may not rent this category on that date."""
    if customer.status != CustomerStatus.ACTIVE:
        raise HTTPException(status_code=403, detail=f"Customer is {customer.status.value}")
    licence = CustomerRepository(db).valid_licence(customer.id, on_date)
    if licence is None:
        raise HTTPException(status_code=422, detail="No valid driving licence on file")
    if (on_date - licence.issued_on).days < 365:
        raise HTTPException(status_code=422, detail="Licence must be held for at least one year")
    category = VehicleRepository(db).category(category_id)
    if customer.birth_date and category and age_on(customer.birth_date, on_date) < category.min_driver_age:
        raise HTTPException(status_code=422, detail="Driver too young for this category")
    return licence


def block_customer(db, customer_id, reason):
    customer = CustomerRepository(db).get_or_404(customer_id)
    customer.status = CustomerStatus.BLOCKED
    customer.blocked_reason = reason[:200]
    log.warning("customer %s blocked: %s", customer_id, reason)
    return customer


def customer_risk_score(db, customer_id):
    # 0 = fine, 100 = do not rent. Reads damage + payment tables directly, sorry.
    from rental.models import DamageReport, RentalAgreement

    score = 0
    damages = (db.query(DamageReport).join(RentalAgreement, DamageReport.agreement_id == RentalAgreement.id)
               .join(Reservation).filter(Reservation.customer_id == customer_id).all())
    score += 15 * len([d for d in damages if d.severity >= 2])
    failed = db.query(Payment).filter(Payment.customer_id == customer_id,
                                      Payment.status == PaymentStatus.FAILED).count()
    score += 10 * failed
    no_shows = db.query(Reservation).filter(Reservation.customer_id == customer_id,
                                            Reservation.status == "no_show").count()
    score += 5 * no_shows
    return min(100, score)


def merge_duplicate_customers(db, keep_id, drop_id):
    repo = CustomerRepository(db)
    keep, drop = repo.get_or_404(keep_id), repo.get_or_404(drop_id)
    for reservation in drop.reservations:
        reservation.customer_id = keep.id
    for licence in drop.licences:
        licence.customer_id = keep.id
    db.query(Payment).filter(Payment.customer_id == drop.id).update({"customer_id": keep.id})
    drop.status = CustomerStatus.MERGED
    drop.merged_into_id = keep.id
    drop.email = f"merged+{drop.id}@invalid.local"
    return keep

