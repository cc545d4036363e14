"""Generic repository base.  Added in 2019 as part of the "clean
architecture" push; about half the code uses it."""
from wastecorp.extensions import db


class NotFound(Exception):
    def __init__(self, model, key):
        super(NotFound, self).__init__("%s %r not found" % (model.__name__, key))
        self.model = model
        self.key = key


class Page(object):
    def __init__(self, items, total, page, per_page):
        self.items = items
        self.total = total
        self.page = page
        self.per_page = per_page

    @property
    def pages(self):
        if not self.per_page:
            return 0
        return (self.total + self.per_page - 1) // self.per_page

    def as_dict(self, serialise):
        return {"items": [serialise(i) for i in self.items], "total": self.total,
                "page": self.page, "pages": self.pages}


class BaseRepository(object):
    model = None

    def __init__(self, session=None):
        self.session = session or db.session

    def query(self):
        return self.session.query(self.model)

    def get(self, pk):
        return self.session.query(self.model).get(pk)

    def get_or_404(self, pk):
        obj = self.get(pk)
        if obj is None:
            raise NotFound(self.model, pk)
        return obj

    def find_by(self, **kwargs):
        return self.query().filter_by(**kwargs).all()

    def first_by(self, **kwargs):
        return self.query().filter_by(**kwargs).first()

    def add(self, obj, commit=False):
        self.session.add(obj)
        if commit:
            self.session.commit()
        return obj

    def delete(self, obj, commit=False):
        self.session.delete(obj)
        if commit:
            self.session.commit()

    def paginate(self, q=None, page=1, per_page=50):
        q = q if q is not None else self.query()
        total = q.count()
        items = q.offset((page - 1) * per_page).limit(per_page).all()
        return Page(items, total, page, per_page)

    def commit(self):
        self.session.commit()
