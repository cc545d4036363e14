"""Audit trail - appends JSON lines to a file that IT ship to the SIEM."""
import json
import logging
import datetime

from config import settings

log = logging.getLogger('lsbs.audit')


class AuditLogger(object):

    def __init__(self, path=None):
        self.path = path or settings.AUDIT_LOG

    def write(self, action, actor=None, **details):
        rec = {
            'ts': datetime.datetime.now().isoformat(),
            'action': action,
            'actor': actor,
        }
        rec.update(details)
        try:
            with open(self.path, 'a') as f:
                f.write(json.dumps(rec, default=str) + '\n')
        except IOError as e:
            log.error('audit write failed: %s (%s)', e, rec)


_audit = AuditLogger()


def audit(action, actor=None, **details):
    _audit.write(action, actor=actor, **details)
