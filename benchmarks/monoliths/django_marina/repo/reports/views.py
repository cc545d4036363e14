import datetime

from django.shortcuts import render
from django.utils import timezone

from boats.models import WorkOrder
from main.models import Berth, Invoice
from reports import queries
from shop.stock import stock_value
from staff.models import AccessLog, Incident
from utils.csvexport import export_rows
from utils.dates import financial_year, parse_uk_date
from utils.decorators import staff_required


def _period(request):
    today = timezone.localdate()
    start = parse_uk_date(request.GET.get('from')) or datetime.date(financial_year(today), 4, 1)
    end = parse_uk_date(request.GET.get('to')) or today + datetime.timedelta(days=1)
    return start, end


@staff_required
def occupancy_report(request):
    on = parse_uk_date(request.GET.get('on')) or timezone.localdate()
    rows = queries.occupancy_by_pontoon(on)
    return render(request, 'reports/occupancy.html', {'rows': rows, 'on': on})


@staff_required
def revenue_report(request):
    start, end = _period(request)
    rows = queries.revenue_by_month(start, end)
    if request.GET.get('csv'):
        return export_rows('revenue.csv', ['month', 'source', 'net', 'gross'],
                           [(r['month'], r['source'], r['net'], r['gross']) for r in rows])
    return render(request, 'reports/revenue.html', {'rows': rows, 'start': start, 'end': end})


@staff_required
def aged_debtors(request):
    rows = queries.debtor_ages()
    if request.GET.get('csv'):
        return export_rows('aged_debtors.csv', ['account', 'surname', 'current', '30', '60', '90+'],
                           [(r['account_ref'], r['surname'], r['current'], r['d30'], r['d60'], r['d90']) for r in rows])
    return render(request, 'reports/aged_debtors.html', {'rows': rows})


@staff_required
def fuel_volume_report(request):
    start, end = _period(request)
    return render(request, 'reports/fuel.html', {'rows': queries.fuel_litres_by_month(start, end)})


@staff_required
def yard_utilisation(request):
    start, end = _period(request)
    return render(request, 'reports/yard.html', {
        'spaces': queries.yard_days(start, end),
        'open': WorkOrder.objects.filter(status__in=('open', 'in_progress', 'on_hold')).count()})


@staff_required
def chandlery_sales_report(request):
    start, end = _period(request)
    return render(request, 'reports/chandlery.html', {'rows': queries.top_products(start, end),
                                                      'stock_value': stock_value()})


@staff_required
def staff_hours_report(request):
    start, end = _period(request)
    return render(request, 'reports/staff_hours.html', {'rows': queries.hours_by_staff(start, end)})


@staff_required
def security_report(request):
    start, end = _period(request)
    return render(request, 'reports/security.html', {
        'denied': AccessLog.objects.filter(granted=False, at__date__gte=start, at__date__lt=end).order_by('-at')[:200],
        'incidents': Incident.objects.filter(reported_at__date__gte=start, reported_at__date__lt=end)})


@staff_required
def board_pack(request):
    """Monthly board pack front page - pulls a bit of everything."""
    start, end = _period(request)
    ctx = queries.summary_counts()
    ctx.update({
        'revenue': queries.revenue_by_month(start, end),
        'occupancy': queries.occupancy_by_pontoon(timezone.localdate()),
        'fuel': queries.fuel_litres_by_month(start, end),
        'berths': Berth.objects.count(),
        'overdue': Invoice.objects.overdue().count(),
    })
    return render(request, 'reports/board_pack.html', ctx)
