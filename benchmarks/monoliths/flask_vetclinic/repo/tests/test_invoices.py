from decimal import Decimal

import pytest

import sqlstore as S


@pytest.fixture
def visit(client_and_pet, fresh_db):
    return fresh_db.insert("INSERT INTO visits (pet_id, vet_id) VALUES (?, ?)",
                           (client_and_pet["pet_id"], client_and_pet["vet_id"]))


def test_draft_invoice_is_reused(visit):
    a = S.InvoiceStore.draft_for_visit(visit)
    b = S.InvoiceStore.draft_for_visit(visit)
    assert a == b


def test_lines_recalculate_totals(visit):
    inv = S.InvoiceStore.draft_for_visit(visit)
    S.InvoiceStore.add_line(inv, "Consultation", "42.50", fee_code="CONSULT-STD")
    S.InvoiceStore.add_line(inv, "Metacam 10ml", "12.00", qty=2, discount=10)
    row = S.InvoiceStore.get(inv)
    assert Decimal(str(row["net_total"])) == Decimal("64.10")
    assert Decimal(str(row["gross_total"])) == Decimal("76.92")


def test_issue_numbers_invoice_once(visit):
    inv = S.InvoiceStore.draft_for_visit(visit)
    S.InvoiceStore.add_line(inv, "Consultation", "42.50")
    first = S.InvoiceStore.issue(inv)
    assert first.startswith("PC")
    assert S.InvoiceStore.issue(inv) == first


def test_payment_marks_paid(visit):
    inv = S.InvoiceStore.draft_for_visit(visit)
    S.InvoiceStore.add_line(inv, "Consultation", "10.00")
    S.InvoiceStore.issue(inv)
    S.record_payment(inv, "12.00", "card")
    assert S.InvoiceStore.get(inv)["status"] == "paid"


def test_void_refuses_paid_invoice(visit):
    inv = S.InvoiceStore.draft_for_visit(visit)
    S.InvoiceStore.add_line(inv, "Consultation", "10.00")
    S.InvoiceStore.issue(inv)
    S.record_payment(inv, "5.00", "cash")
    with pytest.raises(ValueError):
        S.InvoiceStore.void(inv)


def test_claim_takes_off_excess(visit, client_and_pet, fresh_db):
    inv = S.InvoiceStore.draft_for_visit(visit)
    S.InvoiceStore.add_line(inv, "Surgery", "500.00", vat_rate=0)
    pol = fresh_db.insert("INSERT INTO insurance_policies (pet_id, insurer, policy_no, excess) VALUES (?, 'Acme', 'P1', 99)",
                          (client_and_pet["pet_id"],))
    claim = S.ClaimStore.create(pol, inv)
    amt = fresh_db.scalar("SELECT claimed_amount FROM insurance_claims WHERE id = ?", (claim,))
    assert Decimal(str(amt)) == Decimal("401.00")
