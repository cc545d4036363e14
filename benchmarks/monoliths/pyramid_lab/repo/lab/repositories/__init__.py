"""Data access layer.

Newer code uses repository classes derived from BaseRepository; older modules
are plain functions taking ``conn`` first.  Both are fine, just be consistent
within a module.
"""
from sqlalchemy import select

from lab.lib import RecordNotFound


class BaseRepository(object):
    table = None

    def __init__(self, conn):
        self.conn = conn

    def get(self, pk):
        return self.conn.execute(select([self.table]).where(self.table.c.id == pk)).first()

    def get_or_404(self, pk):
        row = self.get(pk)
        if row is None:
            raise RecordNotFound("%s %s not found" % (self.table.name, pk))
        return row

    def insert(self, **values):
        res = self.conn.execute(self.table.insert().values(**values))
        return res.inserted_primary_key[0]

    def update(self, pk, **values):
        self.conn.execute(self.table.update().where(self.table.c.id == pk).values(**values))

    def all(self, *criteria, order_by=None):
        q = select([self.table])
        for c in criteria:
            q = q.where(c)
        if order_by is not None:
            q = q.order_by(order_by)
        return self.conn.execute(q).fetchall()
