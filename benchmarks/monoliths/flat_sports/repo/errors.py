"""Exception classes.  Most of these get turned into flash messages in app.py"""


class AppError(Exception):
    status = 400

    def __init__(self, message, status=None):
        Exception.__init__(self, message)
        self.message = message
        if status is not None:
            self.status = status


class NotFound(AppError):
    status = 404


class Forbidden(AppError):
    status = 403


class ValidationError(AppError):
    def __init__(self, message, field=None):
        AppError.__init__(self, message)
        self.field = field


class SlotUnavailable(AppError):
    """Raised when a facility slot clashes with another booking or a closure."""
    status = 409

    def __init__(self, message, clashes=None):
        AppError.__init__(self, message)
        self.clashes = clashes or []


class PaymentDeclined(AppError):
    """Card payment declined by the gateway (see payments_gateway)."""
    status = 402

    def __init__(self, message, gateway_code=None):
        AppError.__init__(self, message)
        self.gateway_code = gateway_code
