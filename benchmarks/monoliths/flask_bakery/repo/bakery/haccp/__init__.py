"""HACCP / food safety records (replaces the paper folders, 2021).

The old TemperatureLog model in bakery.models is still written to; see
haccp.checks.mirror_to_legacy_log.
"""
from flask import Blueprint

bp = Blueprint("haccp", __name__, url_prefix="/haccp")

from bakery.haccp import views  # noqa: E402,F401
