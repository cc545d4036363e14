from django.db import transaction
from django.db.models import F

from common.utils import money
from legacy.models import Product, Sale, SaleLine, StockLevel, StockMovement


class TillError(Exception):
    pass


def adjust_stock(product, club, delta, reason, by=None, note=""):
    level, _ = StockLevel.objects.get_or_create(product=product, club=club)
    StockLevel.objects.filter(pk=level.pk).update(qty=F("qty") + delta)
    StockMovement.objects.create(product=product, club=club, delta=delta, reason=reason,
                                 by=by, note=note)


@transaction.atomic
def ring_up(club, staff, items, member=None, paid_by="card"):
    """items: [(sku_or_barcode, qty)]"""
    if paid_by == "account" and member is None:
        raise TillError("Pick a member to charge to their account")
    sale = Sale.objects.create(club=club, staff=staff, member=member, paid_by=paid_by)
    total = 0
    for code, qty in items:
        product = (Product.objects.filter(sku=code).first()
                   or Product.objects.filter(barcode=code).first())
        if product is None or not product.active:
            raise TillError("Unknown product %s" % code)
        SaleLine.objects.create(sale=sale, product=product, qty=qty, unit_price=product.price)
        total += product.price * qty
    sale.total = money(total)
    if paid_by == "account":
        from core.helpers import raise_invoice
        sale.invoice = raise_invoice(member, [("retail", "%s x%d" % (l.product.name, l.qty),
                                               l.qty, l.unit_price) for l in sale.lines.all()])
    sale.save()
    return sale


def void_sale(sale, by=None):
    if sale.voided:
        return sale
    for line in sale.lines.all():
        adjust_stock(line.product, sale.club, line.qty, "sale", by, "void %s" % sale.pk)
    sale.voided = True
    sale.save(update_fields=["voided"])
    if sale.invoice_id and sale.invoice.status == "open":
        sale.invoice.status = "void"
        sale.invoice.save()
    return sale


def low_stock(club):
    return (StockLevel.objects.filter(club=club, qty__lte=F("reorder_at"),
                                      product__active=True).select_related("product"))
