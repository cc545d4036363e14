"""Import the end-of-shift CSV from the old handhelds (the ones without 4G)."""
import csv
from datetime import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from backoffice.models import CivilOfficer
from main.models import Zone
from main.services import issue_penalty_notice


class Command(BaseCommand):
    help = "Import PCNs from a handheld CSV dump"

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        zones = {z.code: z for z in Zone.objects.all()}
        officers = {o.badge_number: o for o in CivilOfficer.objects.all()}
        created = 0
        with open(options["path"], newline="") as fh:
            for row in csv.DictReader(fh):
                observed = timezone.make_aware(datetime.strptime(row["observed"], "%d/%m/%Y %H:%M"))
                issue_penalty_notice(officers.get(row["badge"]), row["vrm"], zones[row["zone"]],
                                     row["code"], observed_from=observed,
                                     photo_count=int(row.get("photos") or 0), notes=row.get("notes", ""))
                created += 1
        self.stdout.write("%d PCNs imported" % created)
