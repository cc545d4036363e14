import csv
import io

from pyramid.response import Response


def rows_to_csv(rows, headers=None):
    buf = io.StringIO()
    writer = csv.writer(buf)
    rows = list(rows)
    if headers is None and rows and hasattr(rows[0], 'keys'):
        headers = list(rows[0].keys())
    if headers:
        writer.writerow(headers)
    for row in rows:
        writer.writerow(list(row))
    return buf.getvalue()


def csv_response(rows, filename, headers=None):
    body = rows_to_csv(rows, headers)
    resp = Response(body=body.encode('utf-8'), content_type='text/csv', charset='utf-8')
    resp.content_disposition = 'attachment; filename="%s"' % filename
    return resp


class UnicodeWriter(object):
    """Left over from the python 2 days. Nothing uses it any more (I think)."""

    def __init__(self, f, dialect=csv.excel, encoding='utf-8', **kwds):
        self.writer = csv.writer(f, dialect=dialect, **kwds)
        self.encoding = encoding

    def writerow(self, row):
        self.writer.writerow([str(s) for s in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)
