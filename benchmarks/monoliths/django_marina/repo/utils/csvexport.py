import csv

from django.http import HttpResponse


class CsvResponse(HttpResponse):
    def __init__(self, filename, *args, **kwargs):
        super().__init__(content_type='text/csv', *args, **kwargs)
        self['Content-Disposition'] = 'attachment; filename="%s"' % filename


def export_rows(filename, header, rows):
    resp = CsvResponse(filename)
    w = csv.writer(resp)
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    return resp
