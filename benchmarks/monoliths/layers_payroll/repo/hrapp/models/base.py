from sqlalchemy import Column, DateTime, Integer, func

from hrapp.common.dates import utcnow


class TimestampMixin:
    created_at = Column(DateTime(timezone=True), server_default=func.now())
    updated_at = Column(DateTime(timezone=True), server_default=func.now(), onupdate=func.now())


class SoftDeleteMixin:
    deleted_at = Column(DateTime(timezone=True))

    def soft_delete(self):
        self.deleted_at = utcnow()

    @property
    def is_deleted(self):
        return self.deleted_at is not None


class AuditMixin:
    created_by_id = Column(Integer)
    updated_by_id = Column(Integer)
