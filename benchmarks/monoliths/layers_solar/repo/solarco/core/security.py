"""Auth.  Tokens are issued by the company SSO (Auth0); we only verify them."""
import hashlib
import hmac
import logging
from dataclasses import dataclass, field
from typing import List, Optional

import jwt
from fastapi import Depends, HTTPException, status
from fastapi.security import OAuth2PasswordBearer

from solarco.core.config import settings

log = logging.getLogger(__name__)

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/token", auto_error=False)

ROLE_ADMIN = "admin"
ROLE_SALES = "sales"
ROLE_OPS = "ops"
ROLE_FINANCE = "finance"
ROLE_SERVICE = "service"


@dataclass
class CurrentUser:
    sub: str
    email: str
    name: str = ""
    roles: List[str] = field(default_factory=list)

    def has_role(self, *roles: str) -> bool:
        return ROLE_ADMIN in self.roles or any(r in self.roles for r in roles)


def decode_token(token: str) -> dict:
    return jwt.decode(
        token,
        settings.jwt_secret,
        algorithms=[settings.jwt_algorithm],
        audience=settings.jwt_audience,
    )


def get_current_user(token: Optional[str] = Depends(oauth2_scheme)) -> CurrentUser:
    if settings.environment == "dev" and not token:
        # convenience for local development - DO NOT enable in prod
        return CurrentUser(sub="dev", email="dev@solarco.example", name="Dev", roles=[ROLE_ADMIN])
    if not token:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="Not authenticated")
    try:
        claims = decode_token(token)
    except jwt.PyJWTError as exc:
        log.info("bad token: %s", exc)
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="Invalid token")
    return CurrentUser(
        sub=claims["sub"],
        email=claims.get("email", ""),
        name=claims.get("name", ""),
        roles=claims.get("https://solarco.example/roles", []),
    )


def require_role(*roles: str):
    def checker(user: CurrentUser = Depends(get_current_user)) -> CurrentUser:
        if not user.has_role(*roles):
            raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="Forbidden")
        return user

    return checker


def verify_hmac_signature(secret: str, body: bytes, signature: str) -> bool:
    """Used by the webhooks (finance partner, inverter cloud)."""
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature or "")
