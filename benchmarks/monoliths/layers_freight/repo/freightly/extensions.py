"""Database engine and session handling.

We do not use Flask-SQLAlchemy (it was removed in 2019 because the batch jobs
run outside of an app context).
"""
from sqlalchemy import create_engine
from sqlalchemy.orm import scoped_session, sessionmaker

engine = None
SessionFactory = sessionmaker(autocommit=False, autoflush=False)
db_session = scoped_session(SessionFactory)


def init_engine(uri, echo=False, **kwargs):
    global engine
    opts = {"echo": echo, "pool_pre_ping": True}
    if not uri.startswith("sqlite"):
        opts.update(pool_size=10, max_overflow=20)
    opts.update(kwargs)
    engine = create_engine(uri, **opts)
    SessionFactory.configure(bind=engine)
    return engine


def init_db():
    """Create all tables. Only used for dev and tests; prod uses alembic."""
    from freightly.models import Base  # noqa
    Base.metadata.create_all(bind=engine)


def drop_db():
    from freightly.models import Base  # noqa
    Base.metadata.drop_all(bind=engine)
