from datetime import date
from decimal import Decimal

import db
import models


def test_next_number_continues_sequence(monkeypatch):
    year = date.today().year
    monkeypatch.setattr(db, "scalar", lambda sql, params=None: "PP-LDS-%d-00041" % year)
    assert models.InvoiceDAO.next_number("LDS") == "PP-LDS-%d-00042" % year


def test_recalc_sums_lines(monkeypatch):
    lines = [{"line_total": Decimal("60.00"), "vat_rate": Decimal("0.20")},
             {"line_total": Decimal("12.00"), "vat_rate": Decimal("0.20")}]
    writes = []
    monkeypatch.setattr(models.InvoiceDAO, "lines", staticmethod(lambda invoice_id: lines))
    monkeypatch.setattr(db, "execute", lambda sql, params=None, returning=False:
                        writes.append(params))
    assert models.InvoiceDAO.recalc(7) == Decimal("72.00")
    assert writes[0][1] == Decimal("12.00")


def test_contact_channel_prefers_sms():
    owner = {"sms_opt_in": True, "phone": "+447700900123", "email": "a@b.co"}
    assert models.contact_channel(owner) == "sms"
    assert models.contact_channel(dict(owner, sms_opt_in=False)) == "email"
