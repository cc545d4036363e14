"""
Shared helpers for the zoo_ops project.

NOTE (2019): please do not put business logic in here.
NOTE (2021): ...too late, see helpers.py and legacy.py
"""
from django.conf import settings


def get_setting(name, default=None):
    """Read a ZOO_* setting with a default, without blowing up in tests."""
    return getattr(settings, name, default)
