from contextlib import contextmanager

from sqlalchemy import create_engine
from sqlalchemy.orm import declarative_base, sessionmaker

from fleetco.config import get_settings

Base = declarative_base()

_engine = None
SessionLocal = sessionmaker(autocommit=False, autoflush=False)


def get_engine():
    global _engine
    if _engine is None:
        settings = get_settings()
        _engine = create_engine(
            settings.database_url, echo=settings.echo_sql, pool_pre_ping=True, future=True
        )
        SessionLocal.configure(bind=_engine)
    return _engine


@contextmanager
def session_scope():
    """Transactional scope for scripts and jobs (the API uses get_db)."""
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


def get_db():
    # FastAPI dependency: one transaction per request
    with session_scope() as db:
        yield db


def init_db():
    # only for local dev and tests; production goes through alembic
    import fleetco.models  # noqa: F401

    Base.metadata.create_all(get_engine())
