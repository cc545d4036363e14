from typing import Generator, Optional

from fastapi import Depends, HTTPException, Query, status
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.orm import Session

from carehub.core.database import SessionLocal
from carehub.core.security import decode_access_token
from carehub.models.staff import User, Staff

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/auth/token")


def get_db() -> Generator:
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


def get_current_user(token: str = Depends(oauth2_scheme), db: Session = Depends(get_db)) -> User:
    payload = decode_access_token(token)
    if not payload:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="Invalid token")
    user = db.query(User).filter(User.id == int(payload["sub"])).first()
    if user is None or not user.is_active:
        raise HTTPException(status_code=401, detail="Inactive user")
    return user


def get_current_carer(user: User = Depends(get_current_user), db: Session = Depends(get_db)) -> Staff:
    staff = db.query(Staff).filter(Staff.user_id == user.id).first()
    if not staff:
        raise HTTPException(status_code=403, detail="Not a carer account")
    return staff


def require_roles(*roles):
    def checker(user=Depends(get_current_user)):
        if user.role not in roles and user.role != "admin":
            raise HTTPException(status_code=403, detail="Not allowed")
        return user
    return checker


def pagination(page: int = Query(1, ge=1), per_page: int = Query(50, le=500)):
    return {"offset": (page - 1) * per_page, "limit": per_page}
