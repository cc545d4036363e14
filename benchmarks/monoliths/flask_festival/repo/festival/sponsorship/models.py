import datetime

from festival.base import CRUDMixin
from festival.extensions import db
from festival.models import TimestampMixin


class SponsorshipDeal(CRUDMixin, TimestampMixin, db.Model):
    __tablename__ = "sponsorship_deals"

    STATUSES = ("prospect", "negotiating", "signed", "live", "completed", "lost")

    id = db.Column(db.Integer, primary_key=True)
    sponsor_id = db.Column(db.Integer, db.ForeignKey("sponsors.id"), nullable=False)
    year = db.Column(db.Integer, nullable=False)
    title = db.Column(db.String(200))
    status = db.Column(db.String(20), default="prospect")
    cash_value_pence = db.Column(db.Integer, default=0)
    in_kind_value_pence = db.Column(db.Integer, default=0)
    exclusivity_category = db.Column(db.String(40))  # e.g. "beer": no other beer brands on site
    naming_rights_stage_id = db.Column(db.Integer, db.ForeignKey("stages.id"))
    hospitality_passes = db.Column(db.Integer, default=0)
    signed_at = db.Column(db.DateTime)
    owner = db.Column(db.String(100))

    sponsor = db.relationship("Sponsor", backref=db.backref("deals", lazy="dynamic"))
    deliverables = db.relationship("SponsorDeliverable", backref="deal", lazy="dynamic")
    activations = db.relationship("Activation", backref="deal", lazy="dynamic")
    invoices = db.relationship("SponsorInvoice", backref="deal", lazy="dynamic")

    @property
    def total_value_pence(self):
        return (self.cash_value_pence or 0) + (self.in_kind_value_pence or 0)


class SponsorDeliverable(db.Model):
    __tablename__ = "sponsor_deliverables"

    id = db.Column(db.Integer, primary_key=True)
    deal_id = db.Column(db.Integer, db.ForeignKey("sponsorship_deals.id"), nullable=False)
    description = db.Column(db.String(255), nullable=False)
    owed_by = db.Column(db.String(10), default="us")  # us | sponsor
    due_date = db.Column(db.Date)
    done = db.Column(db.Boolean, default=False)
    done_at = db.Column(db.DateTime)
    evidence_url = db.Column(db.String(500))


class Activation(db.Model):
    """On-site brand activation: a bar, a tent, a stage takeover."""
    __tablename__ = "activations"

    id = db.Column(db.Integer, primary_key=True)
    deal_id = db.Column(db.Integer, db.ForeignKey("sponsorship_deals.id"), nullable=False)
    kind = db.Column(db.String(40))  # bar | tent | stage_takeover | sampling | charging
    stage_id = db.Column(db.Integer, db.ForeignKey("stages.id"))
    stall_pitch_id = db.Column(db.Integer, db.ForeignKey("stall_pitches.id"))
    footprint_m2 = db.Column(db.Numeric(7, 2))
    build_starts = db.Column(db.DateTime)
    notes = db.Column(db.Text)


class SponsorInvoice(CRUDMixin, db.Model):
    __tablename__ = "sponsor_invoices"

    id = db.Column(db.Integer, primary_key=True)
    deal_id = db.Column(db.Integer, db.ForeignKey("sponsorship_deals.id"), nullable=False)
    number = db.Column(db.String(20), unique=True)
    amount_pence = db.Column(db.Integer, nullable=False)
    vat_pence = db.Column(db.Integer, default=0)
    issued_at = db.Column(db.DateTime, default=datetime.datetime.utcnow)
    due_at = db.Column(db.DateTime)
    paid_at = db.Column(db.DateTime)
