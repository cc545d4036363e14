"""marshmallow schemas for form/JSON input.

We moved from colander to marshmallow in 2020; a couple of colander schemas may
still be lurking in old branches.
"""
from marshmallow import Schema, fields, ValidationError, EXCLUDE, pre_load, validates_schema

from lab.lib import InvalidInput
from lab.lib.dates import today


class BaseSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    @pre_load
    def strip_strings(self, data, **kwargs):
        if hasattr(data, "items"):
            return {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items()}
        return data


class StrippedString(fields.String):
    def _deserialize(self, value, attr, data, **kwargs):
        value = super(StrippedString, self)._deserialize(value, attr, data, **kwargs)
        return value.strip() if value else value


class UpperString(StrippedString):
    def _deserialize(self, value, attr, data, **kwargs):
        value = super(UpperString, self)._deserialize(value, attr, data, **kwargs)
        return value.upper() if value else value


def not_in_future(value):
    d = value.date() if hasattr(value, "date") else value
    if d > today():
        raise ValidationError("date cannot be in the future")


def load_or_raise(schema, data):
    try:
        return schema.load(data)
    except ValidationError as err:
        raise InvalidInput("validation failed", errors=err.messages)
