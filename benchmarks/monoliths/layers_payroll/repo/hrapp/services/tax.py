from decimal import Decimal

from hrapp.common.money import round_money, to_decimal
from hrapp.config import get_settings
from hrapp.repositories.payroll_repo import PayslipRepository, TaxBracketRepository

SOCIAL_SECURITY_RATE = Decimal("0.0765")
SOCIAL_SECURITY_CAP = Decimal("5600.00")  # monthly


def progressive_tax(annual_income, brackets):
    tax = Decimal(0)
    for bracket in brackets:
        lower = to_decimal(bracket.lower)
        upper = to_decimal(bracket.upper) if bracket.upper is not None else None
        if annual_income <= lower:
            break
        taxed = (min(annual_income, upper) if upper is not None else annual_income) - lower
        tax += taxed * to_decimal(bracket.rate)
    return round_money(tax)


def income_tax_for_period(session, employee, taxable, year):
    """Cumulative method: annualise YTD taxable income and withhold the delta."""
    settings = get_settings()
    brackets = TaxBracketRepository(session).brackets(settings.country, year, employee.tax_code or "STD")
    if not brackets:
        return round_money(taxable * Decimal("0.37"))
    ytd = to_decimal(PayslipRepository(session).ytd_taxable(employee.id, year))
    annual_before = progressive_tax(ytd * 12 / max(1, _months_paid(ytd, taxable)), brackets)
    annual_after = progressive_tax((ytd + taxable) * 12 / max(1, _months_paid(ytd, taxable) + 1), brackets)
    return max(round_money(annual_after - annual_before + annual_after / 12 - annual_before / 12), round_money(0))


def _months_paid(ytd, monthly):
    if not monthly:
        return 0
    return int(ytd / monthly)


def social_security(taxable):
    base = min(to_decimal(taxable), SOCIAL_SECURITY_CAP)
    return round_money(base * SOCIAL_SECURITY_RATE)


def legacy_flat_tax_2019(gross):
    # pre-2020 flat withholding, kept for the audit re-run script that no longer exists
    gross = to_decimal(gross)
    if gross < 1500:
        return round_money(gross * Decimal("0.0"))
    return round_money((gross - 1500) * Decimal("0.42"))
