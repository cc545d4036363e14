from datetime import datetime

from sqlalchemy import Column, DateTime, Integer, Boolean
from sqlalchemy.orm import declared_attr


class TimestampMixin(object):
    created_at = Column(DateTime, default=datetime.utcnow, nullable=False)
    updated_at = Column(DateTime, default=datetime.utcnow, onupdate=datetime.utcnow)


class AuditMixin(TimestampMixin):
    @declared_attr
    def created_by_id(cls):
        from sqlalchemy import ForeignKey
        return Column(Integer, ForeignKey("users.id"), nullable=True)


class SoftDeleteMixin(object):
    is_deleted = Column(Boolean, default=False, nullable=False)
    deleted_at = Column(DateTime)

    def soft_delete(self):
        self.is_deleted = True
        self.deleted_at = datetime.utcnow()
