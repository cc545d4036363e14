"""Thin helpers around db.session. Some of these predate Flask-SQLAlchemy's
own paginate() and we never got round to removing them."""
import logging

from flask import abort, current_app
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from festival.extensions import db

log = logging.getLogger(__name__)


def get_or_404(model, record_id):
    obj = model.query.get(record_id)
    if obj is None:
        abort(404)
    return obj


def first_or_none(query):
    try:
        return query.first()
    except SQLAlchemyError:
        log.exception("query failed")
        return None


def paginate_query(query, page=1, per_page=None):
    per_page = per_page or current_app.config.get("PER_PAGE", 50)
    page = max(int(page or 1), 1)
    total = query.order_by(None).count()
    items = query.limit(per_page).offset((page - 1) * per_page).all()
    return {"items": items, "page": page, "per_page": per_page, "total": total,
            "pages": (total + per_page - 1) // per_page}


def commit_or_rollback():
    try:
        db.session.commit()
        return True
    except IntegrityError:
        db.session.rollback()
        log.warning("integrity error, rolled back")
        return False


def raw_rows(sql, **params):
    """Run raw SQL and return a list of dicts."""
    result = db.session.execute(text(sql), params)
    keys = list(result.keys())
    return [dict(zip(keys, row)) for row in result.fetchall()]


def raw_scalar(sql, **params):
    return db.session.execute(text(sql), params).scalar()


def bulk_save(objects, chunk=500):
    for i in range(0, len(objects), chunk):
        db.session.add_all(objects[i:i + chunk])
        db.session.flush()
    db.session.commit()
