"""Business logic.

Originally "everything the views shouldn't do". Now ~everything.
If you add something please put it near related stuff (there are rough
sections). -- DM 2019

TODO(2021, priya): split this file. Loyalty already moved out.
"""
import datetime
import logging
import math
from collections import defaultdict
from decimal import Decimal

from flask import current_app
from peewee import JOIN, fn

from bakery.db import db
from bakery.helpers.dates import hours_between, next_delivery_day, week_bounds
from bakery.helpers.decorators import transactional
from bakery.helpers.money import apply_vat, to_money, vat_portion
from bakery.models import (BakeBatch, DeliveryDrop, DeliveryRun, Employee,
                           Ingredient, LeaveRequest, Markdown, Product,
                           ProductionPlan, ProductionPlanItem, PurchaseOrder,
                           PurchaseOrderLine, Recipe, RecipeLine, Sale,
                           SaleLine, Shift, Shop, StandingOrder, StockLevel,
                           StockMovement, SupplierPrice, SurplusDonation,
                           TemperatureLog, TillSession, TimesheetEntry,
                           WasteRecord, WholesaleCustomer, WholesaleInvoice,
                           WholesaleOrder, WholesaleOrderLine, current_recipe,
                           stock_on_hand)
from bakery.pricing import retail_price, wholesale_price

log = logging.getLogger(__name__)


class ServiceError(Exception):
    """Raised for business rule violations; views flash the message."""


# ==========================================================================
# Recipes / costing
# ==========================================================================

def scale_recipe(recipe, quantity):
    """Ingredient quantities needed to make `quantity` units of the product."""
    factor = float(quantity) / float(recipe.yield_qty or 1)
    needs = {}
    for line in recipe.lines:
        needs[line.ingredient_id] = needs.get(line.ingredient_id, 0.0) + line.quantity * factor
    return needs


def latest_unit_cost(ingredient):
    price = (SupplierPrice.select()
             .where(SupplierPrice.ingredient == ingredient)
             .order_by(SupplierPrice.valid_from.desc())
             .first())
    if price is not None:
        return price.unit_cost
    return Decimal(ingredient.cost_per_unit or 0)


def recipe_cost(recipe, per_unit=True):
    total = Decimal("0")
    for line in recipe.lines.join(Ingredient):
        total += latest_unit_cost(line.ingredient) * Decimal(str(line.quantity))
    if per_unit and recipe.yield_qty:
        total = total / recipe.yield_qty
    return total.quantize(Decimal("0.0001"))


def product_margin(product, price=None):
    recipe = current_recipe(product)
    if recipe is None:
        return None
    cost = recipe_cost(recipe)
    price = price if price is not None else product.retail_price
    if not price:
        return None
    return float((Decimal(price) - cost) / Decimal(price) * 100)


@transactional
def new_recipe_version(recipe, lines, approved_by=None):
    """Copy-on-write a recipe. `lines` = [(ingredient_id, qty, stage), ...]."""
    Recipe.update(is_current=False).where(Recipe.product == recipe.product).execute()
    new = Recipe.create(product=recipe.product, version=recipe.version + 1,
                        yield_qty=recipe.yield_qty, method=recipe.method,
                        prep_minutes=recipe.prep_minutes, bake_minutes=recipe.bake_minutes,
                        oven_temp_c=recipe.oven_temp_c, is_current=True,
                        approved_by=approved_by)
    for ingredient_id, qty, stage in lines:
        RecipeLine.create(recipe=new, ingredient=ingredient_id, quantity=qty, stage=stage)
    return new


# ==========================================================================
# Stock
# ==========================================================================

def adjust_stock(ingredient_id, location_id, change, reason, reference=None):
    level, _ = StockLevel.get_or_create(ingredient=ingredient_id, location_id=location_id,
                                        defaults={"quantity": 0})
    (StockLevel.update(quantity=StockLevel.quantity + change)
     .where(StockLevel.id == level.id)
     .execute())
    StockMovement.create(ingredient=ingredient_id, location_id=location_id, change=change,
                         reason=reason, reference=reference)


