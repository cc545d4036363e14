from flask import jsonify

from errors import PermitsError


def handle_error(exc):
    resp = jsonify(exc.to_dict())
    resp.status_code = exc.status_code
    return resp


def register_blueprints(app):
    from api import admin, contractors, enforcement, fees, inspections, permits, public, reviews, staff

    for module in (permits, reviews, fees, inspections, contractors, enforcement, staff, admin):
        app.register_blueprint(module.bp, url_prefix="/api")
    app.register_blueprint(public.bp, url_prefix="/public/v1")
    app.register_error_handler(PermitsError, handle_error)
