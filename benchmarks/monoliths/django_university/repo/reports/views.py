from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render

from academics.models import Term
from common.decorators import log_execution_time, role_required
from common.utils import format_money, rows_to_csv, safe_int
from reports import queries
from reports.queries import ReportRegistry


@login_required
def report_index(request):
    return render(request, 'reports/index.html', {'reports': ReportRegistry.available_for(request.user)})


@login_required
@log_execution_time('report_csv')
def report_csv(request, name):
    entry = ReportRegistry.get(name)
    if entry is None:
        raise Http404
    func, title, roles = entry
    if not request.user.is_superuser and not request.user.groups.filter(name__in=roles).exists():
        raise PermissionDenied
    args = [safe_int(a) if a.isdigit() else a for a in request.GET.getlist('arg')]
    rows = func(*args)
    if not rows:
        return HttpResponse('no rows', content_type='text/plain')
    header = list(rows[0].keys())
    body = rows_to_csv(header, [[r[h] for h in header] for r in rows])
    response = HttpResponse(body, content_type='text/csv')
    response['Content-Disposition'] = 'attachment; filename="%s.csv"' % name
    return response


@role_required('bursary')
def finance_dashboard(request):
    aged = queries.aged_debt()
    buckets = {}
    for row in aged:
        buckets[row['bucket']] = buckets.get(row['bucket'], 0) + row['balance']
    year = safe_int(request.GET.get('year'), None)
    income = queries.fee_income_by_programme(year) if year else []
    return render(request, 'reports/finance.html', {
        'buckets': {k: format_money(v) for k, v in buckets.items()},
        'total': format_money(sum(buckets.values())),
        'top_debtors': aged[:25],
        'income': income,
    })


@role_required('registry', 'planning')
def registrar_dashboard(request):
    term = Term.objects.filter(code=request.GET.get('term')).first() or getattr(request, 'term', None)
    census = queries.enrolment_census(term.pk) if term else []
    return render(request, 'reports/registrar.html', {
        'term': term, 'census': census,
        'total_students': sum(r['students'] for r in census)})


@role_required('admissions', 'planning')
def admissions_dashboard(request, round_id):
    rows = queries.admissions_funnel(round_id)
    totals = {k: sum(r[k] for r in rows) for k in ('applications', 'interviews', 'offers', 'accepted')}
    conversion = (100.0 * totals['accepted'] / totals['offers']) if totals['offers'] else 0
    return render(request, 'reports/admissions.html', {'rows': rows, 'totals': totals,
                                                      'conversion': round(conversion, 1)})
