"""Sponsorship module (2021 rewrite by the partnerships team).

Newer code -- please keep sponsorship stuff in here and NOT in views.py.
The Sponsor model is still in festival/models.py for historical reasons.
"""


def init_app(app):
    from festival.sponsorship.views import sponsorship_bp
    app.register_blueprint(sponsorship_bp, url_prefix="/admin/sponsorship")
    return app
