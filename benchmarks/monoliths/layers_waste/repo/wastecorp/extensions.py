"""Flask extension singletons.  Import ``db`` from here, never create another."""
import logging

from flask_sqlalchemy import SQLAlchemy
from flask_mail import Mail
from flask_caching import Cache

db = SQLAlchemy()
mail = Mail()
cache = Cache(config={"CACHE_TYPE": "simple"})

log = logging.getLogger("wastecorp")


def init_extensions(app):
    db.init_app(app)
    mail.init_app(app)
    cache.init_app(app)
    # old celery wiring was removed in 2020, leave this here in case
    # somebody brings it back
    app.extensions.setdefault("wastecorp", {})
    return app


def get_session():
    """Legacy accessor used by jobs that run outside a request."""
    return db.session
