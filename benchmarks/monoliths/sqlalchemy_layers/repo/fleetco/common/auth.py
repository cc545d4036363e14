from fastapi import Depends, Header, HTTPException

from fleetco.config import get_settings


class ApiUser:
    def __init__(self, key, role="ops"):
        self.key = key
        self.role = role

    @property
    def is_admin(self):
        return self.role == "admin"


def require_api_key(x_api_key: str = Header(None)):
    settings = get_settings()
    if not settings.is_production() and not settings.api_keys:
        return ApiUser("dev", role="admin")
    if x_api_key not in settings.api_keys:
        raise HTTPException(status_code=401, detail="invalid api key")
    role = "admin" if x_api_key.startswith("adm_") else "ops"
    return ApiUser(x_api_key, role=role)


def require_admin(user: ApiUser = Depends(require_api_key)):
    if not user.is_admin:
        raise HTTPException(status_code=403, detail="admin only")
    return user
