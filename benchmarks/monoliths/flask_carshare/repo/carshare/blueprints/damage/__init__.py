from flask import Blueprint

bp = Blueprint("damage", __name__, template_folder="templates")

from carshare.blueprints.damage import routes  # noqa: E402,F401
