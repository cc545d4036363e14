from datetime import date

from gh.extensions import db
from gh.models.base import TimestampMixin, CRUDMixin


class Airline(TimestampMixin, CRUDMixin, db.Model):
    __tablename__ = "airlines"

    id = db.Column(db.Integer, primary_key=True)
    iata_code = db.Column(db.String(2), unique=True, nullable=False)
    icao_code = db.Column(db.String(3))
    name = db.Column(db.String(128), nullable=False)
    billing_email = db.Column(db.String(120))
    vat_number = db.Column(db.String(32))
    currency = db.Column(db.String(3), default="EUR")
    active = db.Column(db.Boolean, default=True)


class Contract(TimestampMixin, db.Model):
    __tablename__ = "contracts"

    id = db.Column(db.Integer, primary_key=True)
    airline_id = db.Column(db.Integer, db.ForeignKey("airlines.id"), nullable=False)
    reference = db.Column(db.String(32))
    valid_from = db.Column(db.Date, nullable=False)
    valid_to = db.Column(db.Date)
    sla_turnaround_minutes = db.Column(db.Integer, default=45)
    payment_terms_days = db.Column(db.Integer, default=30)
    penalty_per_delay_minute = db.Column(db.Numeric(8, 2), default=0)

    airline = db.relationship("Airline", backref="contracts")
    rates = db.relationship("ContractRate", backref="contract", lazy="dynamic")

    def is_valid_on(self, day=None):
        day = day or date.today()
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class ContractRate(db.Model):
    __tablename__ = "contract_rates"

    id = db.Column(db.Integer, primary_key=True)
    contract_id = db.Column(db.Integer, db.ForeignKey("contracts.id"), nullable=False)
    service_code = db.Column(db.String(16), nullable=False)  # TURN_NB, TURN_WB, GPU_HOUR, PUSHBACK, FUEL_INTO_PLANE
    unit = db.Column(db.String(8), default="EACH")
    price = db.Column(db.Numeric(10, 2), nullable=False)


class BillableEvent(db.Model):
    __tablename__ = "billable_events"

    id = db.Column(db.Integer, primary_key=True)
    airline_id = db.Column(db.Integer, db.ForeignKey("airlines.id"), nullable=False)
    flight_id = db.Column(db.Integer, db.ForeignKey("flights.id"))
    service_code = db.Column(db.String(16), nullable=False)
    quantity = db.Column(db.Float, default=1)
    occurred_at = db.Column(db.DateTime, nullable=False)
    invoice_line_id = db.Column(db.Integer, db.ForeignKey("invoice_lines.id"))
    source = db.Column(db.String(16))  # TURNAROUND, FUEL, BAGGAGE, MANUAL


class Invoice(TimestampMixin, db.Model):
    __tablename__ = "invoices"

    id = db.Column(db.Integer, primary_key=True)
    number = db.Column(db.String(20), unique=True)
    airline_id = db.Column(db.Integer, db.ForeignKey("airlines.id"), nullable=False)
    contract_id = db.Column(db.Integer, db.ForeignKey("contracts.id"))
    period_start = db.Column(db.Date)
    period_end = db.Column(db.Date)
    issue_date = db.Column(db.Date)
    due_date = db.Column(db.Date)
    net_total = db.Column(db.Numeric(12, 2), default=0)
    vat_total = db.Column(db.Numeric(12, 2), default=0)
    status = db.Column(db.String(12), default="DRAFT")

    lines = db.relationship("InvoiceLine", backref="invoice", lazy="dynamic")
    airline = db.relationship("Airline")

    @property
    def gross_total(self):
        return (self.net_total or 0) + (self.vat_total or 0)


class InvoiceLine(db.Model):
    __tablename__ = "invoice_lines"

    id = db.Column(db.Integer, primary_key=True)
    invoice_id = db.Column(db.Integer, db.ForeignKey("invoices.id"), nullable=False)
    service_code = db.Column(db.String(16))
    description = db.Column(db.String(255))
    quantity = db.Column(db.Float)
    unit_price = db.Column(db.Numeric(10, 2))
    amount = db.Column(db.Numeric(12, 2))


class Payment(db.Model):
    __tablename__ = "payments"

    id = db.Column(db.Integer, primary_key=True)
    invoice_id = db.Column(db.Integer, db.ForeignKey("invoices.id"), nullable=False)
    amount = db.Column(db.Numeric(12, 2), nullable=False)
    received_on = db.Column(db.Date)
    bank_ref = db.Column(db.String(64))
