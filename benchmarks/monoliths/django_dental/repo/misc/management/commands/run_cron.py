from django.core.management.base import BaseCommand

from misc.tasks import TASKS, run_due_tasks


class Command(BaseCommand):
    help = 'Run scheduled jobs that are due (call from cron every 10 minutes)'

    def add_arguments(self, parser):
        parser.add_argument('--only', nargs='*', help='force-run these tasks: %s' % ', '.join(sorted(TASKS)))

    def handle(self, *args, **opts):
        for name, result in run_due_tasks(only=opts.get('only')).items():
            self.stdout.write('%s: %s' % (name, result))
