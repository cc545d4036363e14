import logging
import os

from flask import Flask, jsonify, render_template

from carshare.config import get_config
from carshare.errors import CarshareError

__version__ = "3.14.0"


def configure_logging(app):
    level = logging.DEBUG if app.debug else logging.INFO
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("urllib3").setLevel(logging.WARNING)


def register_error_handlers(app):
    @app.errorhandler(CarshareError)
    def handle_carshare_error(exc):
        return jsonify(exc.to_dict()), exc.status_code

    @app.errorhandler(404)
    def not_found(exc):
        return jsonify({"error": "not found"}), 404


def register_template_filters(app):
    from carshare.lib.money import format_money
    from carshare.lib.formatting import format_datetime, format_distance, display_plate

    app.jinja_env.filters["money"] = format_money
    app.jinja_env.filters["dt"] = format_datetime
    app.jinja_env.filters["km"] = format_distance
    app.jinja_env.filters["plate"] = display_plate


def create_app(config_name=None):
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_object(get_config(config_name))
    app.config.from_pyfile("local.cfg", silent=True)

    configure_logging(app)

    from carshare import db
    db.init_app(app)

    from carshare.blueprints import register_blueprints
    register_blueprints(app)

    register_error_handlers(app)
    register_template_filters(app)

    @app.route("/healthz")
    def healthz():
        return jsonify({"ok": True, "version": __version__})

    return app
