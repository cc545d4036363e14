"""Monthly P2 attendance export for the state (fixed-width, one line per student-day)."""
import os

from django.conf import settings
from django.core.management.base import BaseCommand

from attendance.models import AttendanceRecord, DailySummary
from common.conf import district_code
from common.dates import parse_date

STATUS_CODES = {"present": "P", "absent": "A", "half": "H", "ne": "N"}


class Command(BaseCommand):
    help = "Write the state attendance extract for a date range"

    def add_arguments(self, parser):
        parser.add_argument("start")
        parser.add_argument("end")
        parser.add_argument("--out", default=None)

    def handle(self, *args, **options):
        start, end = parse_date(options["start"]), parse_date(options["end"])
        out = options["out"] or os.path.join(settings.STATE_EXPORT_DIR, "ATT_%s_%s.txt" % (
            district_code(), end.strftime("%Y%m")))
        rows = (DailySummary.objects.filter(date__gte=start, date__lte=end)
                .select_related("student__school").order_by("student__state_id", "date"))
        count = 0
        with open(out, "w") as fh:
            for s in rows:
                fh.write(self.format_line(s))
                count += 1
        self.stdout.write("wrote %d lines to %s" % (count, out))

    def format_line(self, summary):
        code = ""
        if summary.status in ("absent", "half"):
            record = (AttendanceRecord.objects.filter(student=summary.student, date=summary.date, status="A")
                      .exclude(code__isnull=True).select_related("code").first())
            code = record.code.state_code if record else "U"
        return "%-10s%-6s%s%s%-4s\n" % (summary.student.state_id, summary.student.school.code,
                                       summary.date.strftime("%Y%m%d"), STATUS_CODES[summary.status], code)
