"""Door/turnstile logic. Controllers are Paxton-ish boxes that POST the card uid to us
and open when we answer {"open": true} within 800ms. Keep this fast: raw SQL on purpose."""
import hashlib
import hmac

from django.conf import settings
from django.db import connection
from django.utils import timezone

from legacy.models import CheckIn, DoorCard

ACCESS_SQL = """
SELECT ms.id, ms.club_id, p.all_clubs, p.off_peak
FROM core_membership ms JOIN core_membershipplan p ON p.id = ms.plan_id
WHERE ms.member_id = %s AND ms.status IN ('active', 'arrears')
  AND ms.start_date <= %s AND (ms.end_date IS NULL OR ms.end_date >= %s)
ORDER BY ms.start_date DESC LIMIT 1
"""


def verify_signature(body, signature):
    expected = hmac.new(settings.DOOR_CONTROLLER_SECRET.encode(), body, hashlib.sha256)
    return hmac.compare_digest(expected.hexdigest(), signature or "")


def check_access(member, club, when=None):
    """(granted, reason)"""
    when = timezone.localtime(when or timezone.now())
    if member.status == "banned":
        return False, "banned"
    if not club.is_open_at(when):
        return False, "closed"
    with connection.cursor() as cur:
        cur.execute(ACCESS_SQL, [member.pk, when.date(), when.date()])
        row = cur.fetchone()
    if row is None:
        # guest pass for today?
        if member.guest_passes.filter(club=club, valid_on=when.date(), used_at=None).exists():
            return True, ""
        return False, "no membership"
    _, home_club, all_clubs, off_peak = row
    if not all_clubs and home_club != club.pk:
        return False, "wrong club"
    if off_peak and (when.weekday() < 5 and 16 <= when.hour < 20):
        return False, "off-peak plan"
    if current_occupancy(club) >= club.capacity:
        return False, "club full"
    return True, ""


def current_occupancy(club):
    with connection.cursor() as cur:
        cur.execute("SELECT COUNT(*) FROM tbl_checkin WHERE club_id = %s AND granted = %s "
                    "AND left_at IS NULL AND at >= %s",
                    [club.pk, True, timezone.now() - timezone.timedelta(hours=3)])
        return cur.fetchone()[0]


def record_checkin(member, club, method="card", card=None, access_point=None):
    granted, reason = check_access(member, club)
    return CheckIn.objects.create(member=member, club=club, card=card, method=method,
                                  access_point=access_point, granted=granted,
                                  deny_reason=reason)


def card_for_uid(uid):
    uid = (uid or "").strip().upper().lstrip("0")
    return (DoorCard.objects.filter(uid=uid, active=True, lost=False)
            .select_related("member").first())


def issue_card(member, uid, deposit=False):
    DoorCard.objects.filter(member=member, active=True).update(active=False)
    return DoorCard.objects.create(member=member, uid=uid.strip().upper().lstrip("0"),
                                   deposit_paid=deposit)
