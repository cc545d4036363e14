"""One-off importers from Nexudus (2019 migration). Still used occasionally when
we take over a building that runs Nexudus."""
import csv
import logging

from django.utils import timezone

from access.models import KeyCard
from core.models import Location
from legacy.utils import legacy_date_parse
from members.models import MeetingRoom, Member, Membership, MembershipPlan, RoomBooking

log = logging.getLogger(__name__)

PLAN_MAP = {
    "Hotdesk": "Hot Desk",
    "Fixed Desk": "Dedicated Desk",
    "Office": "Private Office",
    "Virtual Office": "Virtual",
}


def import_nexudus_members(path, location_code):
    from members.services import create_member
    location = Location.objects.get(code=location_code)
    n = 0
    with open(path, encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            if Member.objects.filter(nexudus_id=row["Id"]).exists():
                continue
            m = create_member(row["Email"], row["FirstName"], row["LastName"], location=location)
            m.nexudus_id = row["Id"]
            m.save(update_fields=["nexudus_id"])
            plan = MembershipPlan.objects.filter(name=PLAN_MAP.get(row["Tariff"], row["Tariff"])).first()
            if plan:
                Membership.objects.create(member=m, plan=plan, location=location, status=Membership.ACTIVE,
                                          start_date=legacy_date_parse(row["TariffStart"]) or timezone.localdate())
            n += 1
    return n


def import_nexudus_bookings(path, location_code):
    rooms = {r.name: r for r in MeetingRoom.objects.filter(location__code=location_code)}
    with open(path, encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            member = Member.objects.filter(nexudus_id=row["CoworkerId"]).first()
            room = rooms.get(row["Resource"])
            if not member or not room:
                log.warning("skip booking %s", row.get("Id"))
                continue
            RoomBooking.objects.get_or_create(room=room, member=member, start=row["FromTime"], end=row["ToTime"])


def legacy_import_cards(path):
    with open(path) as fh:
        for row in csv.reader(fh):
            uid, email = row[0].strip().upper(), row[1].strip().lower()
            member = Member.objects.filter(email=email).first()
            KeyCard.objects.get_or_create(uid=uid, defaults={"member": member})
