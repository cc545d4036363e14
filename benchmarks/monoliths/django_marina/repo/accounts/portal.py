"""Berth holder self-service portal (2022). Thin views over the other apps."""
from django.shortcuts import render

from utils.decorators import owner_required


@owner_required
def portal_home(request):
    owner = request.user.owner_profile
    return render(request, 'accounts/portal_home.html', {'owner': owner, 'boats': owner.boats.all()})


@owner_required
def portal_invoices(request):
    from main.billing import owner_balance
    owner = request.user.owner_profile
    invoices = owner.invoices.exclude(status__in=('draft', 'void')).order_by('-issue_date')
    return render(request, 'accounts/portal_invoices.html', {'invoices': invoices, 'balance': owner_balance(owner)})


@owner_required
def portal_berth(request):
    from main.models import BerthAllocation
    allocs = BerthAllocation.active.filter(owner=request.user.owner_profile).select_related('berth', 'boat')
    return render(request, 'accounts/portal_berth.html', {'allocations': allocs})


@owner_required
def portal_workorders(request):
    from boats.models import WorkOrder
    jobs = WorkOrder.objects.filter(owner=request.user.owner_profile).exclude(status='cancelled').order_by('-created')
    return render(request, 'accounts/portal_jobs.html', {'jobs': jobs})


@owner_required
def portal_gate_code(request):
    from staff.access import codes_for_owner
    return render(request, 'accounts/portal_gate.html', {'codes': codes_for_owner(request.user.owner_profile)})
