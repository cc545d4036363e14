import datetime
import json

from sqlalchemy import Boolean, Column, DateTime, MetaData, Text
from sqlalchemy.ext.declarative import declarative_base
from sqlalchemy.types import TypeDecorator

# Recommended naming convention used by Alembic, as various different database
# providers will autogenerate vastly different names making migrations more
# difficult. See: http://alembic.zzzcomputing.com/en/latest/naming.html
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s"
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)
Base = declarative_base(metadata=metadata)


class TimestampMixin(object):
    created_at = Column(DateTime, default=datetime.datetime.utcnow, nullable=False)
    updated_at = Column(DateTime, default=datetime.datetime.utcnow,
                        onupdate=datetime.datetime.utcnow)


class SoftDeleteMixin(object):
    deleted = Column(Boolean, default=False, nullable=False)
    deleted_at = Column(DateTime)

    def soft_delete(self):
        self.deleted = True
        self.deleted_at = datetime.datetime.utcnow()


class JSONEncodedDict(TypeDecorator):
    """Stores a dict as JSON text (we are still on PG 9.4 on the old box)."""
    impl = Text

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return json.dumps(value, default=str)

    def process_result_value(self, value, dialect):
        if not value:
            return {}
        return json.loads(value)
