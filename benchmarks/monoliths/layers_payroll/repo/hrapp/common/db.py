from contextlib import contextmanager

from flask import g
from sqlalchemy import create_engine
from sqlalchemy.orm import declarative_base, sessionmaker

from hrapp.config import get_settings

Base = declarative_base()

_engine = None
SessionLocal = sessionmaker(autocommit=False, autoflush=False)


def get_engine():
    global _engine
    if _engine is None:
        settings = get_settings()
        _engine = create_engine(settings.database_url, echo=settings.echo_sql, pool_pre_ping=True, future=True)
        SessionLocal.configure(bind=_engine)
    return _engine


@contextmanager
def session_scope():
    """Transactional scope for jobs and scripts; request handlers use get_session()."""
    get_engine()
    session = SessionLocal()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()


def get_session():
    if "db_session" not in g:
        get_engine()
        g.db_session = SessionLocal()
    return g.db_session


def close_session(exc=None):
    session = g.pop("db_session", None)
    if session is None:
        return
    if exc is None:
        session.commit()
    else:
        session.rollback()
    session.close()


def init_db():
    import hrapp.models  # noqa: F401  (register mappers)

    Base.metadata.create_all(get_engine())
