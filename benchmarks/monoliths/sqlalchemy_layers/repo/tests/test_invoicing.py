from decimal import Decimal

from fleetco.models.billing import Invoice, InvoiceStatus
from fleetco.services.invoicing import add_invoice_line


def test_invoice_totals_follow_lines():
    invoice = Invoice(status=InvoiceStatus.DRAFT, lines=[])
    add_invoice_line(invoice, "Transport", Decimal("100"), vat_rate=0.21)
    add_invoice_line(invoice, "Tail lift", Decimal("35"), vat_rate=0.21)
    assert invoice.net_total == Decimal("135.00")
    assert invoice.vat_total == Decimal("28.35")
