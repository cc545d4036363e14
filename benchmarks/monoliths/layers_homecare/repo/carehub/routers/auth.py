from fastapi import APIRouter, Depends, HTTPException
from fastapi.security import OAuth2PasswordRequestForm
from sqlalchemy.orm import Session

from carehub.core.deps import get_current_user, get_db
from carehub.schemas.staff import Token
from carehub.services import auth_service

router = APIRouter(prefix="/api/auth", tags=["auth"])


@router.post("/token", response_model=Token)
def login_for_token(form: OAuth2PasswordRequestForm = Depends(), db: Session = Depends(get_db)):
    token = auth_service.login(db, form.username, form.password)
    if not token:
        raise HTTPException(status_code=400, detail="Incorrect email or password")
    return {"access_token": token, "token_type": "bearer"}


