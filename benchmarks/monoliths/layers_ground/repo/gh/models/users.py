from datetime import datetime

from flask_login import UserMixin
from werkzeug.security import generate_password_hash, check_password_hash

from gh.extensions import db, login_manager
from gh.models.base import TimestampMixin

user_roles = db.Table(
    "user_roles",
    db.Column("user_id", db.Integer, db.ForeignKey("users.id"), primary_key=True),
    db.Column("role_id", db.Integer, db.ForeignKey("roles.id"), primary_key=True),
)


class Role(db.Model):
    __tablename__ = "roles"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(32), unique=True)  # admin, ops_controller, rostering, finance, workshop, baggage_agent


class User(UserMixin, TimestampMixin, db.Model):
    __tablename__ = "users"

    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(64), unique=True, nullable=False)
    email = db.Column(db.String(120))
    password_hash = db.Column(db.String(255))
    staff_id = db.Column(db.Integer, db.ForeignKey("staff.id"))
    active = db.Column(db.Boolean, default=True)
    last_login = db.Column(db.DateTime)

    roles = db.relationship("Role", secondary=user_roles, lazy="subquery")

    def set_password(self, raw):
        self.password_hash = generate_password_hash(raw)

    def check_password(self, raw):
        return self.password_hash and check_password_hash(self.password_hash, raw)

    def has_role(self, *names):
        return any(r.name in names for r in self.roles) or any(r.name == "admin" for r in self.roles)


class ApiToken(db.Model):
    __tablename__ = "api_tokens"

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=False)
    token = db.Column(db.String(64), unique=True, index=True)
    label = db.Column(db.String(64))  # e.g. "AODB feed", "airline portal"
    expires_at = db.Column(db.DateTime)


class AuditLog(db.Model):
    __tablename__ = "audit_log"

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id"))
    action = db.Column(db.String(64))
    entity = db.Column(db.String(32))
    entity_id = db.Column(db.Integer)
    details = db.Column(db.Text)
    created_at = db.Column(db.DateTime, default=datetime.utcnow)


@login_manager.user_loader
def load_user(user_id):
    return User.query.get(int(user_id))
