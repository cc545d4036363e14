"""Base classes shared by the models. Mostly copied from the cookiecutter."""
from festival.extensions import db


class CRUDMixin(object):
    """Adds convenience save/delete/get_by_id to a model."""

    @classmethod
    def get_by_id(cls, record_id):
        if record_id is None:
            return None
        try:
            return cls.query.get(int(record_id))
        except (TypeError, ValueError):
            return None

    @classmethod
    def create(cls, **kwargs):
        instance = cls(**kwargs)
        return instance.save()

    def update(self, commit=True, **kwargs):
        for attr, value in kwargs.items():
            setattr(self, attr, value)
        return commit and self.save() or self

    def save(self, commit=True):
        db.session.add(self)
        if commit:
            db.session.commit()
        return self

    def delete(self, commit=True):
        db.session.delete(self)
        return commit and db.session.commit()


class SerializerMixin(object):
    """Naive to_dict. Don't use on models with huge relationships."""

    __serialize_exclude__ = ()

    def to_dict(self):
        out = {}
        for column in self.__table__.columns:
            if column.name in self.__serialize_exclude__:
                continue
            value = getattr(self, column.name)
            if hasattr(value, "isoformat"):
                value = value.isoformat()
            out[column.name] = value
        return out


class ServiceError(Exception):
    """Raised by service-ish functions; views turn it into a flash + redirect."""

    def __init__(self, message, code=400):
        super(ServiceError, self).__init__(message)
        self.message = message
        self.code = code
