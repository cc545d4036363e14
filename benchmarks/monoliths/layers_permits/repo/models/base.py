"""Declarative base, engine and session handling.

Request code gets its session from ``get_session()``; the scoped session is
removed in app teardown. Cron jobs use ``session_scope()``."""
import contextlib
import datetime as dt

from sqlalchemy import Column, DateTime, Integer, create_engine
from sqlalchemy.orm import declarative_base, scoped_session, sessionmaker

import config

engine = create_engine(config.get("DATABASE_URL"), pool_pre_ping=True, future=True)
Session = scoped_session(sessionmaker(bind=engine, autoflush=False, expire_on_commit=False))
Base = declarative_base()


class IdMixin:
    id = Column(Integer, primary_key=True)


class TimestampMixin:
    created_at = Column(DateTime, default=dt.datetime.utcnow, nullable=False)
    updated_at = Column(DateTime, default=dt.datetime.utcnow, onupdate=dt.datetime.utcnow)


def get_session():
    return Session()


@contextlib.contextmanager
def session_scope():
    session = Session()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        Session.remove()


def remove_session(exc=None):
    if exc is not None:
        Session.rollback()
    Session.remove()


def init_db():
    import models  # noqa: F401  registers every table on Base.metadata

    Base.metadata.create_all(engine)
