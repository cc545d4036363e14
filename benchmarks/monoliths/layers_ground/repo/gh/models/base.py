from datetime import datetime

from gh.extensions import db


class TimestampMixin(object):
    created_at = db.Column(db.DateTime, default=datetime.utcnow, nullable=False)
    updated_at = db.Column(db.DateTime, default=datetime.utcnow, onupdate=datetime.utcnow)


class CRUDMixin(object):
    """Active-record style helpers (added by Marc, 2021). Prefer repositories now."""

    def save(self, commit=True):
        db.session.add(self)
        if commit:
            db.session.commit()
        return self

    def delete(self, commit=True):
        db.session.delete(self)
        if commit:
            db.session.commit()

    def update(self, commit=True, **kwargs):
        for attr, value in kwargs.items():
            setattr(self, attr, value)
        return self.save(commit=commit)


class SoftDeleteMixin(object):
    deleted = db.Column(db.Boolean, default=False, nullable=False)

    def soft_delete(self):
        self.deleted = True
        db.session.add(self)


def model_to_dict(obj, exclude=None):
    exclude = set(exclude or [])
    out = {}
    for col in obj.__table__.columns:
        if col.name in exclude:
            continue
        val = getattr(obj, col.name)
        if isinstance(val, datetime):
            val = val.isoformat()
        out[col.name] = val
    return out
