from flask import request, jsonify


def register_blueprints(app):
    from wastecorp.api.customers import bp as customers_bp
    from wastecorp.api.containers import bp as containers_bp
    from wastecorp.api.routes import bp as routes_bp
    from wastecorp.api.depot import bp as depot_bp
    from wastecorp.api.weighbridge import bp as weighbridge_bp
    from wastecorp.api.billing import bp as billing_bp
    from wastecorp.api.recycling import bp as recycling_bp

    app.register_blueprint(customers_bp, url_prefix="/api/customers")
    app.register_blueprint(containers_bp, url_prefix="/api/containers")
    app.register_blueprint(routes_bp, url_prefix="/api/routes")
    app.register_blueprint(depot_bp, url_prefix="/api/depot")
    app.register_blueprint(weighbridge_bp, url_prefix="/api/weighbridge")
    app.register_blueprint(billing_bp, url_prefix="/api/billing")
    app.register_blueprint(recycling_bp, url_prefix="/api/recycling")


def page_args(default_per_page=50):
    try:
        page = max(1, int(request.args.get("page", 1)))
        per_page = min(500, int(request.args.get("per_page", default_per_page)))
    except ValueError:
        page, per_page = 1, default_per_page
    return page, per_page


def error_response(message, status=400):
    return jsonify({"error": message}), status


def json_body():
    return request.get_json(force=True, silent=True) or {}
