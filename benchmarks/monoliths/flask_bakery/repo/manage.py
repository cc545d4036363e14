#!/usr/bin/env python
"""Admin CLI.

    python manage.py initdb
    python manage.py create-admin you@crumbandco.co.uk
    python manage.py run-task reorder_check
"""
import csv
import datetime

import click

from bakery import create_app
from bakery.db import create_tables, db

app = create_app()


@click.group()
def cli():
    pass


@cli.command("initdb")
@click.option("--unsafe", is_flag=True, help="fail if tables exist")
def initdb(unsafe):
    from bakery.haccp.models import HACCP_MODELS
    from bakery.loyalty.models import LOYALTY_MODELS
    from bakery.models import ALL_MODELS
    with app.app_context():
        create_tables(ALL_MODELS + LOYALTY_MODELS + HACCP_MODELS, safe=not unsafe)
    click.echo("tables created")


@cli.command("create-admin")
@click.argument("email")
@click.password_option()
def create_admin(email, password):
    from bakery.auth import create_user
    with app.app_context():
        user = create_user(email, password, role="admin")
    click.echo("created user %s" % user.id)


@cli.command("seed-shops")
@click.argument("path", type=click.Path(exists=True))
def seed_shops(path):
    """CSV: code,name,address,postcode,phone,is_production_site"""
    from bakery.models import Shop, Till
    with app.app_context(), db.atomic():
        for row in csv.DictReader(open(path)):
            shop, created = Shop.get_or_create(code=row["code"].upper(), defaults={
                "name": row["name"], "address": row.get("address"), "postcode": row.get("postcode"),
                "phone": row.get("phone"), "is_production_site": row.get("is_production_site") == "1"})
            if created:
                Till.create(shop=shop, label="Till 1")
            click.echo("%s %s" % ("+" if created else "=", shop.name))


@cli.command("load-allergens")
@click.argument("path", type=click.Path(exists=True))
def load_allergens(path):
    """CSV from the spec-sheet spreadsheet: ingredient,allergen,level"""
    from bakery.haccp.models import AllergenDeclaration
    from bakery.models import Ingredient
    n = 0
    with app.app_context(), db.atomic():
        for row in csv.DictReader(open(path)):
            ing = Ingredient.get_or_none(Ingredient.name == row["ingredient"].strip())
            if ing is None:
                click.echo("unknown ingredient %s" % row["ingredient"], err=True)
                continue
            AllergenDeclaration.get_or_create(ingredient=ing, allergen=row["allergen"].strip().lower(),
                                              defaults={"level": row.get("level") or "contains",
                                                        "verified_on": datetime.date.today()})
            n += 1
    click.echo("%d declarations" % n)


@cli.command("import-epos")
def import_epos():
    from bakery.integrations.epos_import import import_pending
    with app.app_context():
        click.echo("imported %d sales" % import_pending())


@cli.command("waste-summary")
def waste_summary():
    from bakery.models import active_shops
    from bakery.tasks import waste_cost_this_week
    with app.app_context():
        for shop in active_shops():
            n, cost = waste_cost_this_week(shop)
            click.echo("%-20s %4d records  %s" % (shop.name, n, cost))


@cli.command("run-task")
@click.argument("name")
def run_task(name):
    """Run a celery task synchronously (for debugging)."""
    from bakery import tasks
    fn = getattr(tasks, name, None)
    if fn is None or not hasattr(fn, "run"):
        raise click.BadParameter("no task %s" % name)
    click.echo(repr(fn.run()))


if __name__ == "__main__":
    cli()
