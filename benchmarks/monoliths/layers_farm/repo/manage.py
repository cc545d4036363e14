#!/usr/bin/env python
"""Admin CLI.  `python manage.py --help`"""
from decimal import Decimal

import click

from coop import create_app
from coop.extensions import db_session


@click.group()
def cli():
    pass


@cli.command("init-db")
def init_db():
    from coop.models import create_all
    create_all()
    click.echo("tables created")


@cli.command("runserver")
@click.option("--port", default=5000)
def runserver(port):
    create_app().run(port=port)


@cli.command("seed-share-classes")
def seed_share_classes():
    from coop.models import ShareClass
    for code, desc, par, voting, redeemable in (
            ("A", "Membership (voting)", Decimal("100"), True, False),
            ("B", "Investment preferred", Decimal("1000"), False, True),
            ("P", "Patronage allocation", Decimal("10"), False, True)):
        if not db_session.query(ShareClass).filter_by(code=code).first():
            db_session.add(ShareClass(code=code, description=desc, par_value=par, voting=voting,
                                      redeemable=redeemable))
    db_session.commit()


@cli.command("seed-discounts")
@click.argument("crop_year", type=int)
def seed_discount_schedules(crop_year):
    from coop.models import DiscountSchedule
    rows = [("wheat", "moisture", 14.5, 16.0, "4.00"), ("wheat", "moisture", 16.0, 19.0, "9.00"),
            ("wheat", "protein", 13.5, None, "5.00"), ("canola", "moisture", 10.0, 12.5, "6.00"),
            ("barley", "test_weight", None, 59.0, "7.50")]
    for commodity, factor, lo, hi, amt in rows:
        db_session.add(DiscountSchedule(commodity=commodity, crop_year=crop_year, factor=factor,
                                        lower=lo, upper=hi, discount_per_tonne=Decimal(amt),
                                        premium=(factor == "protein")))
    db_session.commit()


@cli.command("seed-bins")
@click.argument("site_code")
@click.argument("count", type=int)
@click.option("--diameter", default=8.2)
@click.option("--height", default=7.3)
def seed_bins(site_code, count, diameter, height):
    from coop.models import Bin, StorageSite
    from coop.utils.units import bin_capacity_tonnes
    site = db_session.query(StorageSite).filter_by(code=site_code).one()
    cap = bin_capacity_tonnes(diameter, height)
    for i in range(1, count + 1):
        db_session.add(Bin(site_id=site.id, code="%s-%02d" % (site_code, i), capacity_t=cap))
    db_session.commit()


@cli.command("recalc-holdings")
def recalc_holdings():
    """Rebuild share_holdings.quantity from the share_transactions ledger."""
    from sqlalchemy import text
    db_session.execute(text("""
        UPDATE share_holdings h SET quantity = sub.q
          FROM (SELECT member_id, share_class_id,
                       SUM(CASE WHEN txn_type IN ('purchase','transfer_in','patronage')
                                THEN quantity ELSE -quantity END) AS q
                  FROM share_transactions GROUP BY member_id, share_class_id) sub
         WHERE h.member_id = sub.member_id AND h.share_class_id = sub.share_class_id
    """))
    db_session.commit()


if __name__ == "__main__":
    cli()
