import json
import logging
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from shop.models import Product, StockMovement

log = logging.getLogger(__name__)


def adjust_stock(product, qty, reason, reference='', user=None):
    StockMovement.objects.create(product=product, qty=qty, reason=reason, reference=reference, user=user)
    Product.objects.filter(pk=product.pk).update(stock_qty=F('stock_qty') + qty)


def issue_to_workorder(product, qty, wo_ref):
    """Yard takes parts off the shelf. Negative stock allowed (they forget to book goods in)."""
    adjust_stock(product, -Decimal(qty), 'yard', reference=wo_ref)


@transaction.atomic
def receive_purchase_order(po, user=None):
    lines = json.loads(po.lines_json or '[]')
    for line in lines:
        try:
            product = Product.objects.get(sku=line['sku'])
        except Product.DoesNotExist:
            log.warning('PO %s: unknown sku %s', po.pk, line['sku'])
            continue
        adjust_stock(product, Decimal(str(line['qty'])), 'receipt', reference='PO%s' % po.pk, user=user)
        if line.get('cost'):
            product.cost_price = Decimal(str(line['cost']))
            product.save(update_fields=['cost_price'])
    po.received = timezone.localdate()
    po.status = 'received'
    po.save()


def reorder_suggestions():
    out = []
    for p in Product.objects.filter(active=True, stock_qty__lte=F('reorder_level')).order_by('supplier', 'sku'):
        out.append((p, max(p.reorder_level * 2 - p.stock_qty, 1)))
    return out


def stock_value():
    total = Decimal('0')
    for p in Product.objects.filter(active=True, stock_qty__gt=0).only('stock_qty', 'cost_price'):
        total += p.stock_qty * p.cost_price
    return total


def legacy_recount(counts):
    # stock take import from the handheld scanner csv (sku -> qty). Old format.
    for sku, qty in counts.items():
        p = Product.objects.filter(sku=sku).first()
        if p is None:
            continue
        diff = Decimal(qty) - p.stock_qty
        if diff:
            adjust_stock(p, diff, 'adjust', reference='stocktake')
