"""Incident logging, escalation and ejections (control room)."""
import datetime
import logging

from sqlalchemy import text

from festival.emails import send_incident_alert, send_lost_property_match
from festival.extensions import db
from festival.models import Incident, LostPropertyItem, Wristband
from festival.security.models import Ejection, GuardDeployment, SecurityPost
from festival.utils.text import random_reference
from festival.wristbands import deactivate_wristband

log = logging.getLogger(__name__)

SEVERITY_SCORES = {"low": 1, "medium": 3, "high": 7, "critical": 15}
ALERT_CATEGORIES = ("assault", "lost_child", "crowd", "weapon")


def severity_score(incident):
    score = SEVERITY_SCORES.get(incident.severity, 1)
    if incident.category in ALERT_CATEGORIES:
        score *= 2
    return score


def log_incident(location, category, severity, description, reported_by=None,
                 stage_id=None, rfid_uid=None):
    wristband_id = None
    if rfid_uid:
        band = Wristband.query.filter_by(rfid_uid=rfid_uid).first()
        wristband_id = band.id if band else None
    incident = Incident(reference=random_reference("INC", 6), location=location,
                        category=category, severity=severity, description=description,
                        reported_by=reported_by, stage_id=stage_id, wristband_id=wristband_id)
    db.session.add(incident)
    db.session.commit()
    if severity in ("high", "critical") or category in ALERT_CATEGORIES:
        send_incident_alert(incident)
    return incident


def escalate(incident, new_severity, note=None):
    old = incident.severity
    incident.severity = new_severity
    if note:
        incident.description = (incident.description or "") + "\n[%s] %s" % (
            datetime.datetime.utcnow().strftime("%H:%M"), note)
    db.session.commit()
    if SEVERITY_SCORES.get(new_severity, 0) > SEVERITY_SCORES.get(old, 0):
        send_incident_alert(incident)
    return incident


def resolve(incident, police_ref=None):
    incident.resolved = True
    incident.resolved_at = datetime.datetime.utcnow()
    if police_ref:
        incident.police_ref = police_ref
    db.session.commit()


def eject_attendee(incident, reason, authorised_by, banned_years=0, police=False):
    """Eject someone: record it and kill their wristband so gates reject it."""
    ejection = Ejection(incident_id=incident.id, wristband_id=incident.wristband_id,
                        reason=reason, authorised_by=authorised_by,
                        banned_years=banned_years, police_involved=police)
    db.session.add(ejection)
    db.session.commit()
    if incident.wristband_id:
        deactivate_wristband(incident.wristband_id, "ejected: %s" % reason)
    return ejection


def banned_buyer_emails(years_back=3):
    """Emails of people ejected with a ban. Box office checks this at checkout
    (well, it's supposed to)."""
    sql = text("""
        SELECT DISTINCT o.buyer_email
        FROM ejections e
        JOIN wristbands w ON w.id = e.wristband_id
        JOIN tickets t ON t.id = w.ticket_id
        JOIN ticket_orders o ON o.id = t.order_id
        WHERE e.banned_years > 0
          AND e.ejected_at > now() - (:years || ' years')::interval
    """)
    return [r[0] for r in db.session.execute(sql, {"years": years_back})]


def understaffed_posts(at=None):
    at = at or datetime.datetime.utcnow()
    problems = []
    for post in SecurityPost.query.all():
        on_post = post.deployments.filter(GuardDeployment.starts_at <= at,
                                          GuardDeployment.ends_at > at).all()
        if len(on_post) < post.min_guards:
            problems.append((post, len(on_post)))
        elif post.requires_supervisor and not any(d.is_supervisor for d in on_post):
            problems.append((post, len(on_post)))
    return problems


def match_lost_property(lost_report):
    """Very naive: same category, any shared word of 4+ letters in description."""
    words = {w.lower() for w in lost_report.description.split() if len(w) >= 4}
    candidates = LostPropertyItem.query.filter_by(reported_lost=False, status="held",
                                                  category=lost_report.category).all()
    for item in candidates:
        if words & {w.lower() for w in item.description.split()}:
            item.status = "matched"
            lost_report.status = "matched"
            lost_report.matched_item_id = item.id
            db.session.commit()
            if lost_report.contact_email:
                send_lost_property_match(item, lost_report.contact_email)
            return item
    return None
