class FleetcoError(Exception):
    status_code = 500

    def __init__(self, message, **details):
        super().__init__(message)
        self.message = message
        self.details = details


class NotFoundError(FleetcoError):
    status_code = 404


class ValidationError(FleetcoError):
    status_code = 422


class ConflictError(FleetcoError):
    status_code = 409
