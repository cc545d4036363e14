from cellar.extensions import db
from cellar.models.base import TimestampMixin


class SalesOrder(TimestampMixin, db.Model):
    __tablename__ = "sales_orders"
    id = db.Column(db.Integer, primary_key=True)
    number = db.Column(db.String(20), unique=True)
    customer_id = db.Column(db.Integer, db.ForeignKey("customers.id"), nullable=False, index=True)
    delivery_address_id = db.Column(db.Integer, db.ForeignKey("customer_addresses.id"))
    status = db.Column(db.String(20), default="draft")
    # draft, confirmed, allocated, picked, dispatched, delivered, invoiced, cancelled
    order_date = db.Column(db.Date)
    requested_delivery = db.Column(db.Date)
    customer_ref = db.Column(db.String(40))
    channel = db.Column(db.String(10), default="rep")  # rep, phone, email, b2b_portal
    in_bond = db.Column(db.Boolean, default=False)
    net_total = db.Column(db.Numeric(12, 2), default=0)
    duty_total = db.Column(db.Numeric(12, 2), default=0)
    vat_total = db.Column(db.Numeric(12, 2), default=0)
    created_by = db.Column(db.Integer, db.ForeignKey("users.id"))

    customer = db.relationship("Customer")
    lines = db.relationship("SalesOrderLine", backref="order", cascade="all, delete-orphan")


class SalesOrderLine(db.Model):
    __tablename__ = "sales_order_lines"
    id = db.Column(db.Integer, primary_key=True)
    sales_order_id = db.Column(db.Integer, db.ForeignKey("sales_orders.id"), nullable=False)
    wine_id = db.Column(db.Integer, db.ForeignKey("wines.id"), nullable=False)
    qty_bottles = db.Column(db.Integer, nullable=False)
    unit_price = db.Column(db.Numeric(10, 2))
    discount_pct = db.Column(db.Numeric(5, 2), default=0)
    duty_per_bottle = db.Column(db.Numeric(10, 4), default=0)
    qty_allocated = db.Column(db.Integer, default=0)
    backorder = db.Column(db.Boolean, default=False)

    wine = db.relationship("Wine")


class PriceList(TimestampMixin, db.Model):
    __tablename__ = "price_lists"
    id = db.Column(db.Integer, primary_key=True)
    code = db.Column(db.String(20), unique=True)  # ONTRADE, OFFTRADE, WHOLESALE, STAFF
    name = db.Column(db.String(80))
    currency = db.Column(db.String(3), default="GBP")
    markup_pct = db.Column(db.Numeric(6, 2))  # default markup over landed cost
    duty_inclusive = db.Column(db.Boolean, default=True)
    valid_from = db.Column(db.Date)
    valid_to = db.Column(db.Date)
    published = db.Column(db.Boolean, default=False)


class PriceListItem(db.Model):
    __tablename__ = "price_list_items"
    id = db.Column(db.Integer, primary_key=True)
    price_list_id = db.Column(db.Integer, db.ForeignKey("price_lists.id"), nullable=False)
    wine_id = db.Column(db.Integer, db.ForeignKey("wines.id"), nullable=False)
    bottle_price = db.Column(db.Numeric(10, 2))
    case_price = db.Column(db.Numeric(10, 2))
    min_qty = db.Column(db.Integer, default=1)


class CustomerDiscount(db.Model):
    __tablename__ = "customer_discounts"
    id = db.Column(db.Integer, primary_key=True)
    customer_id = db.Column(db.Integer, db.ForeignKey("customers.id"), nullable=False)
    producer_id = db.Column(db.Integer, db.ForeignKey("producers.id"))  # null = all producers
    discount_pct = db.Column(db.Numeric(5, 2))
    valid_to = db.Column(db.Date)


class Promotion(db.Model):
    __tablename__ = "promotions"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80))
    wine_id = db.Column(db.Integer, db.ForeignKey("wines.id"))
    trade_type = db.Column(db.String(20))
    discount_pct = db.Column(db.Numeric(5, 2))
    buy_cases = db.Column(db.Integer)  # "buy 5 get 1" style
    free_bottles = db.Column(db.Integer)
    starts_on = db.Column(db.Date)
    ends_on = db.Column(db.Date)
