"""Blueprints for the back office screens."""


def register_views(app):
    from bakery.auth import load_current_user
    from bakery.views import (api, inventory, main, production, reports,
                              staff, tills, wastage, wholesale)
    app.before_request(load_current_user)
    for module in (main, production, inventory, tills, wholesale, staff, wastage, reports, api):
        app.register_blueprint(module.bp)
