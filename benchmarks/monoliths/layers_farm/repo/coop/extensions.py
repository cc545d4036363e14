"""Shared singletons: DB engine/session and the celery app.

Everything imports `db_session` from here.  Don't create new engines elsewhere
(the reports module used to and we ran out of connections during harvest 2019).
"""
from celery import Celery
from sqlalchemy import create_engine
from sqlalchemy.orm import scoped_session, sessionmaker

from coop.config import get_config

_cfg = get_config()

engine = create_engine(_cfg.DATABASE_URL, pool_pre_ping=True, echo=_cfg.SQL_ECHO)
SessionFactory = sessionmaker(bind=engine, autoflush=False, expire_on_commit=False)
db_session = scoped_session(SessionFactory)

celery = Celery("coop", broker=_cfg.BROKER_URL)
celery.conf.update(task_serializer="json", timezone="America/Regina")


def init_extensions(app):
    app.teardown_appcontext(shutdown_session)
    celery.conf.update(app.config.get("CELERY", {}))

    class ContextTask(celery.Task):
        def __call__(self, *args, **kwargs):
            with app.app_context():
                return self.run(*args, **kwargs)

    celery.Task = ContextTask


def shutdown_session(exception=None):
    db_session.remove()
