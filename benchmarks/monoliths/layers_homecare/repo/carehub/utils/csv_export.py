import csv
import io

from fastapi.responses import StreamingResponse


def rows_to_csv(rows, headers=None):
    buf = io.StringIO()
    writer = csv.writer(buf)
    if headers:
        writer.writerow(headers)
    for r in rows:
        writer.writerow(list(r))
    return buf.getvalue()


def csv_response(rows, headers, filename):
    data = rows_to_csv(rows, headers)
    return StreamingResponse(iter([data]), media_type="text/csv",
                             headers={"Content-Disposition": "attachment; filename=%s" % filename})
