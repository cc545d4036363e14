class PasError(Exception):
    status = 500
    code = "internal"

    def __init__(self, message, **details):
        super(PasError, self).__init__(message)
        self.message = message
        self.details = details

    def to_dict(self):
        d = {"error": self.code, "message": self.message}
        if self.details:
            d["details"] = self.details
        return d


class NotFound(PasError):
    status = 404
    code = "not_found"


class ValidationError(PasError):
    status = 400
    code = "invalid"


class BusinessRuleViolation(PasError):
    status = 409
    code = "rule_violation"


class Forbidden(PasError):
    status = 403
    code = "forbidden"
