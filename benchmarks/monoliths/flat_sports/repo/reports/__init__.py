"""
Back-office reports.  Each report is fn(date_from, date_to) -> {'columns': [...], 'rows': [...]}
"""
import csv
import io

REPORTS = {}


def register(name, title):
    def deco(fn):
        REPORTS[name] = (title, fn)
        return fn
    return deco


def get_report(name):
    _load()
    hit = REPORTS.get(name)
    return hit[1] if hit else None


def list_reports():
    _load()
    return sorted((name, title) for name, (title, fn) in REPORTS.items())


def to_csv(result):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(result['columns'])
    for r in result['rows']:
        w.writerow([r.get(c) for c in result['columns']])
    return buf.getvalue()


def _load():
    # import for the side effect of @register
    from reports import finance, usage, council_kpi  # noqa
