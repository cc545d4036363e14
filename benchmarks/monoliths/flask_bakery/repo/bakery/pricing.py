"""Price lookups for shops (retail) and wholesale customers."""
import datetime
from decimal import Decimal

from bakery.helpers.decorators import cached
from bakery.helpers.money import to_money
from bakery.models import PriceListEntry, Product, Shop


class PriceNotFound(Exception):
    pass


def retail_price(product, shop, day=None):
    """Shop-specific price from price_list_entries, falling back to products.retail_price."""
    day = day or datetime.date.today()
    entry = (PriceListEntry.select()
             .where((PriceListEntry.shop == shop) & (PriceListEntry.product == product) &
                    (PriceListEntry.valid_from <= day) &
                    ((PriceListEntry.valid_to.is_null()) | (PriceListEntry.valid_to >= day)))
             .order_by(PriceListEntry.valid_from.desc())
             .first())
    if entry is not None:
        return to_money(entry.price)
    if product.retail_price:
        return to_money(product.retail_price)
    raise PriceNotFound("No retail price for %s at %s" % (product.sku, shop.code))


@cached(ttl=300)
def shop_price_list(shop_id, day=None):
    shop = Shop.get_by_id(shop_id)
    out = {}
    for product in Product.select().where((Product.active == True) & (Product.sold_retail == True)):  # noqa: E712
        try:
            out[product.sku] = retail_price(product, shop, day)
        except PriceNotFound:
            continue
    return out


def set_shop_price(shop, product, price, valid_from=None):
    valid_from = valid_from or datetime.date.today()
    (PriceListEntry.update(valid_to=valid_from - datetime.timedelta(days=1))
     .where((PriceListEntry.shop == shop) & (PriceListEntry.product == product) &
            (PriceListEntry.valid_to.is_null()) & (PriceListEntry.valid_from < valid_from))
     .execute())
    entry, created = PriceListEntry.get_or_create(shop=shop, product=product, valid_from=valid_from,
                                                  defaults={"price": to_money(price)})
    if not created:
        entry.price = to_money(price)
        entry.save()
    shop_price_list.cache_clear()
    return entry


def bulk_price_increase(shop, pct, categories=None, valid_from=None):
    """Across-the-board increase, rounded up to the nearest 5p. Returns count."""
    count = 0
    query = Product.select().where((Product.active == True) & (Product.sold_retail == True))  # noqa: E712
    if categories:
        query = query.where(Product.category.in_(categories))
    for product in query:
        try:
            current = retail_price(product, shop)
        except PriceNotFound:
            continue
        new = current * (1 + Decimal(pct) / 100)
        new = (new * 20).to_integral_value(rounding="ROUND_CEILING") / 20
        set_shop_price(shop, product, new, valid_from)
        count += 1
    return count


def wholesale_price(product, customer):
    """Wholesale list price less the customer's line discount (if any).

    NB: invoice-level discount is applied separately in services.invoice_customer,
    this is the per-line "agreed price" (some customers have both, yes really).
    """
    base = Decimal(product.wholesale_price or 0)
    if not base:
        base = Decimal(product.retail_price or 0) * Decimal("0.6")
    if getattr(customer, "discount_pct", None) and customer.account_code and \
            customer.account_code.startswith("GRP"):
        base = base * (1 - Decimal(customer.discount_pct) / 100)
    return to_money(base)
