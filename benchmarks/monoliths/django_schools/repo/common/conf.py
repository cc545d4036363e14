from django.conf import settings


def get_setting(name, default=None):
    return getattr(settings, name, default)


def district_code():
    return get_setting("DISTRICT_CODE", "0000")


def feature_enabled(flag):
    return bool(get_setting("FEATURES", {}).get(flag, False))
