from datetime import datetime

from cellar.extensions import db
from cellar.models.base import TimestampMixin


class Invoice(TimestampMixin, db.Model):
    __tablename__ = "invoices"
    id = db.Column(db.Integer, primary_key=True)
    number = db.Column(db.String(20), unique=True)
    customer_id = db.Column(db.Integer, db.ForeignKey("customers.id"), nullable=False, index=True)
    sales_order_id = db.Column(db.Integer, db.ForeignKey("sales_orders.id"))
    issue_date = db.Column(db.Date)
    due_date = db.Column(db.Date)
    status = db.Column(db.String(12), default="draft")  # draft, issued, part_paid, paid, void
    net_total = db.Column(db.Numeric(12, 2), default=0)
    duty_total = db.Column(db.Numeric(12, 2), default=0)
    vat_total = db.Column(db.Numeric(12, 2), default=0)
    gross_total = db.Column(db.Numeric(12, 2), default=0)
    amount_paid = db.Column(db.Numeric(12, 2), default=0)
    exported_at = db.Column(db.DateTime)  # sent to Sage

    customer = db.relationship("Customer")
    lines = db.relationship("InvoiceLine", backref="invoice", cascade="all, delete-orphan")


class InvoiceLine(db.Model):
    __tablename__ = "invoice_lines"
    id = db.Column(db.Integer, primary_key=True)
    invoice_id = db.Column(db.Integer, db.ForeignKey("invoices.id"), nullable=False)
    description = db.Column(db.String(200))
    wine_id = db.Column(db.Integer, db.ForeignKey("wines.id"))
    qty = db.Column(db.Integer)
    unit_price = db.Column(db.Numeric(10, 2))
    duty = db.Column(db.Numeric(10, 2), default=0)
    vat_rate = db.Column(db.Numeric(4, 3))
    line_total = db.Column(db.Numeric(12, 2))


class Payment(db.Model):
    __tablename__ = "payments"
    id = db.Column(db.Integer, primary_key=True)
    customer_id = db.Column(db.Integer, db.ForeignKey("customers.id"), nullable=False)
    invoice_id = db.Column(db.Integer, db.ForeignKey("invoices.id"))
    received_on = db.Column(db.Date, default=datetime.utcnow)
    amount = db.Column(db.Numeric(12, 2), nullable=False)
    method = db.Column(db.String(12))  # bacs, card, cheque, gocardless
    reference = db.Column(db.String(60))
    unallocated = db.Column(db.Numeric(12, 2), default=0)


class CreditNote(TimestampMixin, db.Model):
    __tablename__ = "credit_notes"
    id = db.Column(db.Integer, primary_key=True)
    number = db.Column(db.String(20), unique=True)
    invoice_id = db.Column(db.Integer, db.ForeignKey("invoices.id"), nullable=False)
    reason = db.Column(db.String(40))  # corked, breakage, pricing, returned
    amount = db.Column(db.Numeric(12, 2))
    vat = db.Column(db.Numeric(12, 2))
    applied = db.Column(db.Boolean, default=False)


class PaymentReminder(db.Model):
    __tablename__ = "payment_reminders"
    id = db.Column(db.Integer, primary_key=True)
    invoice_id = db.Column(db.Integer, db.ForeignKey("invoices.id"), nullable=False)
    sent_at = db.Column(db.DateTime, default=datetime.utcnow)
    level = db.Column(db.Integer, default=1)  # 1 friendly, 2 firm, 3 stop
    sent_to = db.Column(db.String(120))


# ---- excise (added 2022, lives here because accounts owns the duty return) ----

class ExciseReturn(db.Model):
    __tablename__ = "excise_returns"
    id = db.Column(db.Integer, primary_key=True)
    period = db.Column(db.String(6), unique=True)  # 23AU
    status = db.Column(db.String(12), default="draft")
    total_lpa = db.Column(db.Numeric(12, 4))
    total_duty = db.Column(db.Numeric(12, 2))
    submitted_at = db.Column(db.DateTime)
    hmrc_reference = db.Column(db.String(40))

    lines = db.relationship("ExciseReturnLine", backref="excise_return")


class ExciseReturnLine(db.Model):
    __tablename__ = "excise_return_lines"
    id = db.Column(db.Integer, primary_key=True)
    excise_return_id = db.Column(db.Integer, db.ForeignKey("excise_returns.id"), nullable=False)
    stock_movement_id = db.Column(db.Integer, db.ForeignKey("stock_movements.id"))
    wine_id = db.Column(db.Integer, db.ForeignKey("wines.id"))
    litres = db.Column(db.Numeric(12, 3))
    lpa = db.Column(db.Numeric(12, 4))
    band = db.Column(db.String(10))
    duty = db.Column(db.Numeric(12, 2))
