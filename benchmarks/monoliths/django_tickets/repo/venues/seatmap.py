"""Import hall seat maps from the CSVs the venues send us.

Format (one line per seat run):  section_code,section_name,row,first,last[,flags]
flags: a = accessible, r = restricted view
"""
import csv
import io

from django.db import transaction

from venues.models import Seat, Section


class SeatMapError(Exception):
    pass


def parse_seatmap_csv(text):
    rows = []
    for lineno, record in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not record or record[0].startswith("#"):
            continue
        if len(record) < 5:
            raise SeatMapError(f"line {lineno}: expected at least 5 columns")
        code, name, row, first, last = [c.strip() for c in record[:5]]
        flags = record[5].strip() if len(record) > 5 else ""
        try:
            first, last = int(first), int(last)
        except ValueError:
            raise SeatMapError(f"line {lineno}: seat numbers must be integers")
        if last < first:
            raise SeatMapError(f"line {lineno}: last seat before first seat")
        rows.append({"code": code, "name": name, "row": row, "first": first, "last": last,
                     "accessible": "a" in flags, "restricted": "r" in flags})
    return rows


@transaction.atomic
def build_seats(hall, rows, replace=False):
    if replace:
        Seat.objects.filter(section__hall=hall).update(is_active=False)
    created = 0
    sections = {}
    for order, run in enumerate(rows):
        section = sections.get(run["code"])
        if section is None:
            section, _ = Section.objects.get_or_create(
                hall=hall, code=run["code"], defaults={"name": run["name"], "sort_order": order})
            sections[run["code"]] = section
        for number in range(run["first"], run["last"] + 1):
            seat, was_new = Seat.objects.update_or_create(
                section=section, row=run["row"], number=number,
                defaults={"is_accessible": run["accessible"],
                          "restricted_view": run["restricted"], "is_active": True})
            created += int(was_new)
    hall.venue.capacity = sum(h.seated_capacity() + h.standing_capacity for h in hall.venue.halls.all())
    hall.venue.save(update_fields=["capacity"])
    return created
