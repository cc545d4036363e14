from datetime import datetime

from flask_login import UserMixin

from cellar.extensions import db
from cellar.models.base import TimestampMixin


class Role(db.Model):
    __tablename__ = "roles"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(40), unique=True, nullable=False)  # admin, sales, warehouse, accounts, buyer
    description = db.Column(db.String(200))


class User(UserMixin, TimestampMixin, db.Model):
    __tablename__ = "users"
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120), unique=True, nullable=False)
    full_name = db.Column(db.String(120))
    password_hash = db.Column(db.String(200))
    api_key = db.Column(db.String(64), unique=True)
    role_id = db.Column(db.Integer, db.ForeignKey("roles.id"))
    active = db.Column(db.Boolean, default=True)
    is_sales_rep = db.Column(db.Boolean, default=False)
    territory = db.Column(db.String(40))
    last_login_at = db.Column(db.DateTime)

    role = db.relationship("Role")

    def __repr__(self):
        return "<User %s>" % self.email


class AuditLog(db.Model):
    __tablename__ = "audit_log"
    id = db.Column(db.Integer, primary_key=True)
    at = db.Column(db.DateTime, default=datetime.utcnow, index=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id"))
    action = db.Column(db.String(40))
    entity = db.Column(db.String(40))
    entity_id = db.Column(db.String(40))
    details = db.Column(db.Text)
