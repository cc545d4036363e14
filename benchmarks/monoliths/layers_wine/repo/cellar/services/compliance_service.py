import logging
from datetime import date, datetime, timedelta
from decimal import Decimal

import requests

from cellar.extensions import db
from cellar.models.compliance import ComplianceCheck, Licence
from cellar.models.finance import ExciseReturn, ExciseReturnLine
from cellar.repositories.customer_repo import LicenceRepository
from cellar.repositories.excise_repo import ExciseReturnRepository, duty_point_movements, rate_for
from cellar.utils.audit import log_action
from cellar.utils.dates import month_bounds, period_code
from cellar.utils.decorators import retry
from cellar.utils.errors import BusinessRuleError
from cellar.utils.money import round_money, to_decimal
from cellar.utils.units import bottles_to_litres, litres_of_alcohol

log = logging.getLogger(__name__)

licences = LicenceRepository()
returns = ExciseReturnRepository()

LICENCE_EXEMPT_TRADE_TYPES = ("private",)


def duty_rate_for_wine(wine, on_date=None):
    rate = rate_for(wine.excise_band or "STL", on_date or date.today())
    if rate is None:
        raise BusinessRuleError("no excise rate for band %s" % wine.excise_band)
    return rate


def duty_per_bottle(wine, on_date=None):
    rate = duty_rate_for_wine(wine, on_date)
    litres = bottles_to_litres(1, wine.bottle_ml or 750)
    if rate.rate_per_lpa:
        # post Aug 2023 alcohol duty reform: by litre of pure alcohol
        return round_money(litres_of_alcohol(litres, wine.abv) * to_decimal(rate.rate_per_lpa))
    return round_money(litres / Decimal(100) * to_decimal(rate.rate_per_hl))


def record_check(subject_type, subject_id, check, passed, message=None):
    c = ComplianceCheck(subject_type=subject_type, subject_id=subject_id, check=check,
                        passed=passed, message=message, checked_at=datetime.utcnow())
    db.session.add(c)
    return c


def verify_customer_licence(customer):
    """Trade customers must hold a current premises licence before we sell to them."""
    if customer.trade_type in LICENCE_EXEMPT_TRADE_TYPES:
        return True
    lic = licences.current_for_customer(customer.id)
    passed = lic is not None
    record_check("customer", customer.id, "licence_valid", passed,
                 None if passed else "no current premises licence")
    if not passed:
        raise BusinessRuleError("customer %s has no current premises licence" % customer.account_code)
    return True


def add_licence(customer_id, kind, number, valid_from=None, valid_to=None, authority=None, user_id=None):
    lic = Licence(customer_id=customer_id, kind=kind, number=number.strip().upper(),
                  valid_from=valid_from, valid_to=valid_to, issuing_authority=authority)
    db.session.add(lic)
    log_action("add_licence", "customer", customer_id, user_id, {"number": lic.number})
    db.session.commit()
    return lic


@retry(times=2, delay=3)
def awrs_lookup(urn):
    """HMRC Alcohol Wholesaler Registration Scheme check."""
    resp = requests.get("https://api.service.hmrc.gov.uk/organisations/awrs/%s" % urn,
                        headers={"Accept": "application/vnd.hmrc.1.0+json"}, timeout=15)
    if resp.status_code == 404:
        return False
    resp.raise_for_status()
    return resp.json().get("status") == "Approved"


def verify_awrs(customer_id, user_id=None):
    lic = licences.current_for_customer(customer_id, kind="awrs")
    ok = bool(lic) and awrs_lookup(lic.number)
    record_check("customer", customer_id, "awrs_lookup", ok)
    if ok:
        lic.verified_at = datetime.utcnow()
        lic.verified_by = user_id
    db.session.commit()
    return ok


def licences_expiring(days=30):
    today = date.today()
    return licences.expiring_between(today, today + timedelta(days=days))


def check_shipment_documents(shipment):
    """In-bond arrivals need an EMCS ARC; duty paid ones a cleared customs entry."""
    from cellar.repositories.purchase_repo import ShipmentRepository
    entry = ShipmentRepository().customs_entry(shipment.id)
    ok = entry is not None and entry.cleared
    record_check("shipment", shipment.id, "customs_cleared", ok)
    if not ok and shipment.origin_country not in ("GB",):
        raise BusinessRuleError("shipment %s not cleared by customs" % shipment.reference)
    return ok


def build_excise_return(year, month):
    period = period_code(date(year, month, 1))
    ret = returns.for_period(period)
    if ret is not None and ret.submitted_at:
        raise BusinessRuleError("return %s already submitted" % period)
    if ret is None:
        ret = ExciseReturn(period=period)
        db.session.add(ret)
        db.session.flush()
    else:
        ExciseReturnLine.query.filter_by(excise_return_id=ret.id).delete()
    start, end = month_bounds(year, month)
    total_lpa, total_duty = Decimal(0), Decimal(0)
    for row in duty_point_movements(start, end + timedelta(days=1)):
        litres = bottles_to_litres(row["bottles"], row["bottle_ml"])
        lpa = litres_of_alcohol(litres, row["abv"])
        rate = rate_for(row["excise_band"], end)
        duty = round_money(lpa * to_decimal(rate.rate_per_lpa)) if rate.rate_per_lpa else \
            round_money(litres / 100 * to_decimal(rate.rate_per_hl))
        db.session.add(ExciseReturnLine(excise_return_id=ret.id, stock_movement_id=row["movement_id"],
                                        wine_id=row["wine_id"], litres=litres, lpa=lpa,
                                        band=row["excise_band"], duty=duty))
        total_lpa += lpa
        total_duty += duty
    ret.total_lpa = total_lpa
    ret.total_duty = total_duty
    db.session.commit()
    return ret


def submit_excise_return(return_id, user_id=None):
    ret = returns.get(return_id)
    if ret.submitted_at:
        raise BusinessRuleError("already submitted")
    # TODO: MTD alcohol duty API - still filed by hand on the HMRC portal, we just record it
    ret.status = "submitted"
    ret.submitted_at = datetime.utcnow()
    log_action("submit", "excise_return", ret.id, user_id)
    db.session.commit()
    return ret
