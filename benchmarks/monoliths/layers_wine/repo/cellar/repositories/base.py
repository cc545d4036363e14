from cellar.extensions import db


class BaseRepository(object):
    model = None

    def __init__(self, session=None):
        self.session = session or db.session

    def get(self, pk):
        return self.session.query(self.model).get(pk)

    def add(self, obj):
        self.session.add(obj)
        return obj

    def delete(self, obj):
        self.session.delete(obj)

    def list(self, **filters):
        return self.session.query(self.model).filter_by(**filters).all()

    def flush(self):
        self.session.flush()
