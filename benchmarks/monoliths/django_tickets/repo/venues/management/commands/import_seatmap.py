from django.core.management.base import BaseCommand, CommandError

from venues.models import Hall
from venues.seatmap import SeatMapError, build_seats, parse_seatmap_csv


class Command(BaseCommand):
    help = "Load a hall seat map from a venue CSV"

    def add_arguments(self, parser):
        parser.add_argument("hall_id", type=int)
        parser.add_argument("path")
        parser.add_argument("--replace", action="store_true")

    def handle(self, *args, **opts):
        try:
            hall = Hall.objects.get(pk=opts["hall_id"])
        except Hall.DoesNotExist:
            raise CommandError("no such hall")
        with open(opts["path"], encoding="utf-8-sig") as fh:
            try:
                created = build_seats(hall, parse_seatmap_csv(fh.read()), replace=opts["replace"])
            except SeatMapError as exc:
                raise CommandError(str(exc))
        self.stdout.write(f"{created} seats created in {hall}")