def consume_ingredients(needs, location_id, reference):
    """needs: {ingredient_id: qty}. Goes negative rather than failing a bake."""
    with db.atomic():
        for ingredient_id, qty in needs.items():
            adjust_stock(ingredient_id, location_id, -qty, "bake", reference)


def record_stock_count(location_id, counts, counted_by=None):
    """counts: {ingredient_id: counted qty}. Writes a 'count' movement for the diff."""
    now = datetime.datetime.utcnow()
    diffs = {}
    with db.atomic():
        for ingredient_id, counted in counts.items():
            on_hand = stock_on_hand(ingredient_id, location_id)
            diff = float(counted) - float(on_hand)
            if abs(diff) > 0.0001:
                adjust_stock(ingredient_id, location_id, diff, "count", counted_by)
                diffs[ingredient_id] = diff
            (StockLevel.update(last_counted_at=now)
             .where((StockLevel.ingredient == ingredient_id) & (StockLevel.location_id == location_id))
             .execute())
    return diffs


def next_po_reference():
    last = PurchaseOrder.select(fn.MAX(PurchaseOrder.id)).scalar() or 0
    return "PO%06d" % (last + 1)


@transactional
def raise_purchase_order(supplier, location_id, items, raised_by=None):
    """items: [(ingredient, packs)] - uses the supplier's latest price."""
    po = PurchaseOrder.create(supplier=supplier, reference=next_po_reference(),
                              location_id=location_id, raised_by=raised_by,
                              expected_date=datetime.date.today() +
                              datetime.timedelta(days=supplier.lead_time_days or 2))
    total = Decimal("0")
    for ingredient, packs in items:
        price = (SupplierPrice.select()
                 .where((SupplierPrice.supplier == supplier) & (SupplierPrice.ingredient == ingredient))
                 .order_by(SupplierPrice.valid_from.desc()).first())
        if price is None:
            raise ServiceError("%s has no price for %s" % (supplier.name, ingredient.name))
        PurchaseOrderLine.create(order=po, ingredient=ingredient, packs=packs,
                                 pack_size=price.pack_size, pack_price=price.pack_price)
        total += price.pack_price * packs
    po.total = to_money(total)
    po.save()
    return po


def receive_purchase_order(po, received, received_by=None):
    """received: {line_id: packs received}"""
    if po.status in ("received", "cancelled"):
        raise ServiceError("PO %s is already %s" % (po.reference, po.status))
    with db.atomic():
        complete = True
        for line in po.lines:
            packs = int(received.get(line.id, 0))
            if packs:
                line.received_packs += packs
                line.save()
                adjust_stock(line.ingredient_id, po.location_id, packs * line.pack_size,
                             "receipt", po.reference)
            if line.received_packs < line.packs:
                complete = False
        po.status = "received" if complete else "part_received"
        po.save()
    return po


def suggest_reorders(location_id):
    """Group low-stock ingredients by preferred supplier -> {supplier: [(ing, packs)]}"""
    out = defaultdict(list)
    query = (Ingredient.select(Ingredient, StockLevel)
             .join(StockLevel, JOIN.LEFT_OUTER,
                   on=((StockLevel.ingredient == Ingredient.id) & (StockLevel.location_id == location_id)))
             .where(Ingredient.active == True))  # noqa: E712
    for ing in query:
        on_hand = ing.stocklevel.quantity if hasattr(ing, "stocklevel") and ing.stocklevel.id else 0
        if on_hand > ing.reorder_level or ing.preferred_supplier is None:
            continue
        price = (SupplierPrice.select()
                 .where((SupplierPrice.supplier == ing.preferred_supplier) &
                        (SupplierPrice.ingredient == ing))
                 .order_by(SupplierPrice.valid_from.desc()).first())
        if price is None:
            continue
        packs = max(int(math.ceil((ing.reorder_qty or price.pack_size) / price.pack_size)), 1)
        out[ing.preferred_supplier].append((ing, packs))
    return out


# ==========================================================================
# Production planning
# ==========================================================================

