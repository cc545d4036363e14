from flask import Blueprint

bp = Blueprint("members", __name__, template_folder="templates")

from carshare.blueprints.members import routes  # noqa: E402,F401
