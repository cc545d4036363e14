import logging
from contextlib import contextmanager

from sqlalchemy import text
from werkzeug.exceptions import NotFound

from coop.extensions import db_session

log = logging.getLogger(__name__)


@contextmanager
def session_scope():
    """Transactional scope for jobs (API requests commit explicitly)."""
    session = db_session()
    try:
        yield session
        session.commit()
    except Exception:
        log.exception("rolling back")
        session.rollback()
        raise


def commit_or_rollback(session=None):
    session = session or db_session
    try:
        session.commit()
    except Exception:
        session.rollback()
        raise


def get_or_404(model, ident):
    obj = db_session.query(model).get(ident)
    if obj is None:
        raise NotFound("%s %s not found" % (model.__name__, ident))
    return obj


def paginate(query, page=1, per_page=50):
    page = max(int(page or 1), 1)
    total = query.order_by(None).count()
    items = query.limit(per_page).offset((page - 1) * per_page).all()
    return {"items": items, "total": total, "page": page, "per_page": per_page}


def execute_sql(sql, params=None, session=None):
    """Run raw SQL, return list of dict rows."""
    session = session or db_session
    result = session.execute(text(sql), params or {})
    keys = list(result.keys())
    return [dict(zip(keys, row)) for row in result.fetchall()]


def scalar_sql(sql, params=None, session=None):
    session = session or db_session
    return session.execute(text(sql), params or {}).scalar()
