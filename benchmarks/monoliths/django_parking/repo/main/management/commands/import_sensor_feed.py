import csv
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from main.models import BaySensor
from main.services import update_bay_occupancy


class Command(BaseCommand):
    help = "Back-fill bay occupancy from a vendor CSV export (serial,timestamp,occupied)"

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options):
        sensors = {s.serial: s for s in BaySensor.objects.select_related("bay")}
        count = missing = 0
        try:
            fh = open(options["path"])
        except IOError as exc:
            raise CommandError(str(exc))
        with fh:
            for row in csv.DictReader(fh):
                sensor = sensors.get(row["serial"])
                if sensor is None:
                    missing += 1
                    continue
                ts = timezone.make_aware(datetime.strptime(row["timestamp"], "%Y-%m-%d %H:%M:%S"))
                if not options["dry_run"]:
                    update_bay_occupancy(sensor, row["occupied"] in ("1", "true", "True"), ts,
                                         raw=",".join(row.values()))
                count += 1
        self.stdout.write("imported %d readings, %d unknown sensors" % (count, missing))
