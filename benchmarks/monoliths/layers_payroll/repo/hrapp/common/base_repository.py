from sqlalchemy import select

from hrapp.common.errors import NotFound


class BaseRepository:
    model = None

    def __init__(self, session):
        self.session = session

    def get(self, pk):
        return self.session.get(self.model, pk)

    def get_or_404(self, pk):
        obj = self.get(pk)
        if obj is None:
            raise NotFound(f"{self.model.__name__} {pk} not found")
        return obj

    def add(self, obj):
        self.session.add(obj)
        self.session.flush()
        return obj

    def delete(self, obj):
        if hasattr(obj, "deleted_at"):
            obj.soft_delete()
        else:
            self.session.delete(obj)

    def list(self, limit=100, offset=0, **filters):
        stmt = select(self.model).filter_by(**filters).limit(limit).offset(offset)
        return self.session.execute(stmt).scalars().all()
