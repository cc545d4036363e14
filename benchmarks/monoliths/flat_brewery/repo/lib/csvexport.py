"""csv download / file helpers"""
import csv
import io
import os

import web

import config


def rows_to_csv(rows, columns=None, headers=None):
    buf = io.StringIO()
    w = csv.writer(buf)
    if rows and columns is None:
        columns = list(rows[0].keys())
    w.writerow(headers or columns or [])
    for r in rows:
        w.writerow([r.get(c, '') if hasattr(r, 'get') else r[i]
                    for i, c in enumerate(columns)])
    return buf.getvalue()


def csv_response(filename, rows, columns=None, headers=None):
    web.header('Content-Type', 'text/csv; charset=utf-8')
    web.header('Content-Disposition', 'attachment; filename="%s"' % filename)
    return rows_to_csv(rows, columns, headers)


def write_csv_file(filename, rows, columns=None, headers=None):
    if not os.path.isdir(config.EXPORT_DIR):
        os.makedirs(config.EXPORT_DIR)
    path = os.path.join(config.EXPORT_DIR, filename)
    with open(path, 'w') as f:
        f.write(rows_to_csv(rows, columns, headers))
    return path
