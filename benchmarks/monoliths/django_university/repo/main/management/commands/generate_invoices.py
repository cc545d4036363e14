"""./manage.py generate_invoices --term 2020A [--dry-run] [--programme CS]

Run by the bursary after the add/drop deadline each term."""
import logging

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Exists, OuterRef

from academics.models import Enrolment, Term
from common.utils import format_money
from main import services
from main.models import Student

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = 'Generate tuition invoices for every student enrolled in the given term'

    def add_arguments(self, parser):
        parser.add_argument('--term', required=True, help='term code, e.g. 2020A')
        parser.add_argument('--programme', help='only this programme code')
        parser.add_argument('--dry-run', action='store_true')
        parser.add_argument('--no-issue', action='store_true', help='leave invoices in draft')

    def handle(self, *args, **options):
        try:
            term = Term.objects.get(code=options['term'])
        except Term.DoesNotExist:
            raise CommandError('Unknown term %s' % options['term'])

        enrolled = Enrolment.objects.filter(student=OuterRef('pk'), section__term=term, status='enrolled')
        students = (Student.objects.filter(status=Student.STATUS_ACTIVE)
                    .annotate(has_enrolment=Exists(enrolled)).filter(has_enrolment=True))
        if options.get('programme'):
            students = students.filter(programme_code=options['programme'])

        created = skipped = failed = 0
        grand_total = 0
        for student in students.iterator():
            if options['dry_run']:
                self.stdout.write('would invoice %s' % student.student_number)
                continue
            try:
                invoice = services.generate_term_invoice(student, term, issued_by='generate_invoices',
                                                         issue=not options['no_issue'])
            except services.BillingError as exc:
                self.stderr.write('%s: %s' % (student.student_number, exc))
                failed += 1
                continue
            if invoice is None:
                skipped += 1
                continue
            created += 1
            grand_total += invoice.total
        self.stdout.write(self.style.SUCCESS(
            'created=%s skipped=%s failed=%s total=%s' % (created, skipped, failed, format_money(grand_total))))
