import datetime

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from staff import access, rota
from staff.forms import FobForm, IncidentForm, LeaveForm, ShiftForm
from staff.models import AccessFob, AccessLog, GateCode, LeaveRequest, Shift
from utils.decorators import staff_required


@staff_required
def rota_view(request):
    start = request.GET.get('week')
    monday = datetime.date.fromisoformat(start) if start else timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    shifts = Shift.objects.filter(date__gte=monday, date__lt=monday + datetime.timedelta(days=7)).select_related('staff')
    return render(request, 'staff/rota.html', {'monday': monday, 'shifts': shifts})


@staff_required
def shift_edit(request, pk=None):
    shift = get_object_or_404(Shift, pk=pk) if pk else None
    form = ShiftForm(request.POST or None, instance=shift)
    if form.is_valid():
        form.save()
        return redirect('rota')
    return render(request, 'staff/shift_form.html', {'form': form})


@staff_required
def leave_request(request):
    form = LeaveForm(request.POST or None)
    if form.is_valid():
        lr = form.save(commit=False)
        lr.staff = request.user.staff_profile
        lr.save()
        messages.success(request, 'Leave requested')
        return redirect('rota')
    return render(request, 'staff/leave_form.html', {'form': form})


@staff_required
def leave_approve(request, pk):
    lr = get_object_or_404(LeaveRequest, pk=pk)
    if request.method == 'POST':
        rota.approve_leave(lr, request.user.staff_profile, approved=request.POST.get('approve') == '1')
    return redirect('rota')


@staff_required
def gate_codes(request):
    codes = GateCode.objects.filter(revoked=False, valid_to__gte=timezone.now()).select_related('owner')
    if request.method == 'POST' and request.POST.get('revoke'):
        access.revoke_code(get_object_or_404(GateCode, pk=request.POST['revoke']))
        messages.warning(request, 'Code revoked')
        return redirect('gate_codes')
    return render(request, 'staff/gate_codes.html', {'codes': codes})


@staff_required
def fob_list(request):
    form = FobForm(request.POST or None)
    if form.is_valid():
        access.issue_fob(form.cleaned_data['serial'], form.cleaned_data.get('owner'), form.cleaned_data.get('staff'),
                         form.cleaned_data.get('expires'))
        return redirect('fob_list')
    return render(request, 'staff/fobs.html', {'fobs': AccessFob.objects.filter(active=True), 'form': form})


@staff_required
def access_log_view(request):
    logs = AccessLog.objects.select_related('fob').order_by('-at')[:500]
    return render(request, 'staff/access_log.html', {'logs': logs})


@staff_required
def incident_new(request):
    form = IncidentForm(request.POST or None)
    if form.is_valid():
        access.report_incident(form.cleaned_data['location'], form.cleaned_data['description'],
                               getattr(request.user, 'staff_profile', None), form.cleaned_data.get('boat'))
        return redirect('dashboard')
    return render(request, 'staff/incident_form.html', {'form': form})
