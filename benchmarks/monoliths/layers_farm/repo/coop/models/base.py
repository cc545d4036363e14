from datetime import datetime

from sqlalchemy import Column, DateTime, Integer, String
from sqlalchemy.ext.declarative import declarative_base

from coop.extensions import db_session

Base = declarative_base()
Base.query = db_session.query_property()


class TimestampMixin(object):
    created_at = Column(DateTime, default=datetime.utcnow, nullable=False)
    updated_at = Column(DateTime, default=datetime.utcnow, onupdate=datetime.utcnow)


class AuditMixin(TimestampMixin):
    created_by = Column(String(64))
    updated_by = Column(String(64))


class IdMixin(object):
    id = Column(Integer, primary_key=True)

    def __repr__(self):
        return "<%s %s>" % (self.__class__.__name__, self.id)


def model_to_dict(obj, exclude=(), extra=None):
    """Shallow column dump for JSON responses."""
    out = {}
    for col in obj.__table__.columns:
        if col.name in exclude:
            continue
        val = getattr(obj, col.name)
        if hasattr(val, "isoformat"):
            val = val.isoformat()
        elif val is not None and col.type.__class__.__name__ == "Numeric":
            val = str(val)
        out[col.name] = val
    if extra:
        out.update(extra)
    return out
