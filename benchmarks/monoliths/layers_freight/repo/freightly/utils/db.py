"""Database helpers shared by repositories, services and batch jobs."""
import contextlib
import logging

from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from freightly.extensions import db_session, SessionFactory

log = logging.getLogger("freightly.db")


@contextlib.contextmanager
def session_scope(session=None):
    """Transactional scope. Used by batch jobs that run outside Flask."""
    own = session is None
    session = session or SessionFactory()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        if own:
            session.close()


def get_or_create(session, model, defaults=None, **lookup):
    instance = session.query(model).filter_by(**lookup).first()
    if instance is not None:
        return instance, False
    params = dict(lookup)
    params.update(defaults or {})
    instance = model(**params)
    session.add(instance)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        instance = session.query(model).filter_by(**lookup).one()
        return instance, False
    return instance, True


def paginate(query, page=1, per_page=50, max_per_page=500):
    page = max(1, int(page or 1))
    per_page = min(max_per_page, max(1, int(per_page or 50)))
    total = query.order_by(None).count()
    items = query.limit(per_page).offset((page - 1) * per_page).all()
    return {
        "items": items,
        "page": page,
        "per_page": per_page,
        "total": total,
        "pages": (total + per_page - 1) // per_page,
    }


def fetch_dicts(sql, params=None, session=None):
    """Run raw SQL and return a list of dicts."""
    session = session or db_session
    result = session.execute(text(sql), params or {})
    keys = list(result.keys())
    return [dict(zip(keys, row)) for row in result.fetchall()]


def next_sequence_value(name, session=None):
    """Postgres sequence helper, used for human readable document numbers."""
    session = session or db_session
    return session.execute(text("SELECT nextval(:n)"), {"n": name}).scalar()


def bulk_insert(session, model, rows, chunk=1000):
    rows = list(rows)
    for i in range(0, len(rows), chunk):
        session.bulk_insert_mappings(model, rows[i:i + chunk])
    log.debug("bulk inserted %d %s rows", len(rows), model.__tablename__)
    return len(rows)