def wholesale_demand(plan_date):
    """{product_id: qty} of confirmed wholesale orders for a date."""
    rows = (WholesaleOrderLine.select(WholesaleOrderLine.product, fn.SUM(WholesaleOrderLine.quantity).alias("qty"))
            .join(WholesaleOrder)
            .where((WholesaleOrder.delivery_date == plan_date) &
                   (WholesaleOrder.status.in_(["pending", "confirmed"])))
            .group_by(WholesaleOrderLine.product))
    return {r.product_id: int(r.qty) for r in rows}


def retail_demand(site, plan_date):
    from bakery.forecasting import forecast_for_site
    return forecast_for_site(site, plan_date)


@transactional
def build_production_plan(site, plan_date, extra=None):
    """(Re)build a draft production plan from wholesale orders + retail forecast."""
    plan, created = ProductionPlan.get_or_create(site=site, plan_date=plan_date)
    if plan.status != "draft":
        raise ServiceError("Plan for %s is %s, unlock it first" % (plan_date, plan.status))
    ProductionPlanItem.delete().where(ProductionPlanItem.plan == plan).execute()
    ws = wholesale_demand(plan_date)
    rt = retail_demand(site, plan_date)
    extra = extra or {}
    for product_id in set(ws) | set(rt) | set(extra):
        ProductionPlanItem.create(plan=plan, product=product_id,
                                  qty_retail=rt.get(product_id, 0),
                                  qty_wholesale=ws.get(product_id, 0),
                                  qty_extra=extra.get(product_id, 0))
    return plan


def lock_plan(plan):
    plan.status = "locked"
    plan.save()
    return plan


def ingredients_needed_for_plan(plan):
    totals = defaultdict(float)
    missing = []
    for item in plan.items:
        recipe = current_recipe(item.product)
        if recipe is None:
            missing.append(item.product.name)
            continue
        for ingredient_id, qty in scale_recipe(recipe, item.total_qty).items():
            totals[ingredient_id] += qty
    return dict(totals), missing


def plan_shortfalls(plan):
    needs, _ = ingredients_needed_for_plan(plan)
    short = []
    for ingredient_id, qty in needs.items():
        have = stock_on_hand(ingredient_id, plan.site_id)
        if have < qty:
            short.append((Ingredient.get_by_id(ingredient_id), qty, have))
    return short


def start_batch(product, quantity, baker=None, plan_item=None, site=None):
    today = datetime.date.today()
    seq = (BakeBatch.select(fn.COALESCE(fn.MAX(BakeBatch.sequence), 0))
           .where((BakeBatch.bake_date == today) & (BakeBatch.product == product))
           .scalar()) + 1
    return BakeBatch.create(product=product, quantity=quantity, plan_item=plan_item,
                            recipe=current_recipe(product), bake_date=today, sequence=seq,
                            baker_id=baker.id if baker else None,
                            production_site=site.code if site else None,
                            started_at=datetime.datetime.utcnow())


def complete_batch(batch, core_temp_c=None, location_id=None):
    batch.finished_at = datetime.datetime.utcnow()
    batch.core_temp_c = core_temp_c
    batch.save()
    if batch.recipe_id:
        location_id = location_id or (batch.plan_item.plan.site_id if batch.plan_item else None)
        if location_id:
            consume_ingredients(scale_recipe(batch.recipe, batch.quantity), location_id,
                                "batch:%s" % batch.id)
    if core_temp_c is not None and batch.product.category == "savoury" and core_temp_c < 75:
        # old-style log; haccp.checks should really own this
        TemperatureLog.create(shop=batch.plan_item.plan.site if batch.plan_item else Shop.get_by_id(1),
                              unit_name="core probe %s" % batch.product.sku,
                              reading_c=core_temp_c, corrective_action="re-bake")
    return batch


# ==========================================================================
# Tills & shop sales
# ==========================================================================

def open_till_session(till, employee, float_amount):
    existing = TillSession.get_or_none((TillSession.till == till) & (TillSession.closed_at.is_null()))
    if existing:
        raise ServiceError("Till %s already has an open session" % till.label)
    return TillSession.create(till=till, opened_by_id=employee.id, float_amount=to_money(float_amount))


