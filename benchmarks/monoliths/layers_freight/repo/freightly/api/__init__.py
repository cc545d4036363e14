"""HTTP API (Flask blueprints)."""
import logging

from flask import jsonify, request

from freightly.repositories import NotFound
from freightly.services import ServiceError
from freightly.utils.validators import ValidationError

log = logging.getLogger("freightly.api")


class ApiError(Exception):
    def __init__(self, message, status_code=400):
        Exception.__init__(self, message)
        self.message = message
        self.status_code = status_code


def get_json_or_400():
    data = request.get_json(silent=True)
    if data is None:
        raise ApiError("expected a JSON body")
    return data


def current_user():
    # set by the SSO proxy in front of us
    return request.headers.get("X-Remote-User", "api")


def pagination_args():
    return (request.args.get("page", 1, type=int),
            request.args.get("per_page", 50, type=int))


def register_blueprints(app):
    from freightly.api.bookings import bp as bookings_bp
    from freightly.api.carriers import bp as carriers_bp
    from freightly.api.customs import bp as customs_bp
    from freightly.api.warehouse import bp as warehouse_bp
    from freightly.api.accounts import bp as accounts_bp
    from freightly.api.ops import bp as ops_bp
    from freightly.api.admin import bp as admin_bp

    app.register_blueprint(bookings_bp, url_prefix="/api/v1/bookings")
    app.register_blueprint(carriers_bp, url_prefix="/api/v1/carriers")
    app.register_blueprint(customs_bp, url_prefix="/api/v1/customs")
    app.register_blueprint(warehouse_bp, url_prefix="/api/v1/warehouse")
    app.register_blueprint(accounts_bp, url_prefix="/api/v1/accounts")
    app.register_blueprint(ops_bp, url_prefix="/api/v1/ops")
    app.register_blueprint(admin_bp, url_prefix="/admin")


def register_error_handlers(app):
    @app.errorhandler(ApiError)
    def _api_error(exc):
        return jsonify({"error": exc.message}), exc.status_code

    @app.errorhandler(ServiceError)
    def _service_error(exc):
        body = {"error": exc.message}
        body.update(exc.payload)
        return jsonify(body), exc.status_code

    @app.errorhandler(ValidationError)
    def _validation_error(exc):
        return jsonify({"error": exc.message, "field": exc.field}), 422

    @app.errorhandler(NotFound)
    def _not_found(exc):
        return jsonify({"error": str(exc)}), 404
