from django.core.management.base import BaseCommand

from core.models import School, Term
from reports.cards import publish_cards
from reports.tasks import email_report_cards


class Command(BaseCommand):
    help = "Build, render and publish report cards for a school's grading period"

    def add_arguments(self, parser):
        parser.add_argument("school")
        parser.add_argument("term_name")
        parser.add_argument("--year", type=int)
        parser.add_argument("--email", action="store_true", help="email guardians afterwards")

    def handle(self, *args, **options):
        school = School.objects.get(code=options["school"])
        terms = Term.objects.filter(school=school, name=options["term_name"], is_grading_period=True)
        if options["year"]:
            terms = terms.filter(school_year=options["year"])
        term = terms.order_by("-school_year").first()
        n = publish_cards(term)
        self.stdout.write("published %d cards for %s" % (n, term))
        if options["email"]:
            email_report_cards.delay(term.id)
