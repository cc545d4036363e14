import logging

from flask import Flask

from gh.config import get_config
from gh.extensions import init_extensions


def create_app(env=None):
    app = Flask(__name__)
    app.config.from_object(get_config(env))
    init_extensions(app)
    _configure_logging(app)

    from gh.api import register_blueprints
    register_blueprints(app)

    from gh.cli import register_commands
    register_commands(app)

    from gh.jobs.scheduler import init_scheduler
    if not app.config.get("TESTING"):
        init_scheduler(app)
    return app


def _configure_logging(app):
    level = logging.DEBUG if app.debug else logging.INFO
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
