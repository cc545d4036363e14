import datetime

from django.core.management.base import BaseCommand

from common.utils import current_term, term_bounds
from core.billing import generate_term_charges
from core.models import BillingPeriod


class Command(BaseCommand):
    help = "Post rent charges for every pending/active assignment in a term."

    def add_arguments(self, parser):
        parser.add_argument("--term", default=None)
        parser.add_argument("--create-period", action="store_true")

    def handle(self, *args, **options):
        term = options["term"] or current_term()
        if options["create_period"]:
            start, _ = term_bounds(term)
            BillingPeriod.objects.get_or_create(
                term=term, defaults={"charge_date": start - datetime.timedelta(days=21),
                                     "due_date": start + datetime.timedelta(days=14)})
        n = generate_term_charges(term)
        self.stdout.write(self.style.SUCCESS("posted %d rent charges for %s" % (n, term)))
