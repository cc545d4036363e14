"""PAS - policy administration backend. The app factory stays here: deploy scripts use insure:create_app."""
import logging
import os

from flask import Flask

from insure import db
from insure.config import load_config

log = logging.getLogger("insure")

__version__ = "3.14.2"


def create_app(config_name=None):
    app = Flask(__name__)
    cfg = load_config(config_name or os.environ.get("PAS_ENV"))
    app.config.from_object(cfg)
    db.configure(cfg.DATABASE_URL, echo=cfg.SQL_ECHO)

    # imported late, the blueprints import models which need the engine
    from insure.api import register_blueprints
    register_blueprints(app)

    @app.teardown_appcontext
    def _drop_session(exc=None):
        db.remove_session()

    logging.basicConfig(level=cfg.LOG_LEVEL)
    log.info("PAS %s started with %s", __version__, cfg.__class__.__name__)
    return app
