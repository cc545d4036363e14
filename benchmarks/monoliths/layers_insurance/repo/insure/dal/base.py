from insure.db import get_session
from insure.errors import NotFound


class BaseRepository(object):
    model = None

    def __init__(self, session=None):
        self.session = session or get_session()

    def query(self):
        return self.session.query(self.model)

    def get(self, id_):
        return self.query().get(id_)

    def get_or_404(self, id_):
        obj = self.get(id_)
        if obj is None:
            raise NotFound("%s %s not found" % (self.model.__name__, id_))
        return obj

    def add(self, obj):
        self.session.add(obj)
        return obj

    def flush(self):
        self.session.flush()