def expected_cash_for(session):
    cash = (Sale.select(fn.COALESCE(fn.SUM(Sale.total), 0))
            .where((Sale.session == session) & (Sale.payment_method == "cash") & (Sale.voided == False))  # noqa: E712
            .scalar())
    return to_money(Decimal(session.float_amount) + Decimal(cash))


def close_till_session(session, counted_cash, notes=None):
    session.counted_cash = to_money(counted_cash)
    session.expected_cash = expected_cash_for(session)
    session.closed_at = datetime.datetime.utcnow()
    session.notes = notes
    session.save()
    variance = session.variance
    if variance is not None and abs(variance) > Decimal("5.00"):
        log.warning("till variance %s on session %s", variance, session.id)
    return session


@transactional
def record_sale(session, lines, payment_method="card", card_number=None, discount=Decimal("0")):
    """lines: [(product, qty, markdown_bool)] - prices from the shop price list."""
    shop = session.till.shop
    sale = Sale.create(session=session, shop=shop, payment_method=payment_method,
                       loyalty_card_number=card_number or None)
    gross = Decimal("0")
    vat = Decimal("0")
    for product, qty, markdown in lines:
        price = retail_price(product, shop)
        if markdown:
            md = (Markdown.select().where((Markdown.shop == shop) & (Markdown.product == product) &
                                          (Markdown.markdown_date == datetime.date.today()))
                  .first())
            if md:
                price = to_money(price * (100 - md.pct_off) / 100)
                Markdown.update(sold_qty=Markdown.sold_qty + qty).where(Markdown.id == md.id).execute()
        line_total = to_money(price * qty)
        SaleLine.create(sale=sale, product=product, quantity=qty, unit_price=price,
                        line_total=line_total, markdown=bool(markdown))
        gross += line_total
        vat += vat_portion(line_total, product.vat_rate)
    sale.discount = to_money(discount)
    sale.total = to_money(gross - sale.discount)
    sale.vat = to_money(vat)
    sale.save()
    if card_number:
        # loyalty lives in its own package now
        from bakery.loyalty.points import award_points
        try:
            award_points(card_number, sale.id, sale.total)
        except Exception:  # never block a sale on loyalty
            log.exception("loyalty award failed for sale %s", sale.id)
    return sale


def void_sale(sale, reason=None):
    if sale.voided:
        return sale
    sale.voided = True
    sale.save()
    if sale.loyalty_card_number:
        from bakery.loyalty.points import reverse_points_for_sale
        reverse_points_for_sale(sale.id)
    log.info("sale %s voided: %s", sale.id, reason)
    return sale


def daily_takings(shop, day):
    start = datetime.datetime.combine(day, datetime.time.min)
    end = datetime.datetime.combine(day, datetime.time.max)
    q = (Sale.select(Sale.payment_method, fn.SUM(Sale.total).alias("total"), fn.COUNT(Sale.id).alias("n"))
         .where((Sale.shop == shop) & (Sale.sold_at.between(start, end)) & (Sale.voided == False))  # noqa: E712
         .group_by(Sale.payment_method))
    out = {"card": Decimal("0"), "cash": Decimal("0"), "voucher": Decimal("0"), "transactions": 0}
    for row in q:
        out[row.payment_method] = to_money(row.total)
        out["transactions"] += row.n
    out["total"] = out["card"] + out["cash"] + out["voucher"]
    return out


# ==========================================================================
# Wholesale orders
# ==========================================================================

def customer_balance(customer):
    return to_money(WholesaleInvoice.select(fn.COALESCE(fn.SUM(WholesaleInvoice.gross), 0))
                    .where((WholesaleInvoice.customer == customer) & (WholesaleInvoice.paid == False))  # noqa: E712
                    .scalar())


def check_credit(customer, extra=Decimal("0")):
    if customer.on_stop:
        raise ServiceError("%s is on stop - talk to accounts" % customer.name)
    if customer.credit_limit and customer_balance(customer) + extra > customer.credit_limit:
        raise ServiceError("%s would go over credit limit" % customer.name)


