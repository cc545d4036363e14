import datetime

from festival.base import CRUDMixin
from festival.extensions import db


class SecurityPost(CRUDMixin, db.Model):
    __tablename__ = "security_posts"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(100), nullable=False)  # "Main gate", "Pit - Meadow Stage"
    zone = db.Column(db.String(40))
    stage_id = db.Column(db.Integer, db.ForeignKey("stages.id"))
    min_guards = db.Column(db.Integer, default=2)
    requires_supervisor = db.Column(db.Boolean, default=False)
    radio_channel = db.Column(db.String(10))


class GuardDeployment(db.Model):
    """A contractor guard on a post for a period (security's version of a shift)."""
    __tablename__ = "guard_deployments"

    id = db.Column(db.Integer, primary_key=True)
    post_id = db.Column(db.Integer, db.ForeignKey("security_posts.id"), nullable=False)
    guard_name = db.Column(db.String(200), nullable=False)
    sia_licence = db.Column(db.String(20))
    contractor = db.Column(db.String(100))
    is_supervisor = db.Column(db.Boolean, default=False)
    starts_at = db.Column(db.DateTime, nullable=False)
    ends_at = db.Column(db.DateTime, nullable=False)
    signed_on_at = db.Column(db.DateTime)

    post = db.relationship("SecurityPost", backref=db.backref("deployments", lazy="dynamic"))


class Ejection(CRUDMixin, db.Model):
    __tablename__ = "ejections"

    id = db.Column(db.Integer, primary_key=True)
    incident_id = db.Column(db.Integer, db.ForeignKey("incidents.id"))
    wristband_id = db.Column(db.Integer, db.ForeignKey("wristbands.id"))
    person_description = db.Column(db.String(255))
    reason = db.Column(db.String(255), nullable=False)
    ejected_at = db.Column(db.DateTime, default=datetime.datetime.utcnow)
    banned_years = db.Column(db.Integer, default=0)
    police_involved = db.Column(db.Boolean, default=False)
    authorised_by = db.Column(db.String(120))

    incident = db.relationship("Incident", backref="ejections")
