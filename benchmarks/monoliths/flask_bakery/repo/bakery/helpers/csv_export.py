import csv
import io

from flask import Response


def rows_to_csv(rows, columns=None):
    buf = io.StringIO()
    if not rows:
        return ""
    columns = columns or list(rows[0].keys())
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return buf.getvalue()


def csv_response(rows, filename, columns=None):
    body = rows_to_csv(rows, columns)
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=%s" % filename},
    )


def export_query(query, filename, fields=None):
    rows = [obj.to_dict() for obj in query]
    return csv_response(rows, filename, fields)
