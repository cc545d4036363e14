"""Repository layer.

Started in 2019 as "the right way" to access data. About half of the
services still query the session directly. Don't @ me.
"""
from freightly.extensions import db_session


class NotFound(Exception):
    pass


class BaseRepository(object):
    model = None

    def __init__(self, session=None):
        self.session = session or db_session

    def query(self):
        return self.session.query(self.model)

    def get(self, pk):
        return self.session.query(self.model).get(pk)

    def get_or_404(self, pk):
        obj = self.get(pk)
        if obj is None:
            raise NotFound("%s %s not found" % (self.model.__name__, pk))
        return obj

    def find_by(self, **kwargs):
        return self.query().filter_by(**kwargs).all()

    def first_by(self, **kwargs):
        return self.query().filter_by(**kwargs).first()

    def add(self, obj, flush=True):
        self.session.add(obj)
        if flush:
            self.session.flush()
        return obj

    def delete(self, obj):
        self.session.delete(obj)

    def commit(self):
        self.session.commit()
