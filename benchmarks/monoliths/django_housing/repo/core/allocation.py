"""
Room allocation ("the lottery").

Run once per allocation round by `manage.py run_allocation`.  Roughly:

  1. approved applications with a paid deposit, sorted by priority points,
     ties broken by a seeded shuffle
  2. accessible-room needs are placed first
  3. mutual roommate pairs are placed together where a double is free
  4. everybody else walks down their ranked preferences
  5. whoever is left goes on the waitlist

Written by R. Okafor in 2014; the roommate matching was bolted on in 2016.
"""
import datetime
import logging
import random

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from common.db import dictfetchall, fetch_all, fetch_scalar
from common.utils import term_bounds
from core.models import AllocationRound, RateCard, RoomAssignment, RoommateRequest, WaitlistEntry
from housing.models import Application, Bed

logger = logging.getLogger("reslife.allocation")


class AllocationError(Exception):
    pass


def _score_application(application, rng):
    base = application.priority_points * 1000
    # tie-break: shuffled, but deterministic for a given round seed
    return base + rng.randint(0, 999)


def _accessible_needed(resident):
    return resident.accommodations.filter(approved=True, requires_accessible_room=True).exists()


def _free_beds(term, hall_id=None, room_type_id=None, accessible_only=False, gender=None):
    sql = """
        SELECT b.id, b.room_id, r.hall_id, r.room_type_id, rt.capacity
          FROM housing_bed b
          JOIN housing_room r ON r.id = b.room_id
          JOIN housing_roomtype rt ON rt.id = r.room_type_id
          JOIN housing_hall h ON h.id = r.hall_id
         WHERE b.is_active = TRUE AND r.offline = FALSE AND r.is_ra_room = FALSE
           AND h.is_active = TRUE AND h.closed_for_renovation = FALSE
           AND NOT EXISTS (SELECT 1 FROM core_roomassignment a
                            WHERE a.bed_id = b.id AND a.term = %s
                              AND a.status IN ('pending', 'active'))
    """
    params = [term]
    if hall_id:
        sql += " AND r.hall_id = %s"
        params.append(hall_id)
    if room_type_id:
        sql += " AND r.room_type_id = %s"
        params.append(room_type_id)
    if accessible_only:
        sql += " AND r.is_accessible = TRUE"
    if gender in ("M", "F"):
        sql += " AND (h.gender_policy IN ('coed', 'all_gender') OR h.gender_policy = %s)"
        params.append(gender)
    sql += " ORDER BY r.hall_id, r.number, b.letter"
    return fetch_all(sql, params)


def _find_free_bed(application, term, accessible_only=False):
    gender = (application.resident.gender or "")[:1].upper()
    for pref in application.preferences.all():
        beds = _free_beds(term, pref.hall_id, pref.room_type_id, accessible_only, gender)
        if beds:
            return beds[0]
    if accessible_only:
        beds = _free_beds(term, accessible_only=True, gender=gender)
        return beds[0] if beds else None
    return None


def _match_roommates(applications, term):
    """Returns list of (app_a, app_b) for mutual roommate requests."""
    by_resident = {a.resident_id: a for a in applications}
    pairs = []
    seen = set()
    for req in RoommateRequest.objects.filter(term=term, mutual=True):
        if req.requester_id in seen or req.requested_id in seen:
            continue
        a = by_resident.get(req.requester_id)
        b = by_resident.get(req.requested_id)
        if a and b:
            pairs.append((a, b))
            seen.update([req.requester_id, req.requested_id])
    return pairs


