import csv
import io

from flask import Response


def to_csv(rows, columns):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";")
    w.writerow(columns)
    for r in rows:
        w.writerow([r.get(c) if isinstance(r, dict) else getattr(r, c, None) for c in columns])
    return buf.getvalue()


def csv_response(rows, columns, filename):
    return Response(to_csv(rows, columns), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=%s" % filename})
