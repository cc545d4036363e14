from cellar.extensions import db
from cellar.models.base import SoftDeleteMixin, TimestampMixin


class Producer(TimestampMixin, SoftDeleteMixin, db.Model):
    __tablename__ = "producers"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(120), nullable=False)
    country = db.Column(db.String(2), nullable=False)
    region = db.Column(db.String(80))
    currency = db.Column(db.String(3), default="EUR")
    contact_email = db.Column(db.String(120))
    incoterm = db.Column(db.String(3), default="EXW")
    lead_time_days = db.Column(db.Integer, default=42)
    active = db.Column(db.Boolean, default=True)
    notes = db.Column(db.Text)

    wines = db.relationship("Wine", backref="producer", lazy="dynamic")


class Wine(TimestampMixin, db.Model):
    """One SKU: producer + cuvee + vintage + bottle size."""
    __tablename__ = "wines"
    id = db.Column(db.Integer, primary_key=True)
    sku = db.Column(db.String(30), unique=True, nullable=False)
    producer_id = db.Column(db.Integer, db.ForeignKey("producers.id"), nullable=False)
    name = db.Column(db.String(160), nullable=False)
    colour = db.Column(db.String(10))  # red/white/rose/sparkling/sweet
    grape = db.Column(db.String(120))
    appellation = db.Column(db.String(120))
    vintage = db.Column(db.Integer)
    bottle_ml = db.Column(db.Integer, default=750)
    bottles_per_case = db.Column(db.Integer, default=12)
    abv = db.Column(db.Numeric(4, 2))
    cost_price = db.Column(db.Numeric(10, 4))  # in producer currency, per bottle
    landed_cost = db.Column(db.Numeric(10, 4))  # GBP per bottle, duty paid
    excise_band = db.Column(db.String(10))
    is_active = db.Column(db.Boolean, default=True)
    discontinued = db.Column(db.Boolean, default=False)


class ExciseRate(db.Model):
    __tablename__ = "excise_rates"
    id = db.Column(db.Integer, primary_key=True)
    band = db.Column(db.String(10), nullable=False)  # still_lt_8.5, still_8.5_22, sparkling...
    abv_from = db.Column(db.Numeric(4, 2))
    abv_to = db.Column(db.Numeric(4, 2))
    rate_per_lpa = db.Column(db.Numeric(10, 4))
    rate_per_hl = db.Column(db.Numeric(10, 2))  # pre-Aug-2023 rates
    valid_from = db.Column(db.Date, nullable=False)
    valid_to = db.Column(db.Date)
