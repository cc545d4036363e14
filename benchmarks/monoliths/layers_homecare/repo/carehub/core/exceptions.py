from fastapi import Request
from fastapi.responses import JSONResponse


class CareHubError(Exception):
    status_code = 400

    def __init__(self, message, **details):
        super().__init__(message)
        self.message = message
        self.details = details


class NotFound(CareHubError):
    status_code = 404


class VisitConflict(CareHubError):
    status_code = 409


class ComplianceBlock(CareHubError):
    """Raised when a carer cannot be rostered (DBS / training lapsed)"""
    status_code = 422


async def carehub_error_handler(request: Request, exc: CareHubError):
    return JSONResponse(status_code=exc.status_code,
                        content={"detail": exc.message, **exc.details})
