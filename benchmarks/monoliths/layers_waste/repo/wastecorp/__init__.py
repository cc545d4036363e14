"""WasteCorp collections & disposal platform."""
import logging
import logging.handlers

from flask import Flask, jsonify

from wastecorp.config import get_config
from wastecorp.extensions import init_extensions

__version__ = "3.14.2"


def create_app(config_name=None):
    app = Flask(__name__)
    app.config.from_object(get_config(config_name))
    init_extensions(app)
    _configure_logging(app)

    from wastecorp.api import register_blueprints
    register_blueprints(app)
    _register_error_handlers(app)
    return app


def _configure_logging(app):
    level = logging.DEBUG if app.config.get("DEBUG") else logging.INFO
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter(
        "%(asctime)s %(levelname)s [%(name)s] %(message)s"))
    root = logging.getLogger("wastecorp")
    root.setLevel(level)
    if not root.handlers:
        root.addHandler(handler)


def _register_error_handlers(app):
    @app.errorhandler(404)
    def not_found(err):
        return jsonify({"error": "not found"}), 404

    @app.errorhandler(400)
    def bad_request(err):
        return jsonify({"error": str(err)}), 400

    @app.errorhandler(500)
    def server_error(err):
        logging.getLogger("wastecorp").exception("unhandled error")
        return jsonify({"error": "internal error"}), 500
