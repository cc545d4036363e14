"""Business services.  Views and tasks should call these, not the repos."""


class ServiceError(Exception):
    """Base for business-rule violations; the API maps these to HTTP 409/422."""
    status_code = 422

    def __init__(self, message, code=None, **details):
        super(ServiceError, self).__init__(message)
        self.message = message
        self.code = code
        self.details = details


class ConflictError(ServiceError):
    status_code = 409


def require(condition, message, code=None):
    if not condition:
        raise ServiceError(message, code=code)
