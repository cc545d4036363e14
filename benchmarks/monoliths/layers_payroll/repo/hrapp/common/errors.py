class HRAppError(Exception):
    status_code = 400

    def __init__(self, message, *, details=None):
        super().__init__(message)
        self.message = message
        self.details = details or {}

    def to_dict(self):
        return {"error": self.__class__.__name__, "message": self.message, "details": self.details}


class NotFound(HRAppError):
    status_code = 404


class ValidationFailed(HRAppError):
    status_code = 422


class PermissionDenied(HRAppError):
    status_code = 403


class StateConflict(HRAppError):
    status_code = 409
