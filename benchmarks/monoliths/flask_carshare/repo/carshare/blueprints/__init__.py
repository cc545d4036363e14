BLUEPRINT_MODULES = [
    ("carshare.blueprints.members", "/members"),
    ("carshare.blueprints.fleet", "/fleet"),
    ("carshare.blueprints.reservations", "/reservations"),
    ("carshare.blueprints.trips", "/trips"),
    ("carshare.blueprints.billing", "/billing"),
    ("carshare.blueprints.damage", "/damage"),
    ("carshare.blueprints.support", "/support"),
    ("carshare.blueprints.admin", "/admin"),
]


def register_blueprints(app):
    import importlib
    for module_name, prefix in BLUEPRINT_MODULES:
        mod = importlib.import_module(module_name)
        app.register_blueprint(mod.bp, url_prefix=prefix)
