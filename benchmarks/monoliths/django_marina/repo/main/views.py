import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from boats.models import Boat, WorkOrder
from main import allocation, billing
from main.forms import AllocationForm, PaymentForm, VisitorCheckinForm
from main.models import Berth, BerthAllocation, Invoice, Pontoon, VisitorBoat, WaitingListEntry
from utils.decorators import staff_required
from utils.pdf import PdfResponse, render_pdf


@staff_required
def dashboard(request):
    today = timezone.localdate()
    ctx = {
        'occupied': BerthAllocation.active.count(),
        'berths': Berth.objects.filter(out_of_service=False).count(),
        'visitors_tonight': VisitorBoat.objects.filter(arrived__lte=today, departs__gt=today, checked_out=False).count(),
        'overdue': Invoice.objects.overdue().count(),
        'open_jobs': WorkOrder.objects.filter(status__in=('open', 'in_progress')).count(),
        'waiting': WaitingListEntry.objects.filter(active=True).count(),
    }
    return render(request, 'main/dashboard.html', ctx)


@staff_required
def berth_list(request):
    pontoons = Pontoon.objects.prefetch_related('berths').all()
    current = {a.berth_id: a for a in BerthAllocation.active.select_related('boat', 'owner')}
    return render(request, 'main/berth_list.html', {'pontoons': pontoons, 'current': current})


@staff_required
def berth_detail(request, pk):
    berth = get_object_or_404(Berth, pk=pk)
    history = berth.allocations.select_related('boat', 'owner').order_by('-start_date')[:20]
    return render(request, 'main/berth_detail.html', {'berth': berth, 'history': history})


@staff_required
def allocate_view(request, berth_id):
    berth = get_object_or_404(Berth, pk=berth_id)
    form = AllocationForm(request.POST or None, initial={'start_date': timezone.localdate()})
    if request.method == 'POST' and form.is_valid():
        try:
            alloc = allocation.allocate_berth(berth, form.cleaned_data['boat'], form.cleaned_data['start_date'],
                                              form.cleaned_data.get('end_date'), form.cleaned_data['contract_type'],
                                              confirm=form.cleaned_data.get('confirm'))
        except allocation.AllocationError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, 'Allocated %s to %s' % (berth, alloc.boat))
            return redirect('berth_detail', pk=berth.pk)
    return render(request, 'main/allocate.html', {'berth': berth, 'form': form})


@staff_required
def release_view(request, pk):
    alloc = get_object_or_404(BerthAllocation, pk=pk)
    if request.method == 'POST':
        allocation.release_berth(alloc, reason=request.POST.get('reason', ''))
        if request.POST.get('offer'):
            allocation.offer_to_waiting_list(alloc.berth)
        return redirect('berth_detail', pk=alloc.berth_id)
    return render(request, 'main/release_confirm.html', {'alloc': alloc})


@staff_required
def waiting_list(request):
    entries = WaitingListEntry.objects.filter(active=True).select_related('owner', 'boat', 'offered_berth')
    return render(request, 'main/waiting_list.html', {'entries': entries})


@staff_required
def invoice_list(request):
    qs = Invoice.objects.select_related('owner').order_by('-created')
    status = request.GET.get('status')
    if status == 'overdue':
        qs = Invoice.objects.overdue()
    elif status:
        qs = qs.filter(status=status)
    return render(request, 'main/invoice_list.html', {'invoices': qs[:200], 'status': status})


@login_required
def invoice_detail(request, pk):
    inv = get_object_or_404(Invoice, pk=pk)
    return render(request, 'main/invoice_detail.html', {'invoice': inv, 'payment_form': PaymentForm()})


@login_required
def invoice_pdf(request, pk):
    inv = get_object_or_404(Invoice, pk=pk)
    if not request.user.is_staff and (not inv.owner or inv.owner.user_id != request.user.id):
        return redirect('portal_home')
    return PdfResponse(render_pdf('main/invoice_pdf.html', {'invoice': inv}), filename='%s.pdf' % inv)


@staff_required
def record_payment_view(request, pk):
    inv = get_object_or_404(Invoice, pk=pk)
    form = PaymentForm(request.POST)
    if form.is_valid():
        billing.record_payment(inv, form.cleaned_data['amount'], form.cleaned_data['method'],
                               form.cleaned_data['reference'], request.user)
        messages.success(request, 'Payment recorded')
    return redirect('invoice_detail', pk=pk)


@staff_required
def visitor_checkin(request):
    from staff.access import visitor_code
    form = VisitorCheckinForm(request.POST or None)
    if form.is_valid():
        visitor = form.save()
        visitor.gate_code = visitor_code(visitor)
        visitor.save()
        messages.success(request, 'Gate code for %s: %s' % (visitor.boat_name, visitor.gate_code.code))
        return redirect('dashboard')
    free = Berth.objects.filter(is_visitor=True, out_of_service=False)
    return render(request, 'main/visitor_checkin.html', {'form': form, 'free': free})
