"""Crumb & Co back office."""
import logging

from flask import Flask, render_template

from bakery.config import get_config
from bakery.db import init_db
from bakery.helpers.formatting import JINJA_FILTERS

__version__ = "4.12.1"


def create_app(config_name=None):
    app = Flask(__name__)
    app.config.from_object(get_config(config_name))
    app.config.from_envvar("BAKERY_SETTINGS", silent=True)
    configure_logging(app)
    init_db(app)
    register_filters(app)
    register_blueprints(app)
    register_error_handlers(app)
    return app


def configure_logging(app):
    level = logging.DEBUG if app.config.get("DEBUG") else logging.INFO
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def register_filters(app):
    for name, fn in JINJA_FILTERS.items():
        app.jinja_env.filters[name] = fn


def register_blueprints(app):
    from bakery.views import register_views
    register_views(app)
    from bakery.loyalty import bp as loyalty_bp
    app.register_blueprint(loyalty_bp)
    from bakery.haccp import bp as haccp_bp
    app.register_blueprint(haccp_bp)


def register_error_handlers(app):
    @app.errorhandler(403)
    def forbidden(_e):
        return render_template("errors/403.html"), 403

    @app.errorhandler(404)
    def not_found(_e):
        return render_template("errors/404.html"), 404

    @app.errorhandler(500)
    def server_error(_e):
        return render_template("errors/500.html"), 500
