import json
import logging

from cellar.extensions import db
from cellar.models.user import AuditLog

log = logging.getLogger("cellar.audit")


def log_action(action, entity, entity_id, user_id=None, details=None):
    entry = AuditLog(action=action, entity=entity, entity_id=str(entity_id),
                     user_id=user_id, details=json.dumps(details or {}, default=str))
    db.session.add(entry)
    log.info("%s %s#%s by %s", action, entity, entity_id, user_id)
    return entry
