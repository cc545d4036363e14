"""
ORM models for the Freightly platform.

NOTE: everything imports ``Base`` from here. Do not create a second
declarative base (see INC-212, the one where half the tables were missing
from alembic autogenerate).
"""
import datetime
import decimal

from sqlalchemy import Column, DateTime, Integer, Boolean
from sqlalchemy.ext.declarative import declarative_base

Base = declarative_base()


class TimestampMixin(object):
    created_at = Column(DateTime, default=datetime.datetime.utcnow, nullable=False)
    updated_at = Column(DateTime, default=datetime.datetime.utcnow,
                        onupdate=datetime.datetime.utcnow)


class SoftDeleteMixin(object):
    is_deleted = Column(Boolean, default=False, nullable=False)
    deleted_at = Column(DateTime)

    def soft_delete(self):
        self.is_deleted = True
        self.deleted_at = datetime.datetime.utcnow()


def model_to_dict(obj, exclude=None, include=None):
    """Naive serializer used by the API layer.

    Decimals become strings, datetimes ISO strings. Relationships are ignored.
    """
    exclude = set(exclude or ())
    data = {}
    for col in obj.__table__.columns:
        if col.name in exclude:
            continue
        value = getattr(obj, col.name)
        if isinstance(value, decimal.Decimal):
            value = str(value)
        elif isinstance(value, (datetime.datetime, datetime.date)):
            value = value.isoformat()
        data[col.name] = value
    for name in include or ():
        data[name] = getattr(obj, name)
    return data


# imported at the bottom so that Base exists first
from freightly.models.customer import *  # noqa: E402,F401,F403
from freightly.models.carrier import *  # noqa: E402,F401,F403
from freightly.models.shipping import *  # noqa: E402,F401,F403
from freightly.models.customs import *  # noqa: E402,F401,F403
from freightly.models.warehouse import *  # noqa: E402,F401,F403
from freightly.models.finance import *  # noqa: E402,F401,F403
