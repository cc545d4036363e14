from contextlib import contextmanager
import logging

from sqlalchemy import create_engine, text
from sqlalchemy.ext.declarative import declarative_base
from sqlalchemy.orm import scoped_session, sessionmaker

log = logging.getLogger(__name__)

Base = declarative_base()
Session = scoped_session(sessionmaker(autoflush=False, expire_on_commit=False))
_engine = None


def configure(url, echo=False):
    global _engine
    kwargs = {"echo": echo}
    if not url.startswith("sqlite"):
        kwargs.update(pool_size=10, max_overflow=5, pool_pre_ping=True)
    _engine = create_engine(url, **kwargs)
    Session.configure(bind=_engine)
    return _engine


def get_engine():
    if _engine is None:
        from insure.config import get_config
        configure(get_config().DATABASE_URL)
    return _engine


def get_session():
    get_engine()
    return Session()


def remove_session():
    Session.remove()


@contextmanager
def session_scope():
    """Commit-or-rollback block for jobs and scripts (the API commits itself)."""
    session = get_session()
    try:
        yield session
        session.commit()
    except Exception:
        log.exception("rolling back")
        session.rollback()
        raise
    finally:
        session.close()


def fetch_all(sql, **params):
    """Raw SQL helper used by the reports. Returns a list of dicts."""
    result = get_session().execute(text(sql), params)
    return [dict(row._mapping) for row in result]


def fetch_scalar(sql, **params):
    return get_session().execute(text(sql), params).scalar()
