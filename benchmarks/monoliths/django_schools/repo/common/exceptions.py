class SISError(Exception):
    """Base class for errors we show to the user instead of a 500."""

    def __init__(self, message, code=None):
        super(SISError, self).__init__(message)
        self.message = message
        self.code = code

    def __str__(self):
        return self.message


class NotAllowed(SISError):
    pass


class Locked(SISError):
    """Raised when somebody edits a record after its lock date."""
    pass
