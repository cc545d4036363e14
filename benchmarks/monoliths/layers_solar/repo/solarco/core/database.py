"""Engine / session plumbing shared by everything."""
import logging
from contextlib import contextmanager
from typing import Any, Dict, Iterator, List

from sqlalchemy import Column, DateTime, create_engine, func, text
from sqlalchemy.orm import Session, declarative_base, sessionmaker

from solarco.core.config import settings

log = logging.getLogger(__name__)

engine = create_engine(
    settings.database_url,
    pool_pre_ping=True,
    pool_size=settings.db_pool_size,
    echo=settings.db_echo,
    future=True,
)
SessionLocal = sessionmaker(bind=engine, autoflush=False, expire_on_commit=False, future=True)
Base = declarative_base()


class TimestampMixin:
    created_at = Column(DateTime, server_default=func.now(), nullable=False)
    updated_at = Column(DateTime, server_default=func.now(), onupdate=func.now())


def get_db() -> Iterator[Session]:
    """FastAPI dependency."""
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


@contextmanager
def session_scope() -> Iterator[Session]:
    """For workers and scripts: commit on success, rollback on error."""
    db = SessionLocal()
    try:
        yield db
        db.commit()
    except Exception:
        log.exception("rolling back session")
        db.rollback()
        raise
    finally:
        db.close()


def init_db() -> None:
    # importing the models registers them on Base.metadata
    import solarco.models  # noqa: F401

    Base.metadata.create_all(bind=engine)


def fetch_all(db: Session, sql: str, **params: Any) -> List[Dict[str, Any]]:
    """Run a raw SQL string and return a list of plain dicts."""
    result = db.execute(text(sql), params)
    return [dict(r) for r in result.mappings().all()]


def fetch_one(db: Session, sql: str, **params: Any) -> Dict[str, Any]:
    row = db.execute(text(sql), params).mappings().first()
    return dict(row) if row else {}


def fetch_scalar(db: Session, sql: str, **params: Any) -> Any:
    return db.execute(text(sql), params).scalar()
