import datetime

from festival import pricing
from festival.models import PromoCode, TicketType


def make_type(db, **kw):
    defaults = dict(name="Weekend", code="WKND", price_pence=20000, quota=10, sold=0)
    defaults.update(kw)
    tt = TicketType(**defaults)
    db.session.add(tt)
    db.session.commit()
    return tt


def test_quote_includes_fee(app, db):
    tt = make_type(db, booking_fee_pence=1500)
    q = pricing.quote(tt, 2)
    assert q["total_pence"] == 2 * 20000 + 2 * 1500


def test_promo_pct(app, db):
    promo = PromoCode(code="TEN", discount_pct=10)
    assert pricing.apply_promo(10000, promo) == 9000


def test_instalments_sum():
    sched = pricing.instalment_schedule(10001, datetime.date(2021, 1, 1))
    assert sum(s["amount_pence"] for s in sched) == 10001
