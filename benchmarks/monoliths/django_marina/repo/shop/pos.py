"""Till logic for the chandlery (and fuel when paid at the till)."""
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from shop.models import Product, Sale, SaleLine
from shop.stock import adjust_stock
from utils.money import round_money

MEMBER_DISCOUNT = Decimal('0.10')


class SaleError(Exception):
    pass


def open_sale(user, till='T1', owner=None):
    return Sale.objects.create(cashier=user, till=till, owner=owner)


def scan_product(code):
    p = Product.objects.filter(barcode=code, active=True).first()
    if p is None:
        p = Product.objects.filter(sku__iexact=code, active=True).first()
    return p


def add_to_sale(sale, product, qty=1, price=None):
    if sale.completed:
        raise SaleError('sale already completed')
    line = SaleLine.objects.create(sale=sale, product=product, qty=qty,
                                   unit_price=price if price is not None else product.sell_price)
    sale.total = round_money(sum(l.qty * l.unit_price for l in sale.lines.all()))
    sale.save(update_fields=['total'])
    return line


def apply_member_discount(sale):
    if sale.owner and sale.owner.is_member:
        sale.discount = round_money(sale.total * MEMBER_DISCOUNT)
        sale.save(update_fields=['discount'])
    return sale.discount


def charge_to_account(sale):
    """Put the sale on the berth holder's account -> invoice."""
    from main.billing import add_line, create_invoice, issue_invoice
    if not sale.owner:
        raise SaleError('no account selected')
    if sale.owner.on_stop:
        raise SaleError('account on stop')
    inv = create_invoice(sale.owner, source='shop')
    for line in sale.lines.select_related('product'):
        add_line(inv, line.product.name, line.unit_price, quantity=line.qty, vat_rate=line.product.vat_rate, nominal='4000')
    if sale.discount:
        add_line(inv, 'Member discount', -sale.discount, nominal='4000')
    issue_invoice(inv, send=False)
    sale.invoice = inv
    return inv


@transaction.atomic
def finish_sale(sale, payment_method):
    if sale.completed:
        raise SaleError('already completed')
    apply_member_discount(sale)
    if payment_method == 'account':
        charge_to_account(sale)
    for line in sale.lines.select_related('product'):
        adjust_stock(line.product, -line.qty, 'sale', reference='S%s' % sale.pk, user=sale.cashier)
    sale.payment_method = payment_method
    sale.completed = timezone.now()
    sale.save()
    return sale


def void_sale(sale, user):
    if sale.completed:
        for line in sale.lines.all():
            adjust_stock(line.product, line.qty, 'return', reference='VOID S%s' % sale.pk, user=user)
    sale.voided = True
    sale.save(update_fields=['voided'])
