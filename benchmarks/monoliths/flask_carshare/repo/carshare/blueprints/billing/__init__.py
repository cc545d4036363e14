from flask import Blueprint

bp = Blueprint("billing", __name__, template_folder="templates")

from carshare.blueprints.billing import routes  # noqa: E402,F401
