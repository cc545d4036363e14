"""
Freightly - freight forwarding back office.

App factory lives here. Historically this was `app.py` at repo root, moved in
2019 when we split the blueprints out (see CHANGES.txt, which nobody updates).
"""
import logging
import logging.handlers
import os

from flask import Flask

from freightly.config import get_config
from freightly.extensions import db_session, init_engine


__version__ = "3.14.2"


def _configure_logging(app):
    level = logging.DEBUG if app.config.get("DEBUG") else logging.INFO
    fmt = logging.Formatter(
        "%(asctime)s %(levelname)s [%(name)s] %(message)s"
    )
    handler = logging.StreamHandler()
    handler.setFormatter(fmt)
    root = logging.getLogger("freightly")
    root.setLevel(level)
    if not root.handlers:
        root.addHandler(handler)
    log_file = app.config.get("LOG_FILE")
    if log_file:
        fh = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=10 * 1024 * 1024, backupCount=5
        )
        fh.setFormatter(fmt)
        root.addHandler(fh)


def create_app(config_name=None, **overrides):
    """Application factory used by wsgi, manage.py and the tests."""
    config_name = config_name or os.environ.get("FREIGHTLY_ENV", "development")
    app = Flask(__name__)
    app.config.from_object(get_config(config_name))
    app.config.update(overrides)

    _configure_logging(app)
    init_engine(app.config["SQLALCHEMY_DATABASE_URI"],
                echo=app.config.get("SQL_ECHO", False))

    # late imports to avoid circular import with models <-> services
    from freightly.api import register_blueprints, register_error_handlers
    register_blueprints(app)
    register_error_handlers(app)

    @app.teardown_appcontext
    def shutdown_session(exception=None):
        db_session.remove()

    @app.route("/health")
    def health():
        return {"status": "ok", "version": __version__}

    return app
