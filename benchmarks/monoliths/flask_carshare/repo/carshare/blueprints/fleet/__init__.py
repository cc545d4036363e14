from flask import Blueprint

bp = Blueprint("fleet", __name__, template_folder="templates")

from carshare.blueprints.fleet import routes  # noqa: E402,F401
