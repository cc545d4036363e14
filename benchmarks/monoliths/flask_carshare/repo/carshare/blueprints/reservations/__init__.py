from flask import Blueprint

bp = Blueprint("reservations", __name__, template_folder="templates")

from carshare.blueprints.reservations import routes  # noqa: E402,F401
