class PermitsError(Exception):
    status_code = 400

    def __init__(self, message, payload=None):
        super().__init__(message)
        self.message = message
        self.payload = payload or {}

    def to_dict(self):
        d = dict(self.payload)
        d["error"] = self.message
        return d


class NotFound(PermitsError):
    status_code = 404


class ValidationFailed(PermitsError):
    status_code = 422


class BusinessRuleViolation(PermitsError):
    status_code = 409


class Forbidden(PermitsError):
    status_code = 403
