import click
from flask.cli import with_appcontext

from gh.extensions import db
from gh.models.users import Role


@click.command("seed-roles")
@with_appcontext
def seed_roles():
    for name in ("admin", "ops_controller", "ramp_supervisor", "rostering", "finance", "workshop",
                 "baggage_agent", "fueller", "training", "management"):
        if not Role.query.filter_by(name=name).first():
            db.session.add(Role(name=name))
    db.session.commit()


def register_commands(app):
    app.cli.add_command(seed_roles)
