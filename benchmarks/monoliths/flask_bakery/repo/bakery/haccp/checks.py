"""HACCP checks: range checks, overdue cleaning, allergen matrix."""
import datetime
import logging

from flask import current_app

from bakery.haccp.models import (UK_ALLERGENS, AllergenDeclaration,
                                 CleaningCheck, CleaningSchedule, Equipment,
                                 Incident, Reading)
from bakery.helpers.mailer import notify_slack, send_sms
from bakery.models import RecipeLine, Shop, TemperatureLog, current_recipe

log = logging.getLogger(__name__)

DEFAULT_LIMITS = {
    "fridge": (None, 5.0),
    "freezer": (None, -18.0),
    "hot_hold": (63.0, None),
    "oven": (None, None),
    "probe": (75.0, None),  # core temp of cooked savouries
}


def limits_for(equipment):
    lo, hi = DEFAULT_LIMITS.get(equipment.kind, (None, None))
    if equipment.min_c is not None:
        lo = equipment.min_c
    if equipment.max_c is not None:
        hi = equipment.max_c
    return lo, hi


def is_out_of_range(equipment, value_c):
    lo, hi = limits_for(equipment)
    if lo is not None and value_c < lo:
        return True
    if hi is not None and value_c > hi:
        return True
    return False


def record_reading(equipment, value_c, source="manual", taken_by=None):
    bad = is_out_of_range(equipment, value_c)
    reading = Reading.create(equipment=equipment, value_c=value_c, source=source,
                             taken_by=taken_by, out_of_range=bad)
    mirror_to_legacy_log(equipment, value_c, taken_by)
    if bad:
        raise_incident(
            equipment.shop, "temperature",
            "%s read %.1fC (limits %s)" % (equipment.name, value_c, limits_for(equipment)),
            reported_by=taken_by or source, equipment_id=equipment.id,
            severity=2 if equipment.kind in ("fridge", "freezer") else 1,
        )
    return reading


def mirror_to_legacy_log(equipment, value_c, taken_by=None):
    # EHO export still reads temp_logs. Remove once the new export ships (HACCP-41).
    TemperatureLog.create(shop=equipment.shop, unit_name=equipment.name,
                          reading_c=value_c, taken_by=taken_by)


def raise_incident(shop, category, description, reported_by=None, equipment_id=None, severity=1):
    incident = Incident.create(shop=shop, category=category, description=description,
                               reported_by=reported_by, equipment_id=equipment_id,
                               severity=severity)
    msg = "[HACCP] %s: %s" % (shop.name, description)
    notify_slack(msg, channel="#food-safety")
    if severity >= 2 and shop.phone:
        try:
            send_sms(shop.phone, msg)
        except Exception:  # noqa
            log.exception("sms to shop failed")
    return incident


def missing_readings(shop, day=None):
    """Equipment with no reading today (fridges need 2 a day: open & close)."""
    day = day or datetime.date.today()
    start = datetime.datetime.combine(day, datetime.time.min)
    end = datetime.datetime.combine(day, datetime.time.max)
    out = []
    for eq in Equipment.select().where((Equipment.shop == shop) & (Equipment.active == True)):  # noqa: E712
        count = (Reading.select()
                 .where((Reading.equipment == eq) & (Reading.taken_at.between(start, end)))
                 .count())
        needed = 2 if eq.kind in ("fridge", "freezer") else 1
        if count < needed:
            out.append((eq, count, needed))
    return out


def overdue_cleaning(shop, day=None):
    day = day or datetime.date.today()
    overdue = []
    for sched in CleaningSchedule.select().where((CleaningSchedule.shop == shop) &
                                                 (CleaningSchedule.active == True)):  # noqa: E712
        if sched.frequency == "daily":
            since = day
        elif sched.frequency == "weekly":
            since = day - datetime.timedelta(days=day.weekday())
        else:
            since = day.replace(day=1)
        done = (CleaningCheck.select()
                .where((CleaningCheck.schedule == sched) & (CleaningCheck.check_date >= since) &
                       (CleaningCheck.done == True))  # noqa: E712
                .exists())
        if not done:
            overdue.append(sched)
    return overdue


def allergens_for_product(product):
    """Set of (allergen, level) for a product from its current recipe.

    Walks recipe lines -> ingredient declarations, plus product-level
    may-contain notes.
    """
    result = {}
    recipe = current_recipe(product)
    if recipe is not None:
        ingredient_ids = [line.ingredient_id for line in
                          RecipeLine.select(RecipeLine.ingredient).where(RecipeLine.recipe == recipe)]
        if ingredient_ids:
            for decl in AllergenDeclaration.select().where(
                    AllergenDeclaration.ingredient.in_(ingredient_ids)):
                if result.get(decl.allergen) != "contains":
                    result[decl.allergen] = decl.level
    for decl in AllergenDeclaration.select().where(AllergenDeclaration.product == product):
        result.setdefault(decl.allergen, decl.level)
    return result


def allergen_matrix(products):
    rows = []
    for product in products:
        found = allergens_for_product(product)
        row = {"sku": product.sku, "name": product.name}
        for allergen in UK_ALLERGENS:
            level = found.get(allergen)
            row[allergen] = "Y" if level == "contains" else ("may" if level else "")
        rows.append(row)
    return rows


def daily_compliance(day=None):
    day = day or datetime.date.today()
    summary = []
    for shop in Shop.select().where(Shop.active == True):  # noqa: E712
        summary.append({
            "shop": shop.name,
            "missing_readings": len(missing_readings(shop, day)),
            "overdue_cleaning": len(overdue_cleaning(shop, day)),
            "open_incidents": Incident.select().where((Incident.shop == shop) &
                                                      (Incident.closed == False)).count(),  # noqa: E712
        })
    if current_app.config.get("DEBUG"):
        log.debug("compliance %s", summary)
    return summary
