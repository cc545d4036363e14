from flask import jsonify

from gh.utils.validators import ValidationError


def register_blueprints(app):
    from gh.api import auth, flights, turnarounds, roster, equipment, baggage, billing, fuel, training, admin, reports
    for mod in (auth, flights, turnarounds, roster, equipment, baggage, billing, fuel, training, admin, reports):
        app.register_blueprint(mod.bp)
    app.register_error_handler(ValidationError, handle_validation_error)


def handle_validation_error(exc):
    return jsonify({"error": str(exc), "field": getattr(exc, "field", None)}), 400
