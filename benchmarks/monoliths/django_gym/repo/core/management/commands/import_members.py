"""One-off import of the FitDesk member export (CSV). Run per club."""
import csv

from django.core.management.base import BaseCommand, CommandError

from common.utils import normalise_phone, parse_date
from core.helpers import next_member_no
from core.models import Club, Member


class Command(BaseCommand):
    help = "Import members from a FitDesk CSV export"

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--club", required=True)

    def handle(self, path, club, **opts):
        try:
            club = Club.objects.get(code=club)
        except Club.DoesNotExist:
            raise CommandError("no club %s" % club)
        created = skipped = 0
        with open(path, newline="", encoding="latin-1") as fh:
            for row in csv.DictReader(fh):
                email = (row.get("EMAIL") or "").strip().lower()
                if not email or Member.objects.filter(email=email).exists():
                    skipped += 1
                    continue
                Member.objects.create(
                    member_no=row.get("MEMBNO") or next_member_no(club),
                    first_name=row["FNAME"].title(), last_name=row["SNAME"].title(),
                    email=email, phone=normalise_phone(row.get("MOBILE")),
                    dob=parse_date(row.get("DOB")), home_club=club,
                    status="lapsed", notes="imported from FitDesk")
                created += 1
        self.stdout.write("%d created, %d skipped" % (created, skipped))
