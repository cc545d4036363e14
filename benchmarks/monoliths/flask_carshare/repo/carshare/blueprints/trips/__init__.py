from flask import Blueprint

bp = Blueprint("trips", __name__, template_folder="templates")

from carshare.blueprints.trips import routes  # noqa: E402,F401
