"""Flask extension singletons.

Kept in their own module so models.py / views.py can import them without
circular import hell (which we had for most of 2019).
"""
from flask_sqlalchemy import SQLAlchemy
from flask_mail import Mail
from flask_caching import Cache
from flask_wtf.csrf import CSRFProtect

db = SQLAlchemy()
mail = Mail()
cache = Cache()
csrf = CSRFProtect()


def init_extensions(app):
    db.init_app(app)
    mail.init_app(app)
    cache.init_app(app, config={
        "CACHE_TYPE": app.config.get("CACHE_TYPE", "simple"),
        "CACHE_DEFAULT_TIMEOUT": app.config.get("CACHE_DEFAULT_TIMEOUT", 300),
    })
    csrf.init_app(app)
    return app