def _free_double(term, preferences):
    """Find a room with exactly two free beds, honouring the first requester's prefs."""
    for pref in preferences:
        sql = """
            SELECT r.id AS room_id, array_agg(b.id ORDER BY b.letter) AS bed_ids
              FROM housing_room r
              JOIN housing_bed b ON b.room_id = r.id AND b.is_active = TRUE
             WHERE r.offline = FALSE AND r.hall_id = COALESCE(%s, r.hall_id)
               AND NOT EXISTS (SELECT 1 FROM core_roomassignment a
                                WHERE a.bed_id = b.id AND a.term = %s
                                  AND a.status IN ('pending', 'active'))
             GROUP BY r.id HAVING COUNT(b.id) = 2
             LIMIT 1
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, [pref.hall_id, term])
            rows = dictfetchall(cursor)
        if rows:
            return rows[0]["bed_ids"]
    return None


def assign_bed(application, bed_id, round_=None, user=None, status="pending"):
    start, end = term_bounds(application.term)
    assignment = RoomAssignment.objects.create(
        resident=application.resident, bed_id=bed_id, application=application,
        round=round_, term=application.term, status=status,
        start_date=start, end_date=end, created_by=user)
    application.status = "allocated"
    application.save(update_fields=["status", "updated_at"])
    return assignment


def _waitlist(application, term):
    position = (fetch_scalar("SELECT MAX(position) FROM core_waitlistentry WHERE term = %s",
                             [term], default=0) or 0) + 1
    WaitlistEntry.objects.get_or_create(application=application,
                                        defaults={"term": term, "position": position})
    application.status = "waitlisted"
    application.save(update_fields=["status", "updated_at"])


@transaction.atomic
def run_allocation_round(round_id, dry_run=False):
    rnd = AllocationRound.objects.select_for_update().get(pk=round_id)
    if rnd.status not in ("open", "running"):
        raise AllocationError("Round %s is %s" % (rnd.pk, rnd.status))
    rnd.status = "running"
    rnd.run_started_at = timezone.now()
    rnd.save()

    rng = random.Random(rnd.seed or rnd.pk)
    apps = list(Application.objects.ready_for_allocation(rnd.term)
                .filter(Q(round=rnd) | Q(round__isnull=True))
                .exclude(resident__financial_hold=True)
                .select_related("resident").prefetch_related("preferences"))
    if rnd.first_year_only:
        apps = [a for a in apps if a.resident.class_standing == "FR"]
    apps.sort(key=lambda a: _score_application(a, rng), reverse=True)

    placed, waitlisted = 0, 0
    done = set()

    # 1. accessibility needs first
    for app in apps:
        if _accessible_needed(app.resident):
            bed = _find_free_bed(app, rnd.term, accessible_only=True)
            if bed:
                assign_bed(app, bed["id"], rnd)
                placed += 1
                done.add(app.pk)

    # 2. roommate pairs
    for a, b in _match_roommates([x for x in apps if x.pk not in done], rnd.term):
        bed_ids = _free_double(rnd.term, a.preferences.all())
        if bed_ids:
            assign_bed(a, bed_ids[0], rnd)
            assign_bed(b, bed_ids[1], rnd)
            RoommateRequest.objects.filter(term=rnd.term, requester__in=[a.resident, b.resident]) \
                .update(honored=True)
            placed += 2
            done.update([a.pk, b.pk])

    # 3. everyone else
    for app in apps:
        if app.pk in done:
            continue
        bed = _find_free_bed(app, rnd.term)
        if bed:
            assign_bed(app, bed["id"], rnd)
            placed += 1
        else:
            _waitlist(app, rnd.term)
            waitlisted += 1
        done.add(app.pk)

    rnd.run_finished_at = timezone.now()
    rnd.status = "published" if not dry_run else "open"
    rnd.save()
    logger.info("allocation round %s: placed=%s waitlisted=%s", rnd.pk, placed, waitlisted)
    if dry_run:
        transaction.set_rollback(True)
    return {"placed": placed, "waitlisted": waitlisted}


def end_assignment(assignment, reason, when=None, user=None):
    when = when or timezone.localdate()
    assignment.status = "former"
    assignment.end_reason = reason
    if when < assignment.end_date:
        assignment.end_date = when
    assignment.checked_out_at = assignment.checked_out_at or timezone.now()
    assignment.save()
    # free the bed for the waitlist
    promote_waitlist(assignment.term, limit=1)
    return assignment


def swap_assignments(a, b, user=None):
    if a.term != b.term:
        raise AllocationError("Cannot swap across terms")
    with transaction.atomic():
        a_bed, b_bed = a.bed_id, b.bed_id
        # avoid the (bed, term) unique check mid-swap: park one on a NULL-ish state
        RoomAssignment.objects.filter(pk=a.pk).update(status="cancelled")
        RoomAssignment.objects.filter(pk=b.pk).update(bed_id=a_bed)
        RoomAssignment.objects.filter(pk=a.pk).update(bed_id=b_bed, status=a.status)
    return True


def promote_waitlist(term, limit=10, offer_hours=48):
    offered = 0
    entries = (WaitlistEntry.objects.filter(term=term, removed=False, offered_at__isnull=True)
               .select_related("application__resident").order_by("position"))
    for entry in entries[:limit]:
        bed = _find_free_bed(entry.application, term)
        if not bed:
            break
        assign_bed(entry.application, bed["id"], status="pending")
        entry.offered_at = timezone.now()
        entry.offer_expires_at = entry.offered_at + datetime.timedelta(hours=offer_hours)
        entry.save()
        offered += 1
    return offered


def expire_pending_offers(now=None):
    now = now or timezone.now()
    expired = WaitlistEntry.objects.filter(offer_expires_at__lt=now, removed=False)
    n = 0
    for entry in expired:
        RoomAssignment.objects.filter(application=entry.application, status="pending") \
            .update(status="cancelled", end_reason="offer_expired")
        entry.removed = True
        entry.save(update_fields=["removed"])
        n += 1
    return n


def occupancy_by_hall(term):
    return fetch_all("""
        SELECT h.code, h.name,
               COUNT(DISTINCT b.id) AS beds,
               COUNT(DISTINCT a.id) FILTER (WHERE a.status = 'active') AS occupied,
               COUNT(DISTINCT a.id) FILTER (WHERE a.status = 'pending') AS pending
          FROM housing_hall h
          JOIN housing_room r ON r.hall_id = h.id
          JOIN housing_bed b ON b.room_id = r.id AND b.is_active = TRUE
          LEFT JOIN core_roomassignment a ON a.bed_id = b.id AND a.term = %s
         GROUP BY h.code, h.name
         ORDER BY h.name
    """, [term])


def room_rate_for_bed(bed, term):
    """Rent for a bed in a term. hall-specific rate wins over the generic one."""
    room = bed.room
    rate = (RateCard.objects.filter(term=term, room_type_id=room.room_type_id, approved=True)
            .filter(Q(hall_id=room.hall_id) | Q(hall__isnull=True))
            .order_by("hall_id").first())  # NULLs last in postgres -> hall-specific first
    if rate is None:
        raise AllocationError("No approved rate for %s %s" % (room.room_type_id, term))
    return rate.amount
