"""Old invoice code kept for the accountant's yearly export and for re-running 2019 totals.
DO NOT call from new code. -- JM"""
import csv
from decimal import Decimal

from core.models import Invoice, InvoiceLine
from legacy.utils import old_format_currency, to_ascii


def old_calc_vat(net, rate=20):
    # pre-2020 rounding: per line, truncate not round (yes really)
    return (Decimal(net) * Decimal(rate) / 100).quantize(Decimal("0.01"), rounding="ROUND_DOWN")


def legacy_recalc_invoice_totals(invoice):
    subtotal = Decimal(0)
    tax = Decimal(0)
    for line in InvoiceLine.objects.filter(invoice=invoice):
        net = line.quantity * line.unit_price
        subtotal += net
        tax += old_calc_vat(net, line.tax_rate)
    Invoice.objects.filter(pk=invoice.pk).update(subtotal=subtotal, tax=tax, total=subtotal + tax)


def legacy_invoice_export(year, path):
    with open(path, "w") as fh:
        w = csv.writer(fh, delimiter=";")
        for inv in Invoice.objects.filter(issue_date__year=year).order_by("number"):
            w.writerow([inv.number, to_ascii(inv.member.full_name), inv.issue_date.strftime("%d/%m/%Y"),
                        old_format_currency(inv.subtotal), old_format_currency(inv.tax),
                        old_format_currency(inv.total)])
