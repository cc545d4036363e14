"""Small helpers around the pyramid settings dict."""
import logging

import pytz
from pyramid.settings import asbool, aslist
from pyramid.threadlocal import get_current_registry

log = logging.getLogger(__name__)

DEFAULT_TZ = 'America/Denver'


def get_setting(name, default=None, settings=None):
    if settings is None:
        registry = get_current_registry()
        settings = registry.settings or {}
    return settings.get(name, default)


def bool_setting(name, default=False, settings=None):
    return asbool(get_setting(name, default, settings))


def resort_timezone(settings=None):
    tzname = get_setting('resort.timezone', DEFAULT_TZ, settings)
    try:
        return pytz.timezone(tzname)
    except pytz.UnknownTimeZoneError:
        log.warning('bad resort.timezone %r, falling back to %s', tzname, DEFAULT_TZ)
        return pytz.timezone(DEFAULT_TZ)


def feature_enabled(flag, settings=None):
    flags = aslist(get_setting('resort.features', '', settings))
    return flag in flags
