"""Repository layer.  Introduced in 2018 to get queries out of the views.

Not everything goes through here (reports and the tasks still hit the session
directly).  New code should though.
"""
from coop.extensions import db_session


class BaseRepository(object):
    model = None

    def __init__(self, session=None):
        self.session = session or db_session

    def get(self, ident):
        return self.session.query(self.model).get(ident)

    def get_by(self, **kwargs):
        return self.session.query(self.model).filter_by(**kwargs).first()

    def list(self, limit=None, **filters):
        q = self.session.query(self.model).filter_by(**filters)
        if limit:
            q = q.limit(limit)
        return q.all()

    def add(self, obj):
        self.session.add(obj)
        self.session.flush()
        return obj

    def delete(self, obj):
        self.session.delete(obj)

    def count(self, **filters):
        return self.session.query(self.model).filter_by(**filters).count()


class NotFoundError(LookupError):
    pass
