# -*- coding: utf-8 -*-
"""Back office admin UI (Flask). Added 2020 to replace the psql one-liners
the front office was sending to IT.

Run:  FLASK_APP=admin flask run  (prod runs it under gunicorn, see ops repo)
"""
from flask import Flask, g, render_template

from lib import config, dbutil


def create_app(test_config=None):
    app = Flask(__name__, template_folder="templates", static_folder="static")
    app.config["SECRET_KEY"] = config.get("admin", "secret_key")
    app.config["JSON_SORT_KEYS"] = False
    if test_config:
        app.config.update(test_config)

    from admin import auth, billing, customers, plans, provisioning, tickets
    app.register_blueprint(auth.bp)
    app.register_blueprint(customers.bp, url_prefix="/customers")
    app.register_blueprint(billing.bp, url_prefix="/billing")
    app.register_blueprint(plans.bp, url_prefix="/plans")
    app.register_blueprint(provisioning.bp, url_prefix="/prov")
    app.register_blueprint(tickets.bp, url_prefix="/tickets")

    @app.teardown_appcontext
    def _release_db(exc):
        dbutil.release_conn()

    @app.context_processor
    def _inject():
        return {"current_user": getattr(g, "user", None)}

    @app.route("/")
    def index():
        return render_template("index.html")

    @app.errorhandler(dbutil.NotFound)
    def _not_found(e):
        return render_template("error.html", message=str(e)), 404

    return app