@transactional
def create_wholesale_order(customer, delivery_date, lines, source="manual", notes=None):
    """lines: [(product, qty)]"""
    cutoff = current_app.config.get("WHOLESALE_CUTOFF_HOUR", 14)
    now = datetime.datetime.now()
    if source != "standing" and delivery_date <= now.date() + datetime.timedelta(days=1) \
            and now.hour >= cutoff and delivery_date != now.date() + datetime.timedelta(days=2):
        if delivery_date <= now.date() + datetime.timedelta(days=1):
            raise ServiceError("Too late for %s delivery (cut-off %s:00)" % (delivery_date, cutoff))
    order = WholesaleOrder.create(customer=customer, delivery_date=delivery_date,
                                  source=source, notes=notes)
    total = Decimal("0")
    for product, qty in lines:
        if qty <= 0:
            continue
        price = wholesale_price(product, customer)
        WholesaleOrderLine.create(order=order, product=product, quantity=qty, unit_price=price)
        total += price * qty
    order.total = to_money(total)
    check_credit(customer, order.total)
    order.save()
    return order


def generate_orders_from_standing(delivery_date):
    """Create orders from standing orders for a date. Skips customers who
    already have an order that day (they rang in changes)."""
    created = []
    weekday = delivery_date.weekday()
    by_customer = defaultdict(list)
    for so in (StandingOrder.select().join(WholesaleCustomer)
               .where((StandingOrder.weekday == weekday) & (StandingOrder.active == True) &  # noqa: E712
                      (WholesaleCustomer.on_stop == False))):  # noqa: E712
        if so.paused_until and so.paused_until >= delivery_date:
            continue
        by_customer[so.customer].append((so.product, so.quantity))
    for customer, lines in by_customer.items():
        exists = (WholesaleOrder.select()
                  .where((WholesaleOrder.customer == customer) &
                         (WholesaleOrder.delivery_date == delivery_date) &
                         (WholesaleOrder.status != "cancelled"))
                  .exists())
        if exists:
            continue
        if next_delivery_day(customer, delivery_date - datetime.timedelta(days=1)) != delivery_date:
            continue
        try:
            created.append(create_wholesale_order(customer, delivery_date, lines, source="standing"))
        except ServiceError as exc:
            log.warning("standing order for %s skipped: %s", customer.name, exc)
    return created


def confirm_order(order):
    if order.status != "pending":
        raise ServiceError("Order is %s" % order.status)
    order.status = "confirmed"
    order.save()
    return order


def cancel_order(order, reason=None):
    if order.status in ("delivered",):
        raise ServiceError("Can't cancel a delivered order, raise a credit note")
    order.status = "cancelled"
    order.notes = ((order.notes or "") + "\nCancelled: %s" % (reason or "")).strip()
    order.save()
    DeliveryDrop.delete().where(DeliveryDrop.order == order).execute()
    return order


def mark_delivered(drop, signed_by=None, quantities=None, problem=None):
    drop.delivered_at = datetime.datetime.utcnow()
    drop.signed_by = signed_by
    drop.problem = problem
    drop.save()
    order = drop.order
    for line in order.lines:
        line.delivered_qty = (quantities or {}).get(line.id, line.quantity)
        line.save()
    order.status = "delivered"
    order.save()
    return order


def next_invoice_number():
    year = datetime.date.today().year
    n = (WholesaleInvoice.select().where(WholesaleInvoice.number.startswith("INV%s" % year)).count())
    return "INV%s-%05d" % (year, n + 1)


@transactional
def invoice_customer(customer, orders):
    """One invoice for several delivered orders (weekly invoicing customers)."""
    net = Decimal("0")
    vat = Decimal("0")
    for order in orders:
        for line in order.lines:
            qty = line.delivered_qty if line.delivered_qty is not None else line.quantity
            amount = to_money(line.unit_price * qty)
            net += amount
            vat += apply_vat(amount, line.product.vat_rate) - amount
    discount = to_money(net * Decimal(customer.discount_pct or 0) / 100)
    net -= discount
    invoice = WholesaleInvoice.create(
        customer=customer, number=next_invoice_number(),
        due_date=datetime.date.today() + datetime.timedelta(days=customer.payment_terms_days),
        net=to_money(net), vat=to_money(vat), gross=to_money(net + vat))
    (WholesaleOrder.update(invoice_id=invoice.id)
     .where(WholesaleOrder.id.in_([o.id for o in orders])).execute())
    return invoice


