from flask import jsonify

from hrapp.common.errors import HRAppError


def register_blueprints(app):
    from hrapp.api.admin import bp as admin_bp
    from hrapp.api.benefits import bp as benefits_bp
    from hrapp.api.employees import bp as employees_bp
    from hrapp.api.expenses import bp as expenses_bp
    from hrapp.api.hiring import bp as hiring_bp
    from hrapp.api.payroll import bp as payroll_bp
    from hrapp.api.reviews import bp as reviews_bp
    from hrapp.api.time import bp as time_bp

    for bp in (employees_bp, hiring_bp, time_bp, payroll_bp, benefits_bp, reviews_bp, expenses_bp, admin_bp):
        app.register_blueprint(bp)


def handle_app_error(exc: HRAppError):
    response = jsonify(exc.to_dict())
    response.status_code = exc.status_code
    return response
