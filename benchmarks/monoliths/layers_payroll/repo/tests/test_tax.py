from decimal import Decimal
from types import SimpleNamespace

from hrapp.services.tax import progressive_tax, social_security


def test_progressive_tax_two_brackets():
    brackets = [SimpleNamespace(lower=0, upper=10000, rate="0.1"), SimpleNamespace(lower=10000, upper=None, rate="0.5")]
    assert progressive_tax(Decimal(20000), brackets) == Decimal("6000.00")


def test_social_security_is_capped():
    assert social_security(100000) == social_security(5600)
