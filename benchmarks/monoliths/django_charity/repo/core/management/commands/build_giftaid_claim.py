from django.core.management.base import BaseCommand, CommandError

from core.giftaid import build_claim
from utils.helpers import parse_date


class Command(BaseCommand):
    help = "Build a draft gift aid claim for a period (dd/mm/yyyy dd/mm/yyyy)"

    def add_arguments(self, parser):
        parser.add_argument("start")
        parser.add_argument("end")

    def handle(self, *args, **options):
        start, end = parse_date(options["start"]), parse_date(options["end"])
        if not start or not end or end < start:
            raise CommandError("bad period")
        claim = build_claim(start, end)
        self.stdout.write("Built %s: %s lines, claiming %s" % (
            claim.reference, claim.lines.count(), claim.total_claimed))
