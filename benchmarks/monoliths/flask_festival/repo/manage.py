#!/usr/bin/env python
"""Management commands.

    python manage.py init-db
    python manage.py seed-days 2021-07-23 3
    python manage.py job expire-orders
"""
import datetime

import click
from flask.cli import FlaskGroup

from festival import create_app
from festival.extensions import db


def make_app(*args, **kwargs):
    return create_app()


cli = FlaskGroup(create_app=make_app)


@cli.command("init-db")
def init_db():
    import festival.models  # noqa
    import festival.security.models  # noqa
    import festival.sponsorship.models  # noqa
    db.create_all()
    click.echo("tables created")


@cli.command("seed-days")
@click.argument("first_day")
@click.argument("count", type=int)
def seed_festival_days(first_day, count):
    from festival.models import FestivalDay
    start = datetime.datetime.strptime(first_day, "%Y-%m-%d").date()
    labels = ["Thursday", "Friday", "Saturday", "Sunday", "Monday"]
    offset = 1 if start.weekday() == 4 else 0
    for i in range(count):
        d = start + datetime.timedelta(days=i)
        db.session.add(FestivalDay(date=d, label=labels[i + offset], year=d.year,
                                   gates_open=datetime.time(11, 0),
                                   music_curfew=datetime.time(23, 0)))
    db.session.commit()
    click.echo("%d days created" % count)


@cli.command("import-scans")
@click.argument("path")
@click.option("--gate", default="main")
def import_gate_scans(path, gate):
    from festival.wristbands import import_scan_dump
    with open(path, "rb") as fh:
        click.echo("%d scans imported" % import_scan_dump(fh, gate))


@cli.command("job")
@click.argument("name")
@click.argument("args", nargs=-1)
def job(name, args):
    from festival.jobs import run_job
    click.echo(repr(run_job(name, *args)))


if __name__ == "__main__":
    cli()
