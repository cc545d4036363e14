"""DB helpers. Most code should just use db.session directly, these are
for the awkward bits (raw SQL, paging, transactions in tasks)."""
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from cellar.extensions import db
from cellar.utils.errors import NotFound


def get_session():
    return db.session


@contextmanager
def session_scope():
    session = db.session
    try:
        yield session
        session.commit()
    except SQLAlchemyError:
        session.rollback()
        raise


def get_or_404(model, pk):
    obj = db.session.query(model).get(pk)
    if obj is None:
        raise NotFound("%s %s not found" % (model.__name__, pk))
    return obj


def execute_raw(sql, **params):
    """Run a raw SQL string, return list of dict rows."""
    result = db.session.execute(text(sql), params)
    if result.returns_rows:
        return [dict(r._mapping) for r in result]
    return []


def paginate(query, page=1, per_page=50):
    page = max(int(page or 1), 1)
    items = query.limit(per_page).offset((page - 1) * per_page).all()
    total = query.order_by(None).count()
    return {"items": items, "page": page, "per_page": per_page, "total": total}


def next_document_number(prefix, sequence_name):
    # postgres sequences: inv_seq, so_seq, po_seq, cn_seq
    value = db.session.execute(text("SELECT nextval(:s)"), {"s": sequence_name}).scalar()
    return "%s%06d" % (prefix, value)
