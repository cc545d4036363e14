from datetime import date
from decimal import Decimal, ROUND_UP

from sqlalchemy import or_

from cellar.extensions import db
from cellar.models.customer import Customer
from cellar.models.orders import CustomerDiscount, PriceListItem, Promotion
from cellar.models.product import Wine
from cellar.repositories.order_repo import PriceListRepository
from cellar.utils.errors import BusinessRuleError
from cellar.utils.money import round_money, to_decimal

price_lists = PriceListRepository()

DEFAULT_LIST_BY_TRADE = {"restaurant": "ONTRADE", "bar": "ONTRADE", "hotel": "ONTRADE",
                         "retailer": "OFFTRADE", "wholesaler": "WHOLESALE", "private": "PRIVATE"}


def price_list_for_customer(customer):
    if customer.price_list_id:
        return price_lists.get(customer.price_list_id)
    code = DEFAULT_LIST_BY_TRADE.get(customer.trade_type, "ONTRADE")
    return price_lists.current(code)


def base_price(wine_id, price_list):
    item = price_lists.item(price_list.id, wine_id)
    if item is not None:
        return to_decimal(item.bottle_price)
    # not on the list: cost plus list markup
    wine = db.session.query(Wine).get(wine_id)
    if not wine.landed_cost:
        raise BusinessRuleError("no price or landed cost for %s" % wine.sku)
    return round_money(to_decimal(wine.landed_cost) * (1 + to_decimal(price_list.markup_pct) / 100))


def customer_discount_pct(customer_id, wine):
    today = date.today()
    discounts = (CustomerDiscount.query
                 .filter(CustomerDiscount.customer_id == customer_id)
                 .filter(or_(CustomerDiscount.valid_to.is_(None), CustomerDiscount.valid_to >= today))
                 .all())
    best = Decimal(0)
    for d in discounts:
        if d.producer_id is None or d.producer_id == wine.producer_id:
            best = max(best, to_decimal(d.discount_pct))
    return best


def active_promotions(wine_id, trade_type=None, on=None):
    on = on or date.today()
    q = (db.session.query(Promotion)
         .filter(Promotion.wine_id == wine_id, Promotion.starts_on <= on, Promotion.ends_on >= on))
    if trade_type:
        q = q.filter(or_(Promotion.trade_type.is_(None), Promotion.trade_type == trade_type))
    return q.all()


def price_line(customer, wine, qty_bottles):
    """Returns (unit_price, discount_pct) for a prospective order line."""
    plist = price_list_for_customer(customer)
    unit = base_price(wine.id, plist)
    discount = customer_discount_pct(customer.id, wine)
    for promo in active_promotions(wine.id, customer.trade_type):
        if promo.discount_pct and to_decimal(promo.discount_pct) > discount:
            discount = to_decimal(promo.discount_pct)
    return unit, discount


def build_price_list_from_costs(price_list_id, round_to_pence=True):
    plist = price_lists.get(price_list_id)
    if plist.published:
        raise BusinessRuleError("cannot rebuild a published list, copy it first")
    markup = 1 + to_decimal(plist.markup_pct) / 100
    count = 0
    for wine in Wine.query.filter(Wine.is_active.is_(True), Wine.landed_cost.isnot(None)):
        price = to_decimal(wine.landed_cost) * markup
        price = legacy_round_price(price) if round_to_pence else round_money(price)
        item = price_lists.item(plist.id, wine.id)
        if item is None:
            item = PriceListItem(price_list_id=plist.id, wine_id=wine.id)
            db.session.add(item)
        item.bottle_price = price
        item.case_price = round_money(price * wine.bottles_per_case * Decimal("0.95"))
        count += 1
    db.session.commit()
    return count


def publish_price_list(price_list_id, notify=True):
    from cellar.tasks.exports import export_price_list_pdf
    plist = price_lists.get(price_list_id)
    plist.published = True
    db.session.commit()
    if notify:
        recipients = [c.email for c in Customer.query.filter_by(price_list_id=plist.id, status="active")
                      if c.email]
        export_price_list_pdf.delay(plist.id, recipients)
    return plist


def legacy_round_price(price):
    # marketing want prices ending .49 / .99 - Dave's rule from the old spreadsheet
    p = to_decimal(price).quantize(Decimal("0.01"), rounding=ROUND_UP)
    whole = int(p)
    frac = p - whole
    if frac <= Decimal("0.49"):
        return Decimal(whole) + Decimal("0.49")
    return Decimal(whole) + Decimal("0.99")
