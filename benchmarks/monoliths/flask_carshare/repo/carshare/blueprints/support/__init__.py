from flask import Blueprint

bp = Blueprint("support", __name__, template_folder="templates")

from carshare.blueprints.support import routes  # noqa: E402,F401
