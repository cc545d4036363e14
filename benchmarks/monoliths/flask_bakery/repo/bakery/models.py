"""All the models.

Started as one file in 2019 and never split. Loyalty and HACCP have their own
models modules (bakery/loyalty/models.py, bakery/haccp/models.py); everything
else lives here. Keep sections roughly grouped please.
"""
import datetime
from decimal import Decimal

from peewee import (BooleanField, CharField, DateField, DateTimeField,
                    DecimalField, FloatField, ForeignKeyField, IntegerField,
                    TextField, TimeField, fn)

from bakery.db import BaseModel


class MoneyField(DecimalField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_digits", 10)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("default", Decimal("0.00"))
        super(MoneyField, self).__init__(*args, **kwargs)


# --------------------------------------------------------------------------
# Shops & tills
# --------------------------------------------------------------------------

class Shop(BaseModel):
    name = CharField()
    code = CharField(unique=True, max_length=8)
    address = TextField(null=True)
    postcode = CharField(null=True)
    phone = CharField(null=True)
    is_production_site = BooleanField(default=False)
    opens_at = TimeField(default=datetime.time(7, 0))
    closes_at = TimeField(default=datetime.time(17, 30))
    active = BooleanField(default=True)

    class Meta:
        table_name = "shops"

    def __str__(self):
        return self.name


class Till(BaseModel):
    shop = ForeignKeyField(Shop, backref="tills")
    label = CharField()
    device_serial = CharField(null=True)
    active = BooleanField(default=True)

    class Meta:
        table_name = "tills"


class TillSession(BaseModel):
    till = ForeignKeyField(Till, backref="sessions")
    opened_by_id = IntegerField()  # employee id; FK dropped during the 2020 migration mess
    opened_at = DateTimeField(default=datetime.datetime.utcnow)
    closed_at = DateTimeField(null=True)
    float_amount = MoneyField()
    counted_cash = MoneyField(null=True)
    expected_cash = MoneyField(null=True)
    notes = TextField(null=True)

    class Meta:
        table_name = "till_sessions"

    @property
    def is_open(self):
        return self.closed_at is None

    @property
    def variance(self):
        if self.counted_cash is None or self.expected_cash is None:
            return None
        return self.counted_cash - self.expected_cash


class Sale(BaseModel):
    session = ForeignKeyField(TillSession, backref="sales")
    shop = ForeignKeyField(Shop, backref="sales")
    sold_at = DateTimeField(default=datetime.datetime.utcnow, index=True)
    payment_method = CharField(default="card")  # card / cash / voucher
    total = MoneyField()
    discount = MoneyField()
    vat = MoneyField()
    loyalty_card_number = CharField(null=True)
    voided = BooleanField(default=False)
    external_ref = CharField(null=True)  # old EPOS transaction number

    class Meta:
        table_name = "sales"


# --------------------------------------------------------------------------
# Products & recipes
# --------------------------------------------------------------------------

class Product(BaseModel):
    sku = CharField(unique=True)
    name = CharField()
    category = CharField(default="bread")  # bread / viennoiserie / cake / savoury / drink
    unit_weight_g = IntegerField(null=True)
    shelf_life_days = IntegerField(default=1)
    vat_rate = CharField(default="zero")
    retail_price = MoneyField()  # "list" price, shops can override in price_list_entries
    wholesale_price = MoneyField()
    sold_retail = BooleanField(default=True)
    sold_wholesale = BooleanField(default=False)
    active = BooleanField(default=True)

    class Meta:
        table_name = "products"

    def __str__(self):
        return self.name


class SaleLine(BaseModel):
    sale = ForeignKeyField(Sale, backref="lines", on_delete="CASCADE")
    product = ForeignKeyField(Product)
    quantity = IntegerField(default=1)
    unit_price = MoneyField()
    line_total = MoneyField()
    markdown = BooleanField(default=False)

    class Meta:
        table_name = "sale_lines"


class PriceListEntry(BaseModel):
    shop = ForeignKeyField(Shop, backref="price_entries")
    product = ForeignKeyField(Product)
    price = MoneyField()
    valid_from = DateField(default=datetime.date.today)
    valid_to = DateField(null=True)

    class Meta:
        table_name = "price_list_entries"
        indexes = ((("shop", "product", "valid_from"), True),)


class Recipe(BaseModel):
    # default table name "recipe" - predates the naming convention
    product = ForeignKeyField(Product, backref="recipes")
    version = IntegerField(default=1)
    yield_qty = IntegerField(default=1)
    method = TextField(null=True)
    prep_minutes = IntegerField(default=0)
    bake_minutes = IntegerField(default=0)
    oven_temp_c = IntegerField(null=True)
    is_current = BooleanField(default=True)
    approved_by = CharField(null=True)


# --------------------------------------------------------------------------
# Ingredients, suppliers & stock
# --------------------------------------------------------------------------

class Supplier(BaseModel):
    name = CharField()
    account_ref = CharField(null=True)
    contact_name = CharField(null=True)
    phone = CharField(null=True)
    order_email = CharField(null=True)
    lead_time_days = IntegerField(default=2)
    min_order_value = MoneyField()
    active = BooleanField(default=True)


class Ingredient(BaseModel):
    name = CharField(unique=True)
    unit = CharField(default="g")  # g / ml / ea
    category = CharField(null=True)
    reorder_level = FloatField(default=0)
    reorder_qty = FloatField(default=0)
    preferred_supplier = ForeignKeyField(Supplier, null=True, backref="preferred_for")
    cost_per_unit = DecimalField(max_digits=10, decimal_places=5, default=0)
    active = BooleanField(default=True)


class RecipeLine(BaseModel):
    recipe = ForeignKeyField(Recipe, backref="lines", on_delete="CASCADE")
    ingredient = ForeignKeyField(Ingredient, backref="used_in")
    quantity = FloatField()  # in ingredient.unit, per recipe yield
    stage = CharField(null=True)  # dough / filling / topping / glaze

    class Meta:
        table_name = "recipe_lines"


class SupplierPrice(BaseModel):
    supplier = ForeignKeyField(Supplier, backref="prices")
    ingredient = ForeignKeyField(Ingredient, backref="supplier_prices")
    pack_size = FloatField()
    pack_price = MoneyField()
    valid_from = DateField(default=datetime.date.today)

    class Meta:
        table_name = "supplier_prices"

    @property
    def unit_cost(self):
        if not self.pack_size:
            return Decimal("0")
        return Decimal(self.pack_price) / Decimal(str(self.pack_size))


class StockLevel(BaseModel):
    ingredient = ForeignKeyField(Ingredient, backref="levels")
    location_id = IntegerField()  # shop id of the site holding the stock
    quantity = FloatField(default=0)
    last_counted_at = DateTimeField(null=True)

    class Meta:
        table_name = "stock_levels"
        indexes = ((("ingredient", "location_id"), True),)


class StockMovement(BaseModel):
    # NB: default table name -> "stockmovement" (no underscore). Reports rely on it.
    ingredient = ForeignKeyField(Ingredient, backref="movements")
    location_id = IntegerField()
    change = FloatField()
    reason = CharField()  # receipt / bake / count / waste / transfer
    reference = CharField(null=True)
    moved_at = DateTimeField(default=datetime.datetime.utcnow)


class PurchaseOrder(BaseModel):
    supplier = ForeignKeyField(Supplier, backref="purchase_orders")
    reference = CharField(unique=True)
    location_id = IntegerField()
    status = CharField(default="draft")  # draft / sent / part_received / received / cancelled
    order_date = DateField(default=datetime.date.today)
    expected_date = DateField(null=True)
    total = MoneyField()
    raised_by = CharField(null=True)
    exported_to_xero = BooleanField(default=False)

    class Meta:
        table_name = "purchase_orders"


class PurchaseOrderLine(BaseModel):
    order = ForeignKeyField(PurchaseOrder, backref="lines", on_delete="CASCADE")
    ingredient = ForeignKeyField(Ingredient)
    packs = IntegerField(default=1)
    pack_size = FloatField()
    pack_price = MoneyField()
    received_packs = IntegerField(default=0)

    class Meta:
        table_name = "purchase_order_lines"


# --------------------------------------------------------------------------
# Staff
# --------------------------------------------------------------------------

class User(BaseModel):
    email = CharField(unique=True)
    password_hash = CharField()
    role = CharField(default="staff")  # admin / manager / baker / staff / driver / office
    employee_id = IntegerField(null=True)
    last_login = DateTimeField(null=True)
    active = BooleanField(default=True)

    class Meta:
        table_name = "users"


class Employee(BaseModel):
    first_name = CharField()
    last_name = CharField()
    email = CharField(null=True)
    mobile = CharField(null=True)
    job_title = CharField(default="Shop assistant")
    home_shop = ForeignKeyField(Shop, null=True, backref="employees")
    hourly_rate = MoneyField()
    contracted_hours = FloatField(default=0)
    start_date = DateField(default=datetime.date.today)
    leave_date = DateField(null=True)
    food_hygiene_cert_expires = DateField(null=True)
    till_pin = CharField(null=True)

    @property
    def full_name(self):
        return "%s %s" % (self.first_name, self.last_name)


class Shift(BaseModel):
    employee = ForeignKeyField(Employee, backref="shifts")
    shop = ForeignKeyField(Shop, backref="shifts")
    shift_date = DateField(index=True)
    start_time = TimeField()
    end_time = TimeField()
    role = CharField(default="counter")  # counter / bake / drive / cleaning
    published = BooleanField(default=False)

    class Meta:
        table_name = "shifts"


class TimesheetEntry(BaseModel):
    employee = ForeignKeyField(Employee, backref="timesheet")
    shift = ForeignKeyField(Shift, null=True)
    clock_in = DateTimeField()
    clock_out = DateTimeField(null=True)
    break_minutes = IntegerField(default=0)
    approved = BooleanField(default=False)

    class Meta:
        table_name = "timesheet_entries"


class LeaveRequest(BaseModel):
    employee = ForeignKeyField(Employee, backref="leave_requests")
    start_date = DateField()
    end_date = DateField()
    kind = CharField(default="holiday")  # holiday / sick / unpaid
    status = CharField(default="pending")
    decided_by = CharField(null=True)

    class Meta:
        table_name = "leave_requests"


# --------------------------------------------------------------------------
# Production planning
# --------------------------------------------------------------------------

class ProductionPlan(BaseModel):
    site = ForeignKeyField(Shop, backref="production_plans")
    plan_date = DateField(index=True)
    status = CharField(default="draft")  # draft / locked / done
    notes = TextField(null=True)

    class Meta:
        table_name = "production_plans"


class ProductionPlanItem(BaseModel):
    plan = ForeignKeyField(ProductionPlan, backref="items", on_delete="CASCADE")
    product = ForeignKeyField(Product)
    qty_retail = IntegerField(default=0)
    qty_wholesale = IntegerField(default=0)
    qty_extra = IntegerField(default=0)

    class Meta:
        table_name = "production_plan_items"

    @property
    def total_qty(self):
        return self.qty_retail + self.qty_wholesale + self.qty_extra


class BakeBatch(BaseModel):
    plan_item = ForeignKeyField(ProductionPlanItem, null=True, backref="batches")
    product = ForeignKeyField(Product)
    recipe = ForeignKeyField(Recipe, null=True)
    production_site = CharField(null=True)
    bake_date = DateField(default=datetime.date.today)
    sequence = IntegerField(default=1)
    quantity = IntegerField()
    baker_id = IntegerField(null=True)
    started_at = DateTimeField(null=True)
    finished_at = DateTimeField(null=True)
    core_temp_c = FloatField(null=True)

    class Meta:
        table_name = "bake_batches"


# --------------------------------------------------------------------------
# Wholesale
# --------------------------------------------------------------------------

class WholesaleCustomer(BaseModel):
    name = CharField()
    account_code = CharField(unique=True, null=True)
    contact_name = CharField(null=True)
    email = CharField(null=True)
    phone = CharField(null=True)
    delivery_address = TextField()
    postcode = CharField()
    lat = FloatField(null=True)
    lng = FloatField(null=True)
    delivery_days = CharField(default="mon,tue,wed,thu,fri,sat")
    bank_holiday_deliveries = BooleanField(default=False)
    payment_terms_days = IntegerField(default=30)
    credit_limit = MoneyField()
    discount_pct = DecimalField(max_digits=5, decimal_places=2, default=0)
    on_stop = BooleanField(default=False)
    xero_contact_id = CharField(null=True)

    class Meta:
        table_name = "wholesale_customers"


class StandingOrder(BaseModel):
    customer = ForeignKeyField(WholesaleCustomer, backref="standing_orders")
    product = ForeignKeyField(Product)
    weekday = IntegerField()  # 0 = monday
    quantity = IntegerField()
    active = BooleanField(default=True)
    paused_until = DateField(null=True)

    class Meta:
        table_name = "standing_orders"


class WholesaleOrder(BaseModel):
    customer = ForeignKeyField(WholesaleCustomer, backref="orders")
    delivery_date = DateField(index=True)
    status = CharField(default="pending")  # pending / confirmed / packed / delivered / cancelled
    source = CharField(default="manual")  # manual / standing / portal / phone
    total = MoneyField()
    notes = TextField(null=True)
    invoice_id = IntegerField(null=True)

    class Meta:
        table_name = "wholesale_orders"


class WholesaleOrderLine(BaseModel):
    order = ForeignKeyField(WholesaleOrder, backref="lines", on_delete="CASCADE")
    product = ForeignKeyField(Product)
    quantity = IntegerField()
    unit_price = MoneyField()
    delivered_qty = IntegerField(null=True)

    class Meta:
        table_name = "wholesale_order_lines"


class DeliveryRun(BaseModel):
    run_date = DateField(index=True)
    name = CharField()  # "North loop", "City early" ...
    driver_id = IntegerField(null=True)  # employee
    van_reg = CharField(null=True)
    departs_at = TimeField(null=True)
    status = CharField(default="planned")
    mileage = IntegerField(null=True)

    class Meta:
        table_name = "delivery_runs"


class DeliveryDrop(BaseModel):
    run = ForeignKeyField(DeliveryRun, backref="drops", on_delete="CASCADE")
    order = ForeignKeyField(WholesaleOrder, backref="drops")
    sequence = IntegerField(default=0)
    delivered_at = DateTimeField(null=True)
    signed_by = CharField(null=True)
    photo_url = CharField(null=True)
    problem = TextField(null=True)

    class Meta:
        table_name = "delivery_drops"


class WholesaleInvoice(BaseModel):
    customer = ForeignKeyField(WholesaleCustomer, backref="invoices")
    number = CharField(unique=True)
    issue_date = DateField(default=datetime.date.today)
    due_date = DateField()
    net = MoneyField()
    vat = MoneyField()
    gross = MoneyField()
    paid = BooleanField(default=False)
    paid_on = DateField(null=True)
    xero_invoice_id = CharField(null=True)

    class Meta:
        table_name = "wholesale_invoices"


# --------------------------------------------------------------------------
# Food safety (old). New stuff is in bakery/haccp/models.py
# --------------------------------------------------------------------------

class TemperatureLog(BaseModel):
    # Paper-log replacement from 2019. Still written by the probe API because
    # the EHO inspector's export reads this table. Do not drop.
    shop = ForeignKeyField(Shop)
    unit_name = CharField()
    reading_c = FloatField()
    taken_at = DateTimeField(default=datetime.datetime.utcnow)
    taken_by = CharField(null=True)
    corrective_action = TextField(null=True)

    class Meta:
        table_name = "temp_logs"


# --------------------------------------------------------------------------
# Waste
# --------------------------------------------------------------------------

class WasteRecord(BaseModel):
    shop = ForeignKeyField(Shop, backref="waste")
    product = ForeignKeyField(Product)
    waste_date = DateField(default=datetime.date.today, index=True)
    quantity = IntegerField()
    reason = CharField(default="unsold")  # unsold / damaged / quality / expired / dropped
    cost_value = MoneyField()
    recorded_by = CharField(null=True)

    class Meta:
        table_name = "waste_records"


class Markdown(BaseModel):
    shop = ForeignKeyField(Shop)
    product = ForeignKeyField(Product)
    markdown_date = DateField(default=datetime.date.today)
    from_time = TimeField(default=datetime.time(15, 30))
    pct_off = IntegerField(default=50)
    quantity = IntegerField(null=True)
    sold_qty = IntegerField(default=0)

    class Meta:
        table_name = "markdowns"


class SurplusDonation(BaseModel):
    shop = ForeignKeyField(Shop)
    charity = CharField()
    donation_date = DateField(default=datetime.date.today)
    items = IntegerField(default=0)
    est_value = MoneyField()
    collected_by = CharField(null=True)

    class Meta:
        table_name = "surplus_donations"


ALL_MODELS = [
    Shop, Till, TillSession, Sale, Product, SaleLine, PriceListEntry, Recipe,
    Supplier, Ingredient, RecipeLine, SupplierPrice, StockLevel, StockMovement,
    PurchaseOrder, PurchaseOrderLine, User, Employee, Shift, TimesheetEntry,
    LeaveRequest, ProductionPlan, ProductionPlanItem, BakeBatch,
    WholesaleCustomer, StandingOrder, WholesaleOrder, WholesaleOrderLine,
    DeliveryRun, DeliveryDrop, WholesaleInvoice, TemperatureLog, WasteRecord,
    Markdown, SurplusDonation,
]


# --------------------------------------------------------------------------
# misc query helpers that ended up here
# --------------------------------------------------------------------------

def active_shops():
    return Shop.select().where(Shop.active == True).order_by(Shop.name)  # noqa: E712


def production_sites():
    return Shop.select().where((Shop.active == True) & (Shop.is_production_site == True))  # noqa: E712


def product_by_sku(sku):
    return Product.get_or_none(Product.sku == sku.strip().upper())


def current_recipe(product):
    return (Recipe.select()
            .where((Recipe.product == product) & (Recipe.is_current == True))  # noqa: E712
            .order_by(Recipe.version.desc())
            .first())


def employee_for_user(user):
    if not user or not user.employee_id:
        return None
    return Employee.get_or_none(Employee.id == user.employee_id)


def open_orders_for(customer):
    return (WholesaleOrder.select()
            .where((WholesaleOrder.customer == customer) &
                   (WholesaleOrder.status.in_(["pending", "confirmed", "packed"])))
            .order_by(WholesaleOrder.delivery_date))


def stock_on_hand(ingredient, location_id):
    level = StockLevel.get_or_none((StockLevel.ingredient == ingredient) &
                                   (StockLevel.location_id == location_id))
    return level.quantity if level else 0.0


def total_waste_cost(shop, start, end):
    return (WasteRecord.select(fn.COALESCE(fn.SUM(WasteRecord.cost_value), 0))
            .where((WasteRecord.shop == shop) &
                   (WasteRecord.waste_date.between(start, end)))
            .scalar())
