from datetime import date

from cellar.extensions import db
from cellar.models.base import TimestampMixin


class Licence(TimestampMixin, db.Model):
    __tablename__ = "licences"
    id = db.Column(db.Integer, primary_key=True)
    customer_id = db.Column(db.Integer, db.ForeignKey("customers.id"))  # null = our own licence
    kind = db.Column(db.String(20))  # premises, personal, awrs, wowgr
    number = db.Column(db.String(40), nullable=False)
    issuing_authority = db.Column(db.String(80))
    valid_from = db.Column(db.Date)
    valid_to = db.Column(db.Date)
    verified_at = db.Column(db.DateTime)
    verified_by = db.Column(db.Integer, db.ForeignKey("users.id"))

    @property
    def is_current(self):
        return self.valid_to is None or self.valid_to >= date.today()


class ComplianceCheck(db.Model):
    __tablename__ = "compliance_checks"
    id = db.Column(db.Integer, primary_key=True)
    checked_at = db.Column(db.DateTime)
    subject_type = db.Column(db.String(20))  # customer, shipment, order
    subject_id = db.Column(db.Integer)
    check = db.Column(db.String(30))  # awrs_lookup, licence_valid, age_verification, emcs_arc
    passed = db.Column(db.Boolean)
    message = db.Column(db.Text)
