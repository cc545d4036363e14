import csv
import io

from django.http import HttpResponse


def queryset_to_csv(rows, fields, header=None):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header or fields)
    for r in rows:
        if isinstance(r, dict):
            w.writerow([r.get(f, "") for f in fields])
        else:
            w.writerow([getattr(r, f, "") for f in fields])
    return buf.getvalue()


def csv_response(filename, rows, fields, header=None):
    resp = HttpResponse(queryset_to_csv(rows, fields, header), content_type="text/csv")
    resp["Content-Disposition"] = 'attachment; filename="%s"' % filename
    return resp
