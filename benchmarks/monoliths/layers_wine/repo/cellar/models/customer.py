from cellar.extensions import db
from cellar.models.base import SoftDeleteMixin, TimestampMixin


class Customer(TimestampMixin, SoftDeleteMixin, db.Model):
    __tablename__ = "customers"
    id = db.Column(db.Integer, primary_key=True)
    account_code = db.Column(db.String(12), unique=True)
    name = db.Column(db.String(160), nullable=False)
    trade_type = db.Column(db.String(20))  # restaurant, bar, hotel, retailer, wholesaler, private
    vat_number = db.Column(db.String(20))
    rep_id = db.Column(db.Integer, db.ForeignKey("users.id"))
    price_list_id = db.Column(db.Integer, db.ForeignKey("price_lists.id"))
    credit_limit = db.Column(db.Numeric(10, 2), default=0)
    payment_terms_days = db.Column(db.Integer, default=30)
    on_stop = db.Column(db.Boolean, default=False)
    email = db.Column(db.String(120))
    phone = db.Column(db.String(30))
    status = db.Column(db.String(12), default="active")  # prospect, active, dormant, closed

    rep = db.relationship("User")
    contacts = db.relationship("CustomerContact", backref="customer")
    addresses = db.relationship("CustomerAddress", backref="customer")


class CustomerContact(db.Model):
    __tablename__ = "customer_contacts"
    id = db.Column(db.Integer, primary_key=True)
    customer_id = db.Column(db.Integer, db.ForeignKey("customers.id"), nullable=False)
    name = db.Column(db.String(120))
    role = db.Column(db.String(60))  # sommelier, owner, buyer, accounts
    email = db.Column(db.String(120))
    phone = db.Column(db.String(30))
    is_primary = db.Column(db.Boolean, default=False)
    receives_invoices = db.Column(db.Boolean, default=False)


class CustomerAddress(db.Model):
    __tablename__ = "customer_addresses"
    id = db.Column(db.Integer, primary_key=True)
    customer_id = db.Column(db.Integer, db.ForeignKey("customers.id"), nullable=False)
    kind = db.Column(db.String(10), default="delivery")  # delivery, billing
    line1 = db.Column(db.String(120))
    line2 = db.Column(db.String(120))
    town = db.Column(db.String(60))
    postcode = db.Column(db.String(10))
    country = db.Column(db.String(2), default="GB")
    delivery_window = db.Column(db.String(40))  # "Tue-Fri 10-12"
    delivery_notes = db.Column(db.Text)
    lat = db.Column(db.Float)
    lng = db.Column(db.Float)


class CrmNote(TimestampMixin, db.Model):
    __tablename__ = "crm_notes"
    id = db.Column(db.Integer, primary_key=True)
    customer_id = db.Column(db.Integer, db.ForeignKey("customers.id"), nullable=False)
    author_id = db.Column(db.Integer, db.ForeignKey("users.id"))
    body = db.Column(db.Text)
    follow_up_on = db.Column(db.Date)


class SalesVisit(db.Model):
    __tablename__ = "sales_visits"
    id = db.Column(db.Integer, primary_key=True)
    customer_id = db.Column(db.Integer, db.ForeignKey("customers.id"), nullable=False)
    rep_id = db.Column(db.Integer, db.ForeignKey("users.id"))
    planned_for = db.Column(db.DateTime)
    completed_at = db.Column(db.DateTime)
    purpose = db.Column(db.String(30))  # tasting, listing review, complaint
    outcome = db.Column(db.Text)
    wines_shown = db.Column(db.Text)  # comma separated SKUs (legacy)
