from decimal import Decimal

from cellar.utils.money import to_decimal


def bottles_to_cases(bottles, per_case=12):
    return divmod(int(bottles), int(per_case))


def bottles_to_litres(bottles, size_ml=750):
    return Decimal(int(bottles) * int(size_ml)) / Decimal(1000)


def litres_of_alcohol(litres, abv):
    # abv given as 13.5 meaning 13.5%
    return (to_decimal(litres) * to_decimal(abv) / Decimal(100)).quantize(Decimal("0.0001"))
