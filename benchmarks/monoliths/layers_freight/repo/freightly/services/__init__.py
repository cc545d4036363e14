"""Business logic layer."""


class ServiceError(Exception):
    """Base class for errors raised from services (mapped to 4xx in the API)."""
    status_code = 400

    def __init__(self, message, status_code=None, payload=None):
        Exception.__init__(self, message)
        self.message = message
        if status_code is not None:
            self.status_code = status_code
        self.payload = payload or {}
