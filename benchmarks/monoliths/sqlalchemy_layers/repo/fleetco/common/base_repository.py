from sqlalchemy import delete, select, update

from fleetco.common.errors import NotFoundError


class BaseRepository:
    """CRUD helpers shared by all repositories. Subclasses set ``model``."""

    model = None

    def __init__(self, session):
        self.session = session

    def get(self, id_):
        obj = self.session.get(self.model, id_)
        if obj is None:
            raise NotFoundError(f"{self.model.__name__} {id_} not found")
        return obj

    def list(self, limit=100, offset=0, **filters):
        stmt = select(self.model).filter_by(**filters).offset(offset).limit(limit)
        return self.session.execute(stmt).scalars().all()

    def add(self, obj):
        self.session.add(obj)
        self.session.flush()
        return obj

    def update_fields(self, id_, **values):
        stmt = update(self.model).where(self.model.id == id_).values(**values)
        result = self.session.execute(stmt)
        if result.rowcount == 0:
            raise NotFoundError(f"{self.model.__name__} {id_} not found")
        return result.rowcount

    def delete(self, id_):
        stmt = delete(self.model).where(self.model.id == id_)
        return self.session.execute(stmt).rowcount