def uninvoiced_orders(customer=None):
    q = WholesaleOrder.select().where((WholesaleOrder.status == "delivered") &
                                      (WholesaleOrder.invoice_id.is_null()))
    if customer is not None:
        q = q.where(WholesaleOrder.customer == customer)
    return q.order_by(WholesaleOrder.delivery_date)


# ==========================================================================
# Staff / rota
# ==========================================================================

def clock_in(employee, when=None):
    when = when or datetime.datetime.utcnow()
    open_entry = TimesheetEntry.get_or_none((TimesheetEntry.employee == employee) &
                                            (TimesheetEntry.clock_out.is_null()))
    if open_entry:
        raise ServiceError("%s is already clocked in" % employee.full_name)
    shift = Shift.get_or_none((Shift.employee == employee) & (Shift.shift_date == when.date()))
    return TimesheetEntry.create(employee=employee, shift=shift, clock_in=when)


def clock_out(employee, when=None, break_minutes=0):
    when = when or datetime.datetime.utcnow()
    entry = TimesheetEntry.get_or_none((TimesheetEntry.employee == employee) &
                                       (TimesheetEntry.clock_out.is_null()))
    if entry is None:
        raise ServiceError("%s is not clocked in" % employee.full_name)
    entry.clock_out = when
    entry.break_minutes = break_minutes
    entry.save()
    return entry


def hours_for_week(employee, day=None):
    start, end = week_bounds(day)
    total = 0.0
    for entry in (TimesheetEntry.select()
                  .where((TimesheetEntry.employee == employee) &
                         (TimesheetEntry.clock_in >= start) &
                         (TimesheetEntry.clock_in < end + datetime.timedelta(days=1)) &
                         (TimesheetEntry.clock_out.is_null(False)))):
        total += hours_between(entry.clock_in, entry.clock_out) - entry.break_minutes / 60.0
    return round(total, 2)


def is_on_leave(employee, day):
    return (LeaveRequest.select()
            .where((LeaveRequest.employee == employee) & (LeaveRequest.status == "approved") &
                   (LeaveRequest.start_date <= day) & (LeaveRequest.end_date >= day))
            .exists())


def add_shift(employee, shop, shift_date, start_time, end_time, role="counter"):
    if is_on_leave(employee, shift_date):
        raise ServiceError("%s is on leave on %s" % (employee.full_name, shift_date))
    clash = (Shift.select().where((Shift.employee == employee) & (Shift.shift_date == shift_date) &
                                  (Shift.start_time < end_time) & (Shift.end_time > start_time)).exists())
    if clash:
        raise ServiceError("Shift clashes with another shift")
    return Shift.create(employee=employee, shop=shop, shift_date=shift_date,
                        start_time=start_time, end_time=end_time, role=role)


def publish_rota(shop, week_of):
    start, end = week_bounds(week_of)
    n = (Shift.update(published=True)
         .where((Shift.shop == shop) & (Shift.shift_date.between(start, end)))
         .execute())
    from bakery.helpers.mailer import send_sms
    for emp in (Employee.select().join(Shift)
                .where((Shift.shop == shop) & (Shift.shift_date.between(start, end))).distinct()):
        if emp.mobile:
            send_sms(emp.mobile, "Your rota for w/c %s at %s is out" % (start.strftime("%d %b"), shop.name))
    return n


def decide_leave(request_obj, approve, decided_by):
    request_obj.status = "approved" if approve else "declined"
    request_obj.decided_by = decided_by
    request_obj.save()
    if approve:
        # drop any unpublished shifts in the leave period
        (Shift.delete()
         .where((Shift.employee == request_obj.employee) & (Shift.published == False) &  # noqa: E712
                (Shift.shift_date.between(request_obj.start_date, request_obj.end_date)))
         .execute())
    return request_obj


