"""Cellar - import & distribution back office (Vino Trade Ltd)."""
import logging

from flask import Flask

from cellar.config import get_config
from cellar.extensions import init_extensions

__version__ = "3.14.2"

log = logging.getLogger("cellar")


def create_app(config_name=None):
    app = Flask(__name__, template_folder="templates")
    app.config.from_object(get_config(config_name))
    init_extensions(app)
    register_blueprints(app)

    from cellar.utils.errors import register_error_handlers
    register_error_handlers(app)

    log.info("cellar %s started (%s)", __version__, app.config.get("ENV_NAME"))
    return app


def register_blueprints(app):
    from cellar.api import register_api
    register_api(app)
