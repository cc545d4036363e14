from fastapi import HTTPException
from sqlalchemy import select


class BaseRepository:
    model = None

    def __init__(self, db):
        self.db = db

    def get(self, id_):
        return self.db.get(self.model, id_)

    def get_or_404(self, id_):
        obj = self.get(id_)
        if obj is None:
            raise HTTPException(status_code=404, detail=f"{self.model.__name__} {id_} not found")
        return obj

    def add(self, obj):
        self.db.add(obj)
        self.db.flush()
        return obj

    def list(self, limit=100, **filters):
        stmt = select(self.model).filter_by(**filters).limit(limit)
        return list(self.db.scalars(stmt))

    def query(self):
        return self.db.query(self.model)

    def delete(self, obj):
        self.db.delete(obj)
