#!/usr/bin/env python
"""Command line entry points.  ``python manage.py --help``"""
import csv
import datetime as dt
import sys

import click

from wastecorp import create_app
from wastecorp.extensions import db
from wastecorp.utils.dates import parse_date

app = create_app()


@click.group()
def cli():
    pass


@cli.command()
@click.option("--host", default="127.0.0.1")
@click.option("--port", default=5000)
def runserver(host, port):
    app.run(host=host, port=port)


@cli.command()
def initdb():
    with app.app_context():
        import wastecorp.models  # noqa: F401  (registers mappers)
        db.create_all()
        click.echo("tables created")


@cli.command()
def nightly():
    from wastecorp.jobs import nightly as job
    with app.app_context():
        job.main()


@cli.command("month-end")
@click.option("--month", default=None, help="YYYY-MM, defaults to last month")
def month_end(month):
    from wastecorp.jobs import month_end as job
    with app.app_context():
        if month:
            y, m = [int(x) for x in month.split("-")]
            job.run_month_end(y, m)
        else:
            job.run_month_end()


@cli.command()
@click.argument("name")
@click.option("--month", default=None)
def report(name, month):
    from wastecorp.jobs import reports
    with app.app_context():
        y = m = None
        if month:
            y, m = [int(x) for x in month.split("-")]
        click.echo(reports.run_report(name, y, m))


@cli.command("import-customers")
@click.argument("path")
def import_customers(path):
    """One-off loader for the council's trade waste spreadsheet (2019)."""
    from wastecorp.services import customer_service
    with app.app_context():
        n = 0
        with open(path) as fh:
            for row in csv.DictReader(fh):
                cust = customer_service.create_customer({
                    "name": row["Business Name"],
                    "billing_email": row.get("Email"),
                    "billing_address": row.get("Invoice Address"),
                    "customer_type": "COMMERCIAL"}, user="import")
                customer_service.add_service_address(cust.id, {
                    "line1": row["Site Address 1"], "town": row.get("Town"),
                    "postcode": row["Postcode"], "uprn": row.get("UPRN")})
                n += 1
        click.echo("imported %d customers" % n)


@cli.command("import-rounds")
@click.argument("path")
def import_rounds(path):
    """Load rounds + stops from the Webaspx export."""
    from wastecorp.models.route import Route
    from wastecorp.services import scheduling
    with app.app_context():
        routes = {}
        with open(path) as fh:
            for row in csv.DictReader(fh):
                code = row["RoundCode"]
                if code not in routes:
                    r = db.session.query(Route).filter_by(code=code).first()
                    if r is None:
                        r = Route(code=code, name=row.get("RoundName"), depot=row["Depot"],
                                  weekday=int(row["Day"]), round_type=row.get("Type", "TRADE"))
                        db.session.add(r)
                        db.session.flush()
                    routes[code] = r
                scheduling.add_stop_to_route(routes[code].id, int(row["AddressId"]),
                                             sequence=int(row["Seq"]))
        db.session.commit()
        click.echo("loaded %d rounds" % len(routes))


@cli.command("seed-tariffs")
@click.argument("path")
def seed_tariffs(path):
    from wastecorp.models.billing import Tariff
    with app.app_context():
        with open(path) as fh:
            for row in csv.DictReader(fh):
                db.session.add(Tariff(code=row["code"], description=row["description"],
                                      charge_basis=row["basis"],
                                      price_per_lift=row.get("per_lift") or None,
                                      rental_per_month=row.get("rental") or None,
                                      price_per_tonne=row.get("per_tonne") or None,
                                      minimum_charge=row.get("minimum") or None,
                                      valid_from=parse_date(row["valid_from"])))
        db.session.commit()


@cli.command("container-types")
def container_types():
    """Standard bin sizes.  Idempotent."""
    from wastecorp.services import container_service
    from wastecorp.services.container_service import ContainerError
    std = [("WB240", 240, "REL"), ("WB360", 360, "REL"), ("EU660", 660, "REL"),
           ("EU1100", 1100, "REL"), ("FEL8", 6100, "FEL"), ("RORO40", 30580, "HOOK")]
    with app.app_context():
        for code, litres, lift in std:
            try:
                container_service.create_container_type(code, litres, lift)
            except ContainerError:
                pass


@cli.command("holidays")
@click.argument("year", type=int)
def holidays(year):
    from wastecorp.services import scheduling
    with app.app_context():
        click.echo("%d shifts" % scheduling.apply_holiday_shifts(year))


if __name__ == "__main__":
    sys.exit(cli())
