import datetime as dt

from errors import BusinessRuleViolation, NotFound, ValidationFailed
from models.core import Contractor
from models.licensing import ContractorLicense, InsuranceCertificate, LicenseClass, LicenseRenewal
from repositories.contractor_repo import ContractorRepository, LicenseRepository
from utils.validators import is_valid_email, normalize_phone, valid_license_number

LICENSE_TERM_DAYS = 365 * 2
MIN_LIABILITY_CENTS = 100000000  # $1,000,000 general liability


def get_contractor(session, contractor_id):
    contractor = ContractorRepository(session).get(contractor_id)
    if contractor is None:
        raise NotFound("contractor %s not found" % contractor_id)
    return contractor


def register_contractor(session, data):
    if data.get("email") and not is_valid_email(data["email"]):
        raise ValidationFailed("invalid email")
    contractor = Contractor(business_name=data["business_name"].strip(), dba=data.get("dba"),
                            tax_id=data.get("tax_id"), email=data.get("email"),
                            phone=normalize_phone(data.get("phone")), address=data.get("address"))
    session.add(contractor)
    session.flush()
    return contractor


def add_license(session, contractor, license_class, number, issued_on=None, state_license_number=None,
                qualifier_name=None):
    if license_class not in LicenseClass.PERMIT_TYPES:
        raise ValidationFailed("unknown license class %s" % license_class)
    if not valid_license_number(number):
        raise ValidationFailed("license number must look like %s-12345" % license_class)
    if LicenseRepository(session).by_number(number):
        raise BusinessRuleViolation("license number already in use")
    issued_on = issued_on or dt.date.today()
    lic = ContractorLicense(contractor=contractor, license_class=license_class, number=number.upper(),
                            issued_on=issued_on, expires_on=issued_on + dt.timedelta(days=LICENSE_TERM_DAYS),
                            state_license_number=state_license_number, qualifier_name=qualifier_name)
    session.add(lic)
    session.flush()
    return lic


def record_insurance(session, contractor, kind, carrier, policy_number, coverage_cents, effective_on,
                     expires_on, document_id=None):
    cert = InsuranceCertificate(contractor=contractor, kind=kind, carrier=carrier, policy_number=policy_number,
                                coverage_cents=coverage_cents, effective_on=effective_on,
                                expires_on=expires_on, document_id=document_id)
    session.add(cert)
    session.flush()
    return cert


def has_valid_insurance(contractor, on_date=None):
    on_date = on_date or dt.date.today()
    liability = [c for c in contractor.insurance if c.kind == "general_liability"
                 and c.expires_on and c.expires_on >= on_date and (c.coverage_cents or 0) >= MIN_LIABILITY_CENTS]
    return bool(liability)


def verify_contractor_for_permit(session, contractor, permit_type, on_date=None):
    """Raises unless the contractor may pull this permit type today."""
    on_date = on_date or dt.date.today()
    if contractor.status != "active":
        raise BusinessRuleViolation("contractor %s is %s" % (contractor.display_name, contractor.status))
    allowed = set()
    for lic in contractor.licenses:
        if lic.is_current(on_date):
            allowed.update(LicenseClass.PERMIT_TYPES.get(lic.license_class, ()))
    if permit_type not in allowed:
        raise BusinessRuleViolation("no current license for %s permits" % permit_type)
    if not has_valid_insurance(contractor, on_date):
        raise BusinessRuleViolation("general liability insurance missing or expired")
    return True


def request_renewal(session, lic, user, payment_method="check", reference=None, card_token=None):
    from services import payments

    payment = payments.record_payment(session, renewal_fee_cents(lic), payment_method, user,
                                      contractor_id=lic.contractor_id, reference=reference,
                                      payer_name=lic.contractor.business_name, card_token=card_token)
    renewal = LicenseRenewal(license=lic, payment_id=payment.id)
    session.add(renewal)
    session.flush()
    return renewal


def renewal_fee_cents(lic):
    return 45000 if lic.license_class in (LicenseClass.GENERAL_A, LicenseClass.GENERAL_B) else 25000


def approve_renewal(session, renewal, user):
    if renewal.status != "pending":
        raise BusinessRuleViolation("renewal already decided")
    lic = renewal.license
    base = max(lic.expires_on, dt.date.today())
    renewal.new_expires_on = base + dt.timedelta(days=LICENSE_TERM_DAYS)
    renewal.status = "approved"
    renewal.decided_by_id = user.id
    renewal.decided_at = dt.datetime.utcnow()
    lic.expires_on = renewal.new_expires_on
    lic.status = "active"
    session.flush()
    return renewal


def expire_lapsed_licenses(session, today):
    lapsed = LicenseRepository(session).lapsed(today)
    for lic in lapsed:
        lic.status = "expired"
    session.flush()
    return lapsed
