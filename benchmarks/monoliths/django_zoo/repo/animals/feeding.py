"""
Feed store, diets and purchasing. The head keeper owns this; stores team
receive deliveries.
"""
import datetime
import json
import logging
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Sum

from animals.models import (DietPlan, DietPlanLine, FeedingLog, FeedItem, FeedPurchaseOrder,
                            FeedStock, FeedSupplier)
from utils.dates import today_local
from utils.db import dictfetchall
from utils.helpers import generate_reference, send_templated_email
from utils.money import round_money

log = logging.getLogger(__name__)


def consume_stock(item, quantity, location="main store"):
    """Take feed out of the store. Goes negative rather than failing - keepers
    feed the animals whatever the system says."""
    updated = (FeedStock.objects.filter(item=item, location=location)
               .update(quantity=F("quantity") - quantity))
    if not updated:
        FeedStock.objects.create(item=item, location=location, quantity=-Decimal(quantity))


def diet_sheet_for_day(d, section=None):
    """What each animal should get today, from the active diet plans."""
    plans = (DietPlan.objects.filter(active=True, valid_from__lte=d)
             .select_related("animal", "species", "animal__enclosure")
             .prefetch_related("lines__item"))
    sheet = []
    for plan in plans:
        if plan.animal_id and plan.animal.status not in ("active", "quarantine", "offshow"):
            continue
        for line in plan.lines.all():
            sheet.append({
                "plan": plan.name,
                "animal": plan.animal.name if plan.animal_id else "(all %s)" % plan.species,
                "enclosure": plan.animal.enclosure.code if plan.animal_id and plan.animal.enclosure_id else "",
                "item": line.item.name,
                "qty": line.quantity_per_day,
                "unit": line.item.unit,
                "feeds": line.feeds_per_day,
                "notes": line.notes,
            })
    return sorted(sheet, key=lambda r: (r["enclosure"], r["animal"]))


def expected_daily_usage():
    """item_id -> quantity per day across all active diet plans."""
    usage = defaultdict(Decimal)
    lines = (DietPlanLine.objects.filter(plan__active=True)
             .values("item_id").annotate(q=Sum("quantity_per_day")))
    for row in lines:
        usage[row["item_id"]] += row["q"] or 0
    return usage


def days_of_stock_left(item):
    per_day = expected_daily_usage().get(item.pk)
    if not per_day:
        return None
    return int(FeedStock.total_for(item) / per_day)


def build_reorder_lines():
    """supplier -> list of lines for items below reorder level."""
    by_supplier = defaultdict(list)
    for item in FeedStock.items_below_reorder():
        qty = item.reorder_qty or item.reorder_level * 2
        by_supplier[item.supplier].append({"item_id": item.pk, "name": item.name,
                                           "qty": str(qty), "unit_cost": str(item.unit_cost)})
    return by_supplier


@transaction.atomic
def raise_purchase_order(supplier, lines, raised_by=None, auto=False):
    total = sum(Decimal(l["qty"]) * Decimal(l["unit_cost"]) for l in lines)
    if total < supplier.min_order_value:
        log.info("PO for %s below minimum (%s < %s), topping up first line",
                 supplier, total, supplier.min_order_value)
        # crude: bump the first line up to the minimum
        first = lines[0]
        extra = (supplier.min_order_value - total) / Decimal(first["unit_cost"] or 1)
        first["qty"] = str(round_money(Decimal(first["qty"]) + extra))
        total = sum(Decimal(l["qty"]) * Decimal(l["unit_cost"]) for l in lines)
    po = FeedPurchaseOrder.objects.create(
        supplier=supplier, po_number=generate_reference("PO", 6),
        expected_on=today_local() + datetime.timedelta(days=supplier.lead_time_days),
        lines_json=json.dumps(lines), total=round_money(total),
        raised_by=raised_by, auto_generated=auto, status="draft",
    )
    return po


def email_purchase_order(po):
    send_templated_email("emails/feed_po", [po.supplier.email, settings.ZOO_FEED_PO_EMAIL_CC],
                         {"po": po, "lines": json.loads(po.lines_json)})
    FeedPurchaseOrder.objects.filter(pk=po.pk).update(status="sent")


def check_perishables():
    """List perishable stock older than shelf life (by last update - not great)."""
    out = []
    today = today_local()
    for st in FeedStock.objects.select_related("item").filter(item__perishable=True, quantity__gt=0):
        if not st.item.shelf_life_days:
            continue
        age = (today - st.updated_at.date()).days
        if age > st.item.shelf_life_days:
            out.append((st, age))
    return out


def feed_cost_by_species(start, end):
    """Raw SQL because the ORM version timed out on the year view."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT sp.common_name AS species,
                   COUNT(DISTINCT fl.animal_id) AS animals,
                   SUM(fl.quantity * fi.unit_cost) AS cost,
                   SUM(CASE WHEN fl.refused THEN fl.quantity * fi.unit_cost ELSE 0 END) AS wasted
            FROM animals_feedinglog fl
            JOIN animals_feeditem fi ON fi.id = fl.item_id
            JOIN animals_animal a ON a.id = fl.animal_id
            JOIN animals_species sp ON sp.id = a.species_id
            WHERE fl.fed_at >= %s AND fl.fed_at < %s
            GROUP BY sp.common_name
            ORDER BY cost DESC
            """,
            [start, end],
        )
        return dictfetchall(cursor)


def refusal_rate(animal, days=14):
    since = today_local() - datetime.timedelta(days=days)
    qs = FeedingLog.objects.filter(animal=animal, fed_at__date__gte=since)
    total = qs.count()
    if not total:
        return None
    return qs.filter(refused=True).count() / float(total)


def supplier_spend(year):
    return (FeedPurchaseOrder.objects.filter(ordered_on__year=year)
            .exclude(status="cancelled")
            .values("supplier__name").annotate(spend=Sum("total")).order_by("-spend"))
