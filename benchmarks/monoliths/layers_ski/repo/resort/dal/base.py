import math

from pyramid.httpexceptions import HTTPNotFound

from ..models import DBSession


class BaseRepository(object):
    model = None

    def __init__(self, session=None):
        self.session = session or DBSession

    def query(self):
        return self.session.query(self.model)

    def get(self, ident):
        return self.session.query(self.model).get(ident)

    def add(self, obj):
        self.session.add(obj)
        return obj

    def delete(self, obj):
        if hasattr(obj, 'soft_delete'):
            obj.soft_delete()
        else:
            self.session.delete(obj)

    def flush(self):
        self.session.flush()


def get_or_404(model, ident):
    obj = DBSession.query(model).get(ident)
    if obj is None:
        raise HTTPNotFound('%s %s not found' % (model.__name__, ident))
    return obj


class Page(object):

    def __init__(self, items, page, per_page, total):
        self.items = items
        self.page = page
        self.per_page = per_page
        self.total = total

    @property
    def pages(self):
        return int(math.ceil(self.total / float(self.per_page))) if self.per_page else 1


def paginate(query, page=1, per_page=50):
    try:
        page = max(int(page), 1)
    except (TypeError, ValueError):
        page = 1
    total = query.order_by(None).count()
    items = query.limit(per_page).offset((page - 1) * per_page).all()
    return Page(items, page, per_page, total)
