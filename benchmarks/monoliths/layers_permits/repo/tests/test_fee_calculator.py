import json
from decimal import Decimal
from types import SimpleNamespace

from services.fee_calculator import compute_fee


def _item(**kw):
    base = dict(code="BLD-PERMIT", basis="flat", rate=Decimal("0"), minimum_cents=0, tiers_json=None)
    base.update(kw)
    item = SimpleNamespace(**base)
    item.tiers = lambda: json.loads(item.tiers_json or "[]")
    return item


def _app(valuation=0, sqft=0, expedited=False):
    return SimpleNamespace(valuation=Decimal(valuation), square_feet=sqft, expedited=expedited)


def test_flat_fee():
    assert compute_fee(_item(rate=Decimal("85.00")), _app()) == 8500


def test_valuation_fee_has_minimum():
    item = _item(basis="valuation", rate=Decimal("1.5"), minimum_cents=10000)
    assert compute_fee(item, _app(valuation=1000)) == 10000
    assert compute_fee(item, _app(valuation=100000)) == 150000


def test_tiered_fee():
    tiers = json.dumps([[2000, 6900, 0], [25000, 6900, 14.0], [None, 39100, 10.1]])
    item = _item(basis="tiered", tiers_json=tiers)
    assert compute_fee(item, _app(valuation=12000)) == 6900 + 14000


def test_expedited_review_surcharge():
    item = _item(code="BLD-REV", rate=Decimal("100"))
    assert compute_fee(item, _app(expedited=True)) == 15000
