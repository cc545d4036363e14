import datetime

from django.core.management.base import BaseCommand, CommandError

from accounts.models import Practice
from accounts.rota import check_rota_conflicts, copy_rota_forward
from utils.dates import parse_date_loose, today_local, week_start


class Command(BaseCommand):
    help = 'Copy a week of the rota forward N weeks for one or all practices'

    def add_arguments(self, parser):
        parser.add_argument('--practice', help='practice code')
        parser.add_argument('--from-week', help='YYYY-MM-DD, default this week')
        parser.add_argument('--weeks', type=int, default=4)

    def handle(self, *args, **opts):
        src = week_start(parse_date_loose(opts.get('from_week')) or today_local())
        practices = Practice.objects.filter(is_active=True)
        if opts.get('practice'):
            practices = practices.filter(code=opts['practice'])
            if not practices:
                raise CommandError('no such practice')
        for p in practices:
            n = copy_rota_forward(p, src, opts['weeks'])
            self.stdout.write('%s: %d shifts created' % (p.code, n))
            end = src + datetime.timedelta(days=7 * (opts['weeks'] + 1))
            for d, msg in check_rota_conflicts(p, src, end):
                self.stdout.write(self.style.WARNING('  %s %s' % (d, msg)))
