import datetime

from pyramid.httpexceptions import HTTPNotFound
from pyramid.view import view_config

from ..lib.csvutil import csv_response
from ..lib.dates import parse_date
from ..services.reporting import REPORTS, get_report


@view_config(route_name='reports', renderer='resort:templates/reports/index.jinja2',
             permission='reports')
def reports_index(request):
    return {'reports': sorted((k, v[0]) for k, v in REPORTS.items())}


@view_config(route_name='report', renderer='resort:templates/reports/report.jinja2',
             permission='reports')
def report_view(request):
    name = request.matchdict['name']
    if name not in REPORTS:
        raise HTTPNotFound()
    return get_report(name, parse_date(request.params.get('start')),
                      parse_date(request.params.get('end')))


@view_config(route_name='report_csv', permission='reports')
def report_csv_view(request):
    name = request.matchdict['name']
    if name not in REPORTS:
        raise HTTPNotFound()
    data = get_report(name, parse_date(request.params.get('start')),
                      parse_date(request.params.get('end')))
    return csv_response(data['rows'], '%s-%s.csv' % (name, data['start']), data['columns'])
