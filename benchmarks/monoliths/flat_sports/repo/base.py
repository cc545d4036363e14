"""
Base classes.  Dave's "mini ORM" from 2017.  Only some of the code uses it;
most of the newer code just calls queries.py directly.
"""
from db import query_one, query_all, execute, execute_returning


class Row(dict):
    """dict with attribute access"""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name)

    def __setattr__(self, name, value):
        self[name] = value


class BaseRepository(object):
    table = None
    pk = 'id'

    def get(self, id_):
        row = query_one('SELECT * FROM %s WHERE %s = %%s' % (self.table, self.pk), (id_,))
        return Row(row) if row else None

    def all(self, order_by=None):
        sql = 'SELECT * FROM %s' % self.table
        if order_by:
            sql += ' ORDER BY %s' % order_by
        return [Row(r) for r in query_all(sql)]

    def find(self, **kw):
        keys = sorted(kw)
        where = ' AND '.join('%s = %%s' % k for k in keys)
        sql = 'SELECT * FROM %s WHERE %s' % (self.table, where)
        return [Row(r) for r in query_all(sql, [kw[k] for k in keys])]

    def insert(self, **kw):
        keys = sorted(kw)
        sql = 'INSERT INTO %s (%s) VALUES (%s) RETURNING %s' % (
            self.table, ', '.join(keys), ', '.join(['%s'] * len(keys)), self.pk)
        return execute_returning(sql, [kw[k] for k in keys])

    def update(self, id_, **kw):
        keys = sorted(kw)
        sets = ', '.join('%s = %%s' % k for k in keys)
        sql = 'UPDATE %s SET %s WHERE %s = %%s' % (self.table, sets, self.pk)
        return execute(sql, [kw[k] for k in keys] + [id_])

    def delete(self, id_):
        return execute('DELETE FROM %s WHERE %s = %%s' % (self.table, self.pk), (id_,))
