class CarshareError(Exception):
    status_code = 400

    def __init__(self, message, status_code=None, payload=None):
        super(CarshareError, self).__init__(message)
        self.message = message
        if status_code is not None:
            self.status_code = status_code
        self.payload = payload or {}

    def to_dict(self):
        d = dict(self.payload)
        d["error"] = self.message
        return d


class NotFound(CarshareError):
    status_code = 404


class ValidationError(CarshareError):
    status_code = 422


class PermissionDenied(CarshareError):
    status_code = 403


class LicenceNotValid(CarshareError):
    status_code = 403


class ReservationConflict(CarshareError):
    status_code = 409


class PaymentDeclined(CarshareError):
    status_code = 402


class OutsideParkingZone(CarshareError):
    """Trip can't end here - not in a zone or zone is restricted right now."""
    status_code = 409
