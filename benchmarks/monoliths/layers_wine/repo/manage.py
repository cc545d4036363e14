import click
from flask.cli import FlaskGroup

from cellar import create_app
from cellar.extensions import db

cli = FlaskGroup(create_app=create_app)


@cli.command("create-admin")
@click.argument("email")
@click.password_option()
def create_admin(email, password):
    from cellar.services.user_service import create_user
    create_user(email, "Administrator", "admin", password)
    click.echo("created %s" % email)


@cli.command("seed-roles")
def seed_roles():
    from cellar.models.user import Role
    for name in ("admin", "sales", "warehouse", "accounts", "buyer", "driver"):
        if not Role.query.filter_by(name=name).first():
            db.session.add(Role(name=name))
    db.session.commit()


if __name__ == "__main__":
    cli()
