#!/usr/bin/env python
"""Management CLI.

    python manage.py create-db
    python manage.py seed-hs-codes taric_extract.csv
    python manage.py import-rates --carrier 12 --valid-from 2021-01-01 rates.csv
    python manage.py run-task overdue_invoices
    python manage.py run-group nightly

gunicorn uses ``manage:app``.
"""
import csv
import sys

import click

from freightly import create_app
from freightly.extensions import db_session, init_db

app = create_app()


@click.group()
def cli():
    pass


@cli.command("create-db")
def create_db():
    """Create all tables (dev only)."""
    init_db()
    click.echo("ok")


@cli.command("seed-hs-codes")
@click.argument("path")
def seed_hs_codes(path):
    from freightly.services.customs_service import load_hs_codes
    with open(path, encoding="utf-8") as fh:
        n = load_hs_codes(csv.DictReader(fh, delimiter=";"))
    click.echo("loaded %d HS codes" % n)


@cli.command("import-rates")
@click.option("--carrier", type=int, required=True)
@click.option("--valid-from", required=True)
@click.option("--valid-to", default=None)
@click.option("--currency", default="USD")
@click.option("--activate/--no-activate", default=False)
@click.argument("path")
def import_rates(carrier, valid_from, valid_to, currency, activate, path):
    from freightly.services.rating_service import activate_rate_card, import_rate_sheet
    with open(path, "rb") as fh:
        card, count, errors = import_rate_sheet(carrier, fh, valid_from, valid_to,
                                                currency=currency)
    db_session.commit()
    for e in errors:
        click.echo("WARN " + e, err=True)
    if activate:
        activate_rate_card(card.id)
    click.echo("rate card %s: %d lanes" % (card.id, count))


@cli.command("run-task")
@click.argument("name")
def run_task_cmd(name):
    from freightly.tasks import load_all, run_task
    load_all()
    with app.app_context():
        click.echo(repr(run_task(name)))


@cli.command("run-group")
@click.argument("group")
def run_group_cmd(group):
    from freightly.tasks import load_all, run_group
    load_all()
    with app.app_context():
        for name, result in run_group(group).items():
            click.echo("%-30s %r" % (name, result))


@cli.command("recalc-invoices")
@click.argument("shipment_ids", nargs=-1, type=int)
def recalc_invoices(shipment_ids):
    """One-off used after the 2021 THC correction. Probably not needed anymore."""
    from freightly.services.shipment_manager import recalc_shipment_charges
    for sid in shipment_ids:
        try:
            inv = recalc_shipment_charges(sid)
            click.echo("%s -> %s" % (sid, inv.total_amount))
        except Exception as exc:
            click.echo("%s FAILED %s" % (sid, exc), err=True)


@cli.command("merge-customers")
@click.argument("source_id", type=int)
@click.argument("target_id", type=int)
def merge_customers_cmd(source_id, target_id):
    from freightly.services.customer_service import merge_customers
    if not click.confirm("Merge customer %d into %d?" % (source_id, target_id)):
        sys.exit(1)
    merge_customers(source_id, target_id)
    click.echo("merged")


if __name__ == "__main__":
    cli()
