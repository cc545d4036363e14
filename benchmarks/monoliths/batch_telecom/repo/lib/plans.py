# -*- coding: utf-8 -*-
"""Product catalogue: plans, tariffs, add-ons, promotions, and which
subscriber is on which plan (subscriptions)."""
import datetime

from lib import dbutil
from lib.dates import add_months, first_of_month, today
from lib.jobbase import memoize_ttl
from lib.log import get_logger
from lib.money import D, round_money

log = get_logger("plans")

SERVICES = ("voice", "sms", "data")
UNITS = {"voice": "min", "sms": "msg", "data": "mb"}


class PlanError(Exception):
    pass


@memoize_ttl(600)
def get_plan_by_code(code):
    return dbutil.fetchone("SELECT * FROM plans WHERE code = %s", (code,))


@memoize_ttl(600)
def zone_id(zone_code):
    return dbutil.scalar("SELECT id FROM tariff_zones WHERE code = %s", (zone_code,))


def list_zones():
    return dbutil.fetchall("SELECT * FROM tariff_zones ORDER BY id")


def create_plan(code, name, monthly_fee, plan_type="postpaid", data_mb=0, voice_min=0, sms=0,
                valid_from=None):
    if get_plan_by_code(code):
        raise PlanError("plan %s exists" % code)
    plan_id = dbutil.scalar("""
        INSERT INTO plans (code, name, plan_type, monthly_fee, data_mb_included,
                           voice_min_included, sms_included, valid_from)
        VALUES (%s, %s, %s, %s, %s, %s, %s, %s) RETURNING id""",
                            (code, name, plan_type, round_money(monthly_fee), data_mb, voice_min,
                             sms, valid_from or today()))
    get_plan_by_code.cache_clear()
    return plan_id


def retire_plan(plan_id, valid_to=None):
    dbutil.execute("UPDATE plans SET active = false, valid_to = %s WHERE id = %s",
                   (valid_to or today(), plan_id), commit_now=True)
    get_plan_by_code.cache_clear()


def set_tariff(plan_id, zone_code, service, unit_price, valid_from=None):
    if service not in SERVICES:
        raise PlanError("unknown service %s" % service)
    zid = zone_id(zone_code)
    if zid is None:
        raise PlanError("unknown zone %s" % zone_code)
    dbutil.execute("""
        INSERT INTO tariff_rates (plan_id, zone_id, service, unit_price, unit, valid_from)
        VALUES (%s, %s, %s, %s, %s, %s)
        ON CONFLICT (plan_id, zone_id, service, valid_from)
        DO UPDATE SET unit_price = EXCLUDED.unit_price""",
                   (plan_id, zid, service, D(unit_price), UNITS[service], valid_from or today()),
                   commit_now=True)


def copy_tariffs(from_plan_id, to_plan_id, uplift_pct=0):
    """Used when marketing clones a plan. uplift_pct applied to every rate."""
    factor = 1 + D(uplift_pct) / 100
    return dbutil.execute("""
        INSERT INTO tariff_rates (plan_id, zone_id, service, unit_price, unit, valid_from)
        SELECT %s, zone_id, service, round(unit_price * %s, 5), unit, current_date
          FROM tariff_rates r
         WHERE plan_id = %s
           AND valid_from = (SELECT MAX(valid_from) FROM tariff_rates r2
                              WHERE r2.plan_id = r.plan_id AND r2.zone_id = r.zone_id
                                AND r2.service = r.service)""",
                          (to_plan_id, factor, from_plan_id), commit_now=True)


def tariff_sheet(plan_id, on_date=None):
    on_date = on_date or today()
    return dbutil.fetchall("""
        SELECT DISTINCT ON (z.code, r.service) z.code AS zone, r.service, r.unit_price, r.unit
          FROM tariff_rates r JOIN tariff_zones z ON z.id = r.zone_id
         WHERE r.plan_id = %s AND r.valid_from <= %s
         ORDER BY z.code, r.service, r.valid_from DESC""", (plan_id, on_date))


def subscribe(subscriber_id, plan_code, start_date=None, contract_months=0, user="batch"):
    plan = get_plan_by_code(plan_code)
    if plan is None or not plan["active"]:
        raise PlanError("plan %s not available" % plan_code)
    start_date = start_date or today()
    sub_id = dbutil.scalar("""
        INSERT INTO subscriptions (subscriber_id, plan_id, start_date, contract_months, status)
        VALUES (%s, %s, %s, %s, 'active') RETURNING id""",
                           (subscriber_id, plan["id"], start_date, contract_months))
    log.info("subscriber %s subscribed to %s by %s", subscriber_id, plan_code, user)
    return sub_id


