import logging

from flask import Flask

import config
from api import register_blueprints
from models.base import remove_session

log = logging.getLogger("permits")


def create_app(settings=None):
    app = Flask("permits")
    app.config.from_object(config._active)
    if settings:
        app.config.update(settings)
    app.secret_key = app.config["SECRET_KEY"]
    logging.basicConfig(level=logging.DEBUG if app.config.get("DEBUG") else logging.INFO)
    register_blueprints(app)
    app.teardown_appcontext(_teardown)
    log.info("permits app created (store=%s)", app.config["DOCUMENT_STORE"])
    return app


def _teardown(exc=None):
    remove_session(exc)
