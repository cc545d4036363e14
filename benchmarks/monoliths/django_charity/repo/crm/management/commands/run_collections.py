from django.core.management.base import BaseCommand

from crm.recurring import run_collections
from utils.helpers import parse_date


class Command(BaseCommand):
    help = "Submit due direct debit collections to the gateway"

    def add_arguments(self, parser):
        parser.add_argument("--date")

    def handle(self, *args, **options):
        run = run_collections(parse_date(options.get("date")))
        self.stdout.write("run %s: %s submitted, %s failed, total %s" % (
            run.pk, run.submitted, run.failed, run.total))