def change_plan(subscriber_id, new_plan_code, effective=None, user="batch"):
    """Ends the current subscription yesterday and starts the new one.

    Bundles for the month are re-created by the rating side (see
    rating.init_bundles) -- we call it here so customers see the new
    allowance straight away."""
    from lib import rating  # circular import otherwise
    effective = effective or today()
    current = dbutil.get_active_subscription(subscriber_id)
    with dbutil.transaction():
        if current:
            if current["plan_code"] == new_plan_code:
                raise PlanError("already on %s" % new_plan_code)
            dbutil.execute("""
                UPDATE subscriptions SET status = 'ended', end_date = %s WHERE id = %s""",
                           (effective - datetime.timedelta(days=1), current["id"]))
        new_id = subscribe(subscriber_id, new_plan_code, effective,
                           current["contract_months"] if current else 0, user)
        rating.init_bundles(subscriber_id, first_of_month(effective), replace=True)
    dbutil.queue_prov_order(subscriber_id, "change_plan", {"plan": new_plan_code}, user)
    return new_id


def add_addon(subscription_id, addon_code, start_date=None):
    addon = dbutil.fetchone("SELECT * FROM addons WHERE code = %s AND active", (addon_code,))
    if addon is None:
        raise PlanError("unknown addon %s" % addon_code)
    return dbutil.scalar("""
        INSERT INTO subscription_addons (subscription_id, addon_id, start_date)
        VALUES (%s, %s, %s) RETURNING id""", (subscription_id, addon["id"], start_date or today()))


def remove_addon(subscription_addon_id, end_date=None):
    dbutil.execute("UPDATE subscription_addons SET end_date = %s WHERE id = %s",
                   (end_date or today(), subscription_addon_id), commit_now=True)


def get_subscription_addons(subscription_id, on_date=None):
    on_date = on_date or today()
    return dbutil.fetchall("""
        SELECT sa.*, a.code, a.name, a.fee, a.data_mb, a.voice_min, a.sms
          FROM subscription_addons sa JOIN addons a ON a.id = sa.addon_id
         WHERE sa.subscription_id = %s AND sa.start_date <= %s
           AND (sa.end_date IS NULL OR sa.end_date >= %s)""", (subscription_id, on_date, on_date))


def included_allowances(subscriber_id, on_date=None):
    """dict service -> units included (plan + active add-ons)."""
    sub = dbutil.get_active_subscription(subscriber_id, on_date)
    if sub is None:
        return {}
    allow = {
        "data": D(sub["data_mb_included"]),
        "voice": D(sub["voice_min_included"]),
        "sms": D(sub["sms_included"]),
    }
    for a in get_subscription_addons(sub["id"], on_date):
        allow["data"] += D(a["data_mb"])
        allow["voice"] += D(a["voice_min"])
        allow["sms"] += D(a["sms"])
    return allow


def recurring_charges(subscriber_id, period_start, period_end):
    """[(description, amount, start, end)] for the bill run -- plan fee and add-on fees."""
    rows = dbutil.fetchall("""
        SELECT s.id, s.start_date, s.end_date, p.name, p.monthly_fee
          FROM subscriptions s JOIN plans p ON p.id = s.plan_id
         WHERE s.subscriber_id = %s AND s.start_date <= %s
           AND (s.end_date IS NULL OR s.end_date >= %s)""",
                           (subscriber_id, period_end, period_start))
    out = []
    for r in rows:
        out.append((r["name"], D(r["monthly_fee"]), r["start_date"], r["end_date"]))
        for a in get_subscription_addons(r["id"], period_end):
            out.append(("Add-on " + a["name"], D(a["fee"]), a["start_date"], a["end_date"]))
    return out


def promotion_discount(subscriber_id, period_start):
    """Percentage discount active for this subscriber's plan in the period."""
    row = dbutil.fetchone("""
        SELECT pr.discount_pct, pr.months, s.start_date
          FROM subscriptions s
          JOIN promotions pr ON pr.plan_id = s.plan_id
         WHERE s.subscriber_id = %s AND s.status = 'active'
           AND (pr.valid_to IS NULL OR pr.valid_to >= s.start_date)
         ORDER BY pr.discount_pct DESC LIMIT 1""", (subscriber_id,))
    if row is None:
        return D(0)
    if add_months(row["start_date"], row["months"]) <= period_start:
        return D(0)
    return D(row["discount_pct"])


def subscriptions_ending(within_days=30):
    return dbutil.fetchall("""
        SELECT s.*, sb.msisdn, sb.account_id
          FROM subscriptions s JOIN subscribers sb ON sb.id = s.subscriber_id
         WHERE s.status = 'active' AND s.contract_months > 0
           AND (s.start_date + (s.contract_months || ' months')::interval)::date
               BETWEEN current_date AND current_date + %s""", (within_days,))


# def old_plan_migration_2019():
#     """One-off from the 'Unlimited' relaunch, kept for reference."""
#     pass
