import csv
import io

from django.http import HttpResponse

from members.models import Member


def _write_csv(filename, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    resp = HttpResponse(buf.getvalue(), content_type="text/csv")
    resp["Content-Disposition"] = 'attachment; filename="%s"' % filename
    return resp


def export_members_csv(location=None):
    qs = Member.objects.select_related("company", "home_location").prefetch_related("memberships__plan")
    if location:
        qs = qs.filter(home_location=location)
    rows = []
    for m in qs:
        active = [ms for ms in m.memberships.all() if ms.status == "active"]
        rows.append([m.pk, m.full_name, m.email, m.company.name if m.company else "",
                     m.home_location.code if m.home_location else "",
                     ";".join(ms.plan.name for ms in active), m.suspended])
    return _write_csv("members.csv", ["id", "name", "email", "company", "location", "plans", "suspended"], rows)
