import json

from flask_login import current_user

from gh.extensions import db
from gh.models.users import AuditLog


def record_audit(action, entity, entity_id=None, **details):
    uid = None
    try:
        if current_user and current_user.is_authenticated:
            uid = current_user.id
    except Exception:  # outside request context (jobs)
        pass
    db.session.add(AuditLog(user_id=uid, action=action, entity=entity, entity_id=entity_id,
                            details=json.dumps(details, default=str) if details else None))


def recent_activity(entity=None, limit=100):
    q = AuditLog.query
    if entity:
        q = q.filter_by(entity=entity)
    return q.order_by(AuditLog.created_at.desc()).limit(limit).all()
