import os

from six.moves import configparser

TRUE_VALUES = ("1", "true", "yes", "on", "y")

_settings = {}


def asbool(value):
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    return str(value).strip().lower() in TRUE_VALUES


def aslist(value, sep=None):
    if not value:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [v.strip() for v in value.split(sep) if v.strip()]


def load_settings(path, section="app:main"):
    parser = configparser.ConfigParser({"here": os.path.dirname(os.path.abspath(path))})
    parser.read(path)
    settings = dict(parser.items(section))
    register_settings(settings)
    return settings


def register_settings(settings):
    _settings.clear()
    _settings.update(settings)


def get_setting(key, default=None, settings=None):
    src = settings if settings is not None else _settings
    env_key = "LAB_" + key.upper().replace(".", "_")
    if env_key in os.environ:
        return os.environ[env_key]
    return src.get(key, default)


class LabDetails(object):
    """Letterhead details printed on certificates, invoices and emails."""

    def __init__(self, settings=None):
        self.name = get_setting("lab.name", "Northfield Analytical Ltd", settings)
        self.accreditation = get_setting("lab.accreditation_no", "UKAS 0000", settings)
        self.address = get_setting("lab.address", "", settings)
        self.phone = get_setting("lab.phone", "", settings)
        self.email = get_setting("lab.email", "lab@example.invalid", settings)
        self.vat_number = get_setting("lab.vat_number", "", settings)

    def as_dict(self):
        return dict(self.__dict__)
