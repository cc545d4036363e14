"""Loyalty scheme ("Crumb Club"), added spring 2020.

Card numbers are printed on keyrings: 10 digits, luhn check digit last.
"""
from flask import Blueprint

bp = Blueprint("loyalty", __name__, url_prefix="/loyalty")

from bakery.loyalty import views  # noqa: E402,F401
