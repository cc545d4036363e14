from django.core.management.base import BaseCommand

from core.models import InsuranceClaim
from core.services import submit_claim


class Command(BaseCommand):
    help = 'Resubmit rejected claims that have been corrected (or all with --force)'

    def add_arguments(self, parser):
        parser.add_argument('--force', action='store_true')
        parser.add_argument('--max-resubmits', type=int, default=3)

    def handle(self, *args, **opts):
        qs = InsuranceClaim.objects.filter(status='rejected', resubmission_count__lt=opts['max_resubmits'])
        if not opts['force']:
            qs = qs.exclude(rejection_reason__icontains='eligibility')
        ok = failed = 0
        for claim in qs.select_related('policy__company'):
            try:
                submit_claim(claim)
                ok += 1
            except Exception as e:
                failed += 1
                self.stderr.write('%s: %s' % (claim.claim_number, e))
        self.stdout.write('%d resubmitted, %d failed' % (ok, failed))
