import logging

from flask import abort
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from gh.extensions import db

log = logging.getLogger(__name__)


def get_or_404(model, ident):
    obj = model.query.get(ident)
    if obj is None:
        abort(404)
    return obj


def commit_or_rollback():
    try:
        db.session.commit()
        return True
    except SQLAlchemyError:
        log.exception("commit failed, rolling back")
        db.session.rollback()
        raise


def run_sql(sql, **params):
    return db.session.execute(text(sql), params).fetchall()


def rows_to_dicts(rows):
    return [dict(r._mapping) if hasattr(r, "_mapping") else dict(r) for r in rows]
