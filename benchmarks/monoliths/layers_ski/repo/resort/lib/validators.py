import re

EMAIL_RE = re.compile(r'^[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}$')
PHONE_RE = re.compile('^\+?[\d\s\-\(\)]{7,20}$')


class ValidationError(Exception):

    def __init__(self, errors):
        if isinstance(errors, str):
            errors = {'_': errors}
        self.errors = errors
        super(ValidationError, self).__init__(errors)


def clean_str(value, maxlen=None):
    if value is None:
        return None
    value = ' '.join(str(value).split())
    if maxlen:
        value = value[:maxlen]
    return value or None


def validate_email(value):
    return bool(value) and EMAIL_RE.match(value.strip()) is not None


def validate_phone(value):
    return bool(value) and PHONE_RE.match(value) is not None


def require_fields(data, *fields):
    missing = dict((f, 'Required') for f in fields if not data.get(f))
    if missing:
        raise ValidationError(missing)
    return dict((f, data[f]) for f in fields)
