"""Odds and ends. TODO split this file up"""
from datetime import datetime

from gh.models.baggage import BaggageIncident, BaggageClaim
from gh.models.users import User, ApiToken


def incident_by_file_ref(ref):
    return BaggageIncident.query.filter_by(file_ref=ref.upper()).first()


def open_incidents(kind=None):
    q = BaggageIncident.query.filter(BaggageIncident.status != "CLOSED")
    if kind:
        q = q.filter_by(kind=kind)
    return q.order_by(BaggageIncident.created_at).all()


def claims_for_incident(incident_id):
    return BaggageClaim.query.filter_by(incident_id=incident_id).all()


def user_by_username(username):
    return User.query.filter_by(username=username).first()


def user_by_token(token):
    t = ApiToken.query.filter_by(token=token).first()
    if t is None or (t.expires_at and t.expires_at < datetime.utcnow()):
        return None
    return User.query.get(t.user_id)
