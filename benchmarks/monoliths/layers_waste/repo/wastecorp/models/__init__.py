"""ORM models.  Importing this package registers every mapper."""
import datetime as dt

from sqlalchemy import Column, DateTime, Boolean, Integer, String

from wastecorp.extensions import db


class TimestampMixin(object):
    created_at = Column(DateTime, default=dt.datetime.utcnow, nullable=False)
    updated_at = Column(DateTime, default=dt.datetime.utcnow,
                        onupdate=dt.datetime.utcnow, nullable=False)


class SoftDeleteMixin(object):
    deleted = Column(Boolean, default=False, nullable=False)
    deleted_at = Column(DateTime)

    def soft_delete(self):
        self.deleted = True
        self.deleted_at = dt.datetime.utcnow()


class AuditMixin(object):
    created_by = Column(String(64))
    updated_by = Column(String(64))
    version = Column(Integer, default=1, nullable=False)


def model_to_dict(obj, exclude=()):
    out = {}
    for col in obj.__table__.columns:
        if col.name in exclude:
            continue
        val = getattr(obj, col.name)
        if isinstance(val, (dt.date, dt.datetime)):
            val = val.isoformat()
        out[col.name] = val
    return out


from wastecorp.models.customer import *  # noqa: E402,F401,F403
from wastecorp.models.containers import *  # noqa: E402,F401,F403
from wastecorp.models.route import *  # noqa: E402,F401,F403
from wastecorp.models.fleet import *  # noqa: E402,F401,F403
from wastecorp.models.staff import *  # noqa: E402,F401,F403
from wastecorp.models.materials import *  # noqa: E402,F401,F403
from wastecorp.models.billing import *  # noqa: E402,F401,F403
