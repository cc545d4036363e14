import datetime

from sqlalchemy import Boolean, Column, DateTime, Integer, Numeric, String


def Money(nullable=False, default=0):
    return Column(Numeric(12, 2), nullable=nullable, default=default)


class TimestampMixin(object):
    created_at = Column(DateTime, default=datetime.datetime.utcnow, nullable=False)
    updated_at = Column(DateTime, default=datetime.datetime.utcnow,
                        onupdate=datetime.datetime.utcnow)


class AuditMixin(TimestampMixin):
    created_by = Column(String(64))
    updated_by = Column(String(64))
    version = Column(Integer, default=1, nullable=False)

    def touch(self, user):
        self.updated_by = user
        self.version = (self.version or 0) + 1


class SoftDeleteMixin(object):
    deleted = Column(Boolean, default=False, nullable=False)
    deleted_at = Column(DateTime)

    def soft_delete(self):
        self.deleted = True
        self.deleted_at = datetime.datetime.utcnow()


class ReprMixin(object):
    def __repr__(self):
        ident = getattr(self, "id", None)
        ref = getattr(self, "number", None) or getattr(self, "reference", None)
        return "<%s %s%s>" % (self.__class__.__name__, ident, " " + ref if ref else "")
