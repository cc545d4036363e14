"""Old spreadsheet-era payroll helpers. Nothing imports this any more (see PAY-212)."""
from decimal import Decimal

from hrapp.common.money import round_money


def legacy_net_pay(gross, tax_rate=Decimal("0.35"), pension=Decimal("0.055")):
    gross = Decimal(gross)
    return round_money(gross - gross * tax_rate - gross * pension)


def legacy_holiday_allowance(annual_salary):
    # 8% vakantiegeld, paid in May
    return round_money(Decimal(annual_salary) * Decimal("0.08"))
