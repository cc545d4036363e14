import csv

from django.http import HttpResponse


def rows_to_csv(rows, filename, headers=None):
    resp = HttpResponse(content_type='text/csv')
    resp['Content-Disposition'] = 'attachment; filename="%s"' % filename
    writer = csv.writer(resp)
    if rows and headers is None and isinstance(rows[0], dict):
        headers = list(rows[0].keys())
    if headers:
        writer.writerow(headers)
    for r in rows:
        writer.writerow([r.get(h) for h in headers] if isinstance(r, dict) else list(r))
    return resp