def labour_cost(shop, start, end):
    total = Decimal("0")
    q = (TimesheetEntry.select(TimesheetEntry, Employee)
         .join(Employee)
         .switch(TimesheetEntry).join(Shift, JOIN.LEFT_OUTER)
         .where((TimesheetEntry.clock_in.between(start, end)) &
                ((Shift.shop == shop) | (Shift.id.is_null() & (Employee.home_shop == shop)))))
    for entry in q:
        if not entry.clock_out:
            continue
        hrs = hours_between(entry.clock_in, entry.clock_out) - entry.break_minutes / 60.0
        total += Decimal(str(hrs)) * entry.employee.hourly_rate
    return to_money(total)


# ==========================================================================
# Waste
# ==========================================================================

def record_waste(shop, product, quantity, reason="unsold", recorded_by=None, day=None):
    recipe = current_recipe(product)
    unit_cost = recipe_cost(recipe) if recipe else Decimal("0")
    return WasteRecord.create(shop=shop, product=product, quantity=quantity, reason=reason,
                              cost_value=to_money(unit_cost * quantity), recorded_by=recorded_by,
                              waste_date=day or datetime.date.today())


def plan_markdowns(shop, day=None, threshold=6):
    """Suggest markdowns for short-life products with lots left at 3pm."""
    day = day or datetime.date.today()
    made = defaultdict(int)
    for item in (ProductionPlanItem.select().join(ProductionPlan)
                 .where(ProductionPlan.plan_date == day)):
        made[item.product_id] += item.qty_retail
    sold = defaultdict(int)
    start = datetime.datetime.combine(day, datetime.time.min)
    for row in (SaleLine.select(SaleLine.product, fn.SUM(SaleLine.quantity).alias("q"))
                .join(Sale).where((Sale.shop == shop) & (Sale.sold_at >= start))
                .group_by(SaleLine.product)):
        sold[row.product_id] = int(row.q)
    suggestions = []
    for product_id, qty in made.items():
        left = qty - sold.get(product_id, 0)
        product = Product.get_by_id(product_id)
        if left >= threshold and product.shelf_life_days <= 1:
            suggestions.append((product, left))
    return suggestions


def apply_markdown(shop, product, pct_off=50, quantity=None):
    md, created = Markdown.get_or_create(shop=shop, product=product, markdown_date=datetime.date.today(),
                                         defaults={"pct_off": pct_off, "quantity": quantity})
    if not created:
        md.pct_off = pct_off
        md.quantity = quantity
        md.save()
    return md


def donate_surplus(shop, charity, items, collected_by=None):
    value = Decimal("0")
    for product, qty in items:
        value += retail_price(product, shop) * qty
        record_waste(shop, product, qty, reason="donated", recorded_by=collected_by)
    return SurplusDonation.create(shop=shop, charity=charity, items=sum(q for _, q in items),
                                  est_value=to_money(value), collected_by=collected_by)


# ==========================================================================
# Delivery runs (see also bakery/delivery.py)
# ==========================================================================

def assign_driver(run, employee):
    if employee.job_title.lower() not in ("driver", "delivery driver", "van driver"):
        log.info("assigning non-driver %s to run %s", employee.full_name, run.name)
    run.driver_id = employee.id
    run.save()
    return run


def run_summary(run):
    drops = list(run.drops.order_by(DeliveryDrop.sequence))
    return {
        "run": run.name,
        "date": run.run_date.isoformat(),
        "drops": len(drops),
        "delivered": sum(1 for d in drops if d.delivered_at),
        "problems": [d.problem for d in drops if d.problem],
        "driver": Employee.get_or_none(Employee.id == run.driver_id),
    }


def runs_for_driver(employee, day=None):
    day = day or datetime.date.today()
    return DeliveryRun.select().where((DeliveryRun.driver_id == employee.id) & (DeliveryRun.run_date == day))
