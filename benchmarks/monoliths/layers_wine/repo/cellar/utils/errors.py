from flask import jsonify


class AppError(Exception):
    status_code = 400

    def __init__(self, message, payload=None):
        super(AppError, self).__init__(message)
        self.message = message
        self.payload = payload or {}


class NotFound(AppError):
    status_code = 404


class ValidationError(AppError):
    status_code = 422


class BusinessRuleError(AppError):
    status_code = 409


def register_error_handlers(app):
    @app.errorhandler(AppError)
    def _handle(err):
        body = dict(err.payload)
        body["error"] = err.message
        return jsonify(body), err.status_code
