from typing import Any, Generic, List, Optional, Type, TypeVar

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from solarco.core.utils import NotFoundError

ModelT = TypeVar("ModelT")


class BaseRepository(Generic[ModelT]):
    """Generic CRUD repository.  Subclasses set ``model``."""

    model: Type[ModelT] = None  # type: ignore

    def __init__(self, db: Session):
        self.db = db

    def get(self, ident: Any) -> Optional[ModelT]:
        return self.db.get(self.model, ident)

    def get_or_404(self, ident: Any) -> ModelT:
        obj = self.get(ident)
        if obj is None:
            raise NotFoundError(self.model.__name__, ident)
        return obj

    def list(self, offset: int = 0, limit: int = 50, order_by=None, **filters: Any) -> List[ModelT]:
        stmt = select(self.model).filter_by(**filters)
        if order_by is not None:
            stmt = stmt.order_by(order_by)
        else:
            stmt = stmt.order_by(self.model.id.desc())
        stmt = stmt.offset(offset).limit(limit)
        return list(self.db.scalars(stmt))

    def count(self, **filters: Any) -> int:
        stmt = select(func.count()).select_from(self.model).filter_by(**filters)
        return self.db.execute(stmt).scalar_one()

    def add(self, obj: ModelT) -> ModelT:
        self.db.add(obj)
        self.db.flush()
        return obj

    def update(self, obj: ModelT, **values: Any) -> ModelT:
        for key, value in values.items():
            setattr(obj, key, value)
        self.db.flush()
        return obj

    def delete(self, obj: ModelT) -> None:
        self.db.delete(obj)
        self.db.flush()

    def delete_where(self, **filters: Any) -> int:
        stmt = delete(self.model).filter_by(**filters)
        return self.db.execute(stmt).rowcount

    def commit(self) -> None:
        self.db.commit()
