"""Prairie Valley Grain & Farm Co-operative -- back office system.

Originally written as a Flask app for the silo weighbridge in 2016, grew to
cover the whole co-op over time.  See docs/ on the wiki (it is out of date).
"""
import logging

from flask import Flask

from coop.config import get_config

__version__ = "3.14.2"

log = logging.getLogger("coop")


def create_app(config_name=None):
    """Application factory used by wsgi and the test-suite."""
    app = Flask(__name__)
    cfg = get_config(config_name)
    app.config.from_object(cfg)

    logging.basicConfig(
        level=logging.DEBUG if cfg.DEBUG else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )

    from coop.extensions import init_extensions
    init_extensions(app)

    from coop.api import register_blueprints
    register_blueprints(app)

    log.info("coop app %s started (%s)", __version__, cfg.__class__.__name__)
    return app
