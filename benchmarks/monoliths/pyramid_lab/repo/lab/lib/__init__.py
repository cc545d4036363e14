"""Shared helpers.  Exceptions live here for historical reasons."""


class LabError(Exception):
    """Base for all domain errors raised by services."""

    status_code = 400

    def __init__(self, message, **details):
        super(LabError, self).__init__(message)
        self.message = message
        self.details = details


class RecordNotFound(LabError):
    status_code = 404


class InvalidInput(LabError):
    pass


class StateError(LabError):
    """Raised when an action is not allowed in the current status."""

    status_code = 409


class NotAuthorised(LabError):
    status_code = 403
