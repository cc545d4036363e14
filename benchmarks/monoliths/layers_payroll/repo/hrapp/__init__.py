from flask import Flask

from hrapp.config import get_settings


def create_app(settings=None):
    from hrapp.api import handle_app_error, register_blueprints
    from hrapp.common.db import close_session
    from hrapp.common.errors import HRAppError

    settings = settings or get_settings()
    app = Flask(__name__)
    app.config["SECRET_KEY"] = settings.secret_key
    register_blueprints(app)
    app.register_error_handler(HRAppError, handle_app_error)
    app.teardown_appcontext(close_session)
    return app
