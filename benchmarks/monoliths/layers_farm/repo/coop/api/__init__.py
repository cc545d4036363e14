import logging

from flask import jsonify, request
from werkzeug.exceptions import BadRequest, HTTPException

from coop.extensions import db_session
from coop.services import ServiceError

log = logging.getLogger(__name__)


class ApiError(Exception):
    def __init__(self, message, status=400):
        super(ApiError, self).__init__(message)
        self.message = message
        self.status = status


def body():
    data = request.get_json(silent=True)
    if data is None:
        raise BadRequest("JSON body required")
    return data


def current_user():
    return request.headers.get("X-Coop-User", "anonymous")


def handle_errors(app):
    @app.errorhandler(ServiceError)
    def _service(err):
        db_session.rollback()
        return jsonify({"error": err.message, "code": err.code}), err.status_code

    @app.errorhandler(ApiError)
    def _api(err):
        db_session.rollback()
        return jsonify({"error": err.message}), err.status

    @app.errorhandler(HTTPException)
    def _http(err):
        return jsonify({"error": err.description}), err.code


def register_blueprints(app):
    from coop.api.members import bp as members_bp
    from coop.api.operations import bp as ops_bp
    from coop.api.grain import bp as grain_bp
    from coop.api.sales import bp as sales_bp
    from coop.api.finance import bp as finance_bp
    from coop.api.reports import bp as reports_bp

    app.register_blueprint(members_bp, url_prefix="/api/members")
    app.register_blueprint(ops_bp, url_prefix="/api/ops")
    app.register_blueprint(grain_bp, url_prefix="/api/grain")
    app.register_blueprint(sales_bp, url_prefix="/api/sales")
    app.register_blueprint(finance_bp, url_prefix="/api/finance")
    app.register_blueprint(reports_bp, url_prefix="/api/reports")
    handle_errors(app)
