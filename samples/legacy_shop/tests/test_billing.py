from shop.core import billing


def test_invoice_number_first_of_year(fake_db):
    fake_db.results = [[]]
    assert billing.next_invoice_number().endswith("-000001")


def test_post_ledger_balances(fake_db, monkeypatch):
    captured = []
    monkeypatch.setattr(billing.db, "execute_many", lambda sql, rows: captured.extend(rows))
    billing.post_ledger(1, "120.00", "sale")
    debit = sum(r[2] for r in captured)
    credit = sum(r[3] for r in captured)
    assert debit == credit
