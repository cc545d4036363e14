"""Premium calculation. Everything per 1000 sum insured unless said otherwise."""
import logging
from decimal import Decimal

from insure.config import get_config
from insure.dal.products import ProductRepo, TariffRepo
from insure.errors import BusinessRuleViolation
from insure.util import age_on, percent, round_money, to_decimal

log = logging.getLogger(__name__)

POSTCODE_ZONES = {"1": "A", "2": "A", "3": "B", "4": "C", "5": "C", "6": "B", "7": "C", "8": "D", "9": "D"}


def postcode_zone(postcode):
    if not postcode:
        return "C"
    return POSTCODE_ZONES.get(postcode.strip()[0], "C")


def _band_matches(factor, value):
    if factor.band_value is not None:
        return str(value).upper() == factor.band_value.upper()
    low = factor.band_low if factor.band_low is not None else Decimal("-1e12")
    high = factor.band_high if factor.band_high is not None else Decimal("1e12")
    try:
        return low <= to_decimal(value) < high
    except Exception:
        return False


def factor_multiplier(factors, name, value, coverage_code=None):
    result = Decimal("1")
    for f in factors:
        if f.factor_name != name:
            continue
        if f.coverage_code and f.coverage_code != coverage_code:
            continue
        if _band_matches(f, value):
            result *= to_decimal(f.multiplier)
    return result


def risk_inputs(risk, party=None, start_date=None):
    """Flatten the questionnaire into the factor names used in the tariff tables."""
    inputs = {
        "postcode_zone": postcode_zone(risk.get("postcode")),
        "construction": risk.get("construction", "brick"),
        "claims_last_5y": int(risk.get("claims_last_5y", 0)),
        "vehicle_value": risk.get("vehicle_value"),
        "security": risk.get("alarm", "none"),
    }
    if party is not None and party.birth_date:
        inputs["holder_age"] = age_on(party.birth_date, start_date)
        inputs["driver_age"] = inputs["holder_age"]
    return inputs


def rate_coverages(product, tariff, sum_insured, coverages, inputs):
    """Premium per coverage. ``coverages`` is a list of dicts with code/limit/deductible."""
    factors = TariffRepo().factors(tariff.id)
    lines = []
    for cov in coverages:
        base = to_decimal(sum_insured) / 1000 * to_decimal(tariff.base_rate)
        mult = Decimal("1")
        for name, value in inputs.items():
            if value is None:
                continue
            mult *= factor_multiplier(factors, name, value, cov["code"])
        deductible = to_decimal(cov.get("deductible") or 0)
        if deductible >= 500:
            mult *= Decimal("0.90")
        elif deductible >= 250:
            mult *= Decimal("0.95")
        lines.append({"code": cov["code"], "premium": round_money(base * mult * _coverage_weight(cov["code"]))})
    return lines


def _coverage_weight(code):
    # TODO move into the tariff tables (RATE-112)
    return {"FIRE": Decimal("1.0"), "THEFT": Decimal("0.35"), "WATER": Decimal("0.25"),
            "GLASS": Decimal("0.05"), "LIAB": Decimal("0.20"), "CASCO": Decimal("1.0"),
            "TPL": Decimal("0.60")}.get(code, Decimal("0.10"))


def premium_tax(net):
    return percent(net, get_config().IPT_RATE)


def rate(product_code, sum_insured, coverages, risk, start_date, party=None):
    product = ProductRepo().by_code(product_code)
    if product is None or not product.active:
        raise BusinessRuleViolation("product not sold: %s" % product_code)
    tariff = TariffRepo().live_for(product.id, start_date)
    if tariff is None:
        raise BusinessRuleViolation("no live tariff for %s on %s" % (product_code, start_date))
    lines = rate_coverages(product, tariff, sum_insured, coverages, risk_inputs(risk, party, start_date))
    net = sum((l["premium"] for l in lines), Decimal("0"))
    if net < to_decimal(product.min_premium):
        log.debug("min premium applied for %s", product_code)
        net = to_decimal(product.min_premium)
    tax = premium_tax(net)
    return {"tariff_id": tariff.id, "lines": lines, "net": round_money(net),
            "tax": tax, "gross": round_money(net + tax)}


def rate_change(policy, new_sum_insured, effective_date):
    """Premium delta for an endorsement, pro rata for the rest of the term."""
    old = to_decimal(policy.annual_premium)
    new = old * to_decimal(new_sum_insured) / max(to_decimal(policy_sum_insured(policy)), Decimal("1"))
    days_left = (policy.end_date - effective_date).days
    term = (policy.end_date - policy.start_date).days or 365
    return round_money((new - old) * days_left / term)


def policy_sum_insured(policy):
    return sum((to_decimal(c.limit_amount) for c in policy.coverages if not c.removed), Decimal("0"))
