"""Retail demand forecast for production planning (2021, Tom).

Same-weekday moving average over the last N weeks of till data, adjusted by
a seasonal factor and by waste (if we binned a lot we made too many).
"""
import datetime
from collections import defaultdict

from bakery.helpers.dates import is_bank_holiday
from bakery.models import Product, Sale, SaleLine, Shop, WasteRecord, production_sites

WEEKS_BACK = 6
MIN_QTY = 2


def moving_average(values, weights=None):
    values = list(values)
    if not values:
        return 0.0
    if weights is None:
        return sum(values) / float(len(values))
    weights = list(weights)[: len(values)]
    total_w = float(sum(weights)) or 1.0
    return sum(v * w for v, w in zip(values, weights)) / total_w


def seasonal_factor(day, category=None):
    factor = 1.0
    if day.month == 12 and day.day >= 18:
        factor = 1.35
    elif day.month in (7, 8):
        factor = 0.9
    if is_bank_holiday(day):
        factor *= 0.7
    if category == "cake" and day.weekday() >= 4:
        factor *= 1.15
    return factor


def sales_history(shop_ids, product_ids, day, weeks=WEEKS_BACK):
    """{product_id: [qty same weekday 1 week ago, 2 weeks ago, ...]}"""
    history = defaultdict(lambda: [0] * weeks)
    for w in range(1, weeks + 1):
        d = day - datetime.timedelta(weeks=w)
        start = datetime.datetime.combine(d, datetime.time.min)
        end = datetime.datetime.combine(d, datetime.time.max)
        rows = (SaleLine.select(SaleLine.product, SaleLine.quantity)
                .join(Sale)
                .where((Sale.shop.in_(shop_ids)) & (Sale.sold_at.between(start, end)) &
                       (Sale.voided == False) & (SaleLine.product.in_(product_ids))))  # noqa: E712
        for row in rows:
            history[row.product_id][w - 1] += row.quantity
    return history


def waste_ratio(shop_ids, product_id, day, weeks=WEEKS_BACK):
    start = day - datetime.timedelta(weeks=weeks)
    wasted = sum(r.quantity for r in WasteRecord.select().where(
        (WasteRecord.shop.in_(shop_ids)) & (WasteRecord.product == product_id) &
        (WasteRecord.waste_date.between(start, day))))
    return wasted


def forecast_demand(shop_ids, day):
    products = list(Product.select().where((Product.active == True) & (Product.sold_retail == True)))  # noqa: E712
    if not products:
        return {}
    history = sales_history(shop_ids, [p.id for p in products], day)
    out = {}
    for product in products:
        values = history.get(product.id, [])
        base = moving_average(values, weights=range(len(values), 0, -1))
        qty = base * seasonal_factor(day, product.category)
        wasted = waste_ratio(shop_ids, product.id, day)
        sold = sum(values) or 1
        if wasted and float(wasted) / sold > 0.15:
            qty *= 0.92
        qty = int(round(qty))
        if qty >= MIN_QTY:
            out[product.id] = qty
    return out


def shops_supplied_by(site):
    # Every shop is baked for by the single bakehouse, except Harrogate which
    # has had its own oven since 2022.
    shops = list(Shop.select().where(Shop.active == True))  # noqa: E712
    sites = list(production_sites())
    if len(sites) <= 1:
        return shops
    if site.code == "HGT":
        return [s for s in shops if s.code == "HGT"]
    return [s for s in shops if s.code != "HGT"]


def forecast_for_site(site, day):
    shop_ids = [s.id for s in shops_supplied_by(site)]
    return forecast_demand(shop_ids, day)
