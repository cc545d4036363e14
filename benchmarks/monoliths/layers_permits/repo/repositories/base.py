from errors import NotFound
from utils.pagination import paginate


class BaseRepository:
    model = None

    def __init__(self, session):
        self.session = session

    def query(self):
        return self.session.query(self.model)

    def get(self, id_):
        return self.session.get(self.model, id_)

    def get_or_404(self, id_):
        obj = self.get(id_)
        if obj is None:
            raise NotFound("%s %s not found" % (self.model.__name__, id_))
        return obj

    def add(self, obj):
        self.session.add(obj)
        self.session.flush()
        return obj

    def list(self, **filters):
        return self.query().filter_by(**filters).all()

    def page(self, query=None, page=None, per_page=None):
        return paginate(query if query is not None else self.query(), page, per_page)

def next_sequence(session, table, prefix, year):
    """Next per-year sequence for record numbers. Reads the max existing number,
    which is fine at our volume (and the unique constraint catches races)."""
    from sqlalchemy import text

    like = "%s-%d-%%" % (prefix, year)
    row = session.execute(
        text("SELECT max(number) FROM %s WHERE number LIKE :like" % table), {"like": like}
    ).scalar()
    if not row:
        return 1
    return int(row.rsplit("-", 1)[1]) + 1
