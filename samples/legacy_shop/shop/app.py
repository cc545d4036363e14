"""Flask application object."""
import logging
import os

from flask import Flask, g, request, session

from shop import __version__, db
from shop.utils import config_bool, get_config, load_config

app = Flask(__name__, template_folder="../templates", static_folder="../static")
app.secret_key = get_config("SECRET_KEY", "dev-not-secret")
app.config["SESSION_COOKIE_SECURE"] = config_bool("SESSION_COOKIE_SECURE", True)

logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"))


@app.before_request
def load_user_from_cookie():
    if session.get("user_id") or "shop_token" not in request.cookies:
        return
    from shop.dao import find_user_by_token
    user = find_user_by_token(request.cookies["shop_token"])
    if user is not None and user["active"]:
        session["user_id"] = user["id"]
        g.user_id = user["id"]


@app.teardown_appcontext
def close_db(exc):
    db.close_conn(exc)


@app.context_processor
def inject_globals():
    return {"version": __version__, "shop_name": get_config("SHOP_NAME", "Shop")}


def create_app(settings_path=None):
    if settings_path:
        load_config(settings_path)
    import shop.admin  # noqa: F401  (registers routes)
    import shop.views  # noqa: F401
    from shop.admin import admin_bp
    if "admin" not in app.blueprints:
        app.register_blueprint(admin_bp, url_prefix="/admin")
    return app
