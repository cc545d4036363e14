import csv

from django.core.management.base import BaseCommand

from core.models import Location
from members.models import Company, Member
from members.services import create_member


class Command(BaseCommand):
    help = "Bulk import members from a CSV (sales sends these for big company deals)"

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--location", required=True)
        parser.add_argument("--company")

    def handle(self, *args, **opts):
        location = Location.objects.get(code=opts["location"])
        company = Company.objects.get_or_create(name=opts["company"])[0] if opts.get("company") else None
        created = 0
        with open(opts["path"]) as fh:
            for row in csv.DictReader(fh):
                if Member.objects.filter(email__iexact=row["email"]).exists():
                    continue
                create_member(row["email"], row["first_name"], row["last_name"], company=company,
                              location=location, phone=row.get("phone", ""))
                created += 1
        self.stdout.write("created %d members" % created)
