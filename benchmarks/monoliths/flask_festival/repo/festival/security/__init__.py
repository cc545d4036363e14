"""Security & welfare. Incidents + LostPropertyItem still live in
festival/models.py; posts, deployments and ejections are in here."""


def init_app(app):
    from festival.security.views import security_bp
    app.register_blueprint(security_bp, url_prefix="/control")
    return app
