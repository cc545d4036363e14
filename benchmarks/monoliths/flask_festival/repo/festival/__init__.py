"""Hollow Meadow Festival back office + public site."""
import logging

from flask import Flask, render_template

from festival.config import get_config
from festival.extensions import init_extensions

__version__ = "4.12.0"


def register_blueprints(app):
    from festival import security, sponsorship
    from festival.api import api_bp
    from festival.reports import reports_bp
    from festival.views import admin_bp, gate_bp, public_bp

    app.register_blueprint(public_bp)
    app.register_blueprint(admin_bp, url_prefix="/admin")
    app.register_blueprint(gate_bp, url_prefix="/gate")
    app.register_blueprint(api_bp, url_prefix="/api/v1")
    app.register_blueprint(reports_bp, url_prefix="/admin/reports")
    sponsorship.init_app(app)
    security.init_app(app)


def register_template_filters(app):
    from festival.helpers import format_pence, nice_duration
    from festival.utils.dates import to_local
    from festival.utils.text import truncate

    app.jinja_env.filters["pence"] = format_pence
    app.jinja_env.filters["duration"] = nice_duration
    app.jinja_env.filters["local"] = lambda dt: to_local(dt, app.config["FESTIVAL_TZ"])
    app.jinja_env.filters["truncate_words"] = truncate


def register_error_handlers(app):
    @app.errorhandler(404)
    def not_found(e):
        return render_template("errors/404.html"), 404

    @app.errorhandler(500)
    def server_error(e):
        return render_template("errors/500.html"), 500


def create_app(config_name=None):
    app = Flask(__name__)
    app.config.from_object(get_config(config_name))
    logging.basicConfig(level=logging.INFO)
    init_extensions(app)
    register_blueprints(app)
    register_template_filters(app)
    register_error_handlers(app)
    return app
