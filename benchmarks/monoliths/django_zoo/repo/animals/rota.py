"""
Keeper rota. Generates the weekly rota from the section templates, and a
few helpers used around the place (who is the vet on call etc).
"""
import datetime
import logging
from collections import OrderedDict

from django.db import connection, transaction
from django.db.models import Q

from animals.models import Keeper, LeaveRequest, Shift, ShiftSwap
from utils.dates import daterange, start_of_week, today_local
from utils.db import dictfetchall

log = logging.getLogger(__name__)

# section -> list of (shift_type, start, end, keepers needed)
ROTA_TEMPLATE = {
    "primates": [("early", "07:00", "15:30", 2), ("late", "10:30", "19:00", 1)],
    "carnivores": [("early", "07:00", "15:30", 2), ("late", "10:30", "19:00", 2)],
    "hoofstock": [("early", "07:00", "15:30", 2), ("late", "10:30", "19:00", 1)],
    "birds": [("day", "08:00", "16:30", 2)],
    "reptiles": [("day", "08:00", "16:30", 1)],
    "farm": [("day", "08:30", "17:00", 2)],
    "vet": [("day", "08:00", "17:00", 1), ("oncall", "17:00", "08:00", 1)],
}


def _t(s):
    return datetime.datetime.strptime(s, "%H:%M").time()


def week_shifts(week_start):
    return (Shift.objects.select_related("keeper")
            .filter(date__gte=week_start, date__lt=week_start + datetime.timedelta(days=7)))


def rota_grid(week_start):
    """{keeper: [shifts for mon..sun]} for the editor grid."""
    days = list(daterange(week_start, week_start + datetime.timedelta(days=6)))
    grid = OrderedDict()
    for k in Keeper.objects.filter(is_active=True).exclude(role="volunteer").order_by("section", "last_name"):
        grid[k] = [None] * 7
    for s in week_shifts(week_start):
        if s.keeper in grid:
            grid[s.keeper][days.index(s.date)] = s
    return grid


def available_keepers(section, d):
    on_leave = (LeaveRequest.objects.filter(status="approved", start_date__lte=d, end_date__gte=d)
                .values_list("keeper_id", flat=True))
    busy = Shift.objects.filter(date=d).values_list("keeper_id", flat=True)
    return (Keeper.objects.filter(is_active=True, section=section)
            .exclude(pk__in=on_leave).exclude(pk__in=busy)
            .order_by("?"))


@transaction.atomic
def generate_week(week_start, overwrite=False):
    """Fill the week from ROTA_TEMPLATE. Returns (created, gaps)."""
    week_start = start_of_week(week_start)
    if overwrite:
        week_shifts(week_start).filter(published=False).delete()
    to_create = []
    gaps = []
    for d in daterange(week_start, week_start + datetime.timedelta(days=6)):
        for section, slots in ROTA_TEMPLATE.items():
            for shift_type, start, end, needed in slots:
                have = Shift.objects.filter(date=d, section=section, shift_type=shift_type).count()
                pool = list(available_keepers(section, d)[: max(needed - have, 0)])
                for k in pool:
                    to_create.append(Shift(keeper=k, date=d, shift_type=shift_type,
                                           start_time=_t(start), end_time=_t(end),
                                           section=section))
                if have + len(pool) < needed:
                    gaps.append((d, section, shift_type, needed - have - len(pool)))
    Shift.objects.bulk_create(to_create, ignore_conflicts=True)
    log.info("rota %s: %d shifts, %d gaps", week_start, len(to_create), len(gaps))
    return len(to_create), gaps


def publish_week(week_start):
    return week_shifts(week_start).filter(published=False).update(published=True)


def vet_on_call(on=None):
    on = on or today_local()
    s = (Shift.objects.select_related("keeper")
         .filter(date=on, shift_type="oncall", keeper__role__in=("vet", "vetnurse"))
         .first())
    return s.keeper if s else None


@transaction.atomic
def apply_swap(swap_id, approved=True):
    swap = ShiftSwap.objects.select_related("shift_from", "shift_to").get(pk=swap_id)
    if not approved:
        swap.status = "declined"
        swap.save()
        return swap
    a, b = swap.shift_from, swap.shift_to
    a.keeper_id, b.keeper_id = b.keeper_id, a.keeper_id
    # FIXME unique_together (keeper, date, type) bites here if both keepers
    # already have the same shift type that day - rare, so we just let it raise.
    a.save()
    b.save()
    swap.status = "approved"
    swap.save()
    return swap


def keeper_hours_report(week_start):
    """Contracted vs rostered hours. Raw SQL, Postgres only (EXTRACT EPOCH)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT k.id, k.staff_number, k.first_name, k.last_name, k.contracted_hours,
                   COALESCE(SUM(
                     CASE WHEN s.end_time > s.start_time
                          THEN EXTRACT(EPOCH FROM (s.end_time - s.start_time)) / 3600.0
                          ELSE 24 - EXTRACT(EPOCH FROM (s.start_time - s.end_time)) / 3600.0
                     END), 0) AS rostered
            FROM animals_keeper k
            LEFT JOIN animals_shift s
                   ON s.keeper_id = k.id AND s.date >= %s AND s.date < %s
            WHERE k.is_active
            GROUP BY k.id
            ORDER BY k.last_name
            """,
            [week_start, week_start + datetime.timedelta(days=7)],
        )
        return dictfetchall(cursor)


def section_cover_gaps(d):
    """Sections with no one rostered on day d."""
    covered = set(Shift.objects.filter(date=d).values_list("section", flat=True))
    return [s for s in ROTA_TEMPLATE if s not in covered]
