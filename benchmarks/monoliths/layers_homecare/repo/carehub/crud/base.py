from typing import Any, Generic, List, Optional, Type, TypeVar

from sqlalchemy.orm import Session

from carehub.core.exceptions import NotFound

ModelType = TypeVar("ModelType")


class CRUDBase(Generic[ModelType]):
    def __init__(self, model: Type[ModelType]):
        self.model = model

    def get(self, db: Session, id: Any) -> Optional[ModelType]:
        return db.get(self.model, id)

    def get_or_404(self, db: Session, id: Any) -> ModelType:
        obj = db.get(self.model, id)
        if obj is None:
            raise NotFound("%s %s not found" % (self.model.__name__, id))
        return obj

    def list(self, db: Session, offset: int = 0, limit: int = 100) -> List[ModelType]:
        return db.query(self.model).offset(offset).limit(limit).all()

    def create(self, db: Session, data: dict) -> ModelType:
        obj = self.model(**data)
        db.add(obj)
        db.flush()
        return obj

    def update(self, db: Session, obj: ModelType, data: dict) -> ModelType:
        for k, v in data.items():
            if v is not None:
                setattr(obj, k, v)
        db.add(obj)
        return obj

    def remove(self, db: Session, id: Any):
        obj = db.get(self.model, id)
        if obj:
            db.delete(obj)
        return obj
