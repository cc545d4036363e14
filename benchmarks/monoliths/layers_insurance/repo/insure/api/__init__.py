from flask import jsonify

from insure.errors import PasError


def handle_pas_error(err):
    resp = jsonify(err.to_dict())
    resp.status_code = err.status
    return resp


def register_blueprints(app):
    from insure.api import admin, billing, claims, parties, policies, quotes
    from insure.api import agents
    for mod in (parties, quotes, policies, billing, claims, agents, admin):
        app.register_blueprint(mod.bp)
    app.register_error_handler(PasError, handle_pas_error)
