from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from boats import customers, workorders
from boats.forms import BoatForm, HaulOutForm, LabourForm, OwnerForm, PartForm, WorkOrderForm
from boats.models import Boat, HaulOutBooking, Owner, WorkOrder
from utils.decorators import staff_required


@staff_required
def owner_list(request):
    q = request.GET.get('q')
    owners = customers.find_owner(q) if q else Owner.objects.current().order_by('surname')[:100]
    return render(request, 'boats/owner_list.html', {'owners': owners, 'q': q})


@staff_required
def owner_detail(request, pk):
    owner = get_object_or_404(Owner, pk=pk)
    from main.billing import owner_balance
    ctx = {
        'owner': owner,
        'boats': owner.boats.all(),
        'allocations': owner.allocations.select_related('berth').order_by('-start_date')[:10],
        'invoices': owner.invoices.order_by('-created')[:10],
        'balance': owner_balance(owner),
        'insured': customers.owner_has_valid_insurance(owner),
    }
    return render(request, 'boats/owner_detail.html', ctx)


@staff_required
def owner_edit(request, pk=None):
    owner = get_object_or_404(Owner, pk=pk) if pk else None
    form = OwnerForm(request.POST or None, instance=owner)
    if form.is_valid():
        owner = form.save(commit=False)
        if not owner.account_ref:
            owner.account_ref = customers.next_account_ref()
        owner.save()
        return redirect('owner_detail', pk=owner.pk)
    return render(request, 'boats/owner_form.html', {'form': form})


@staff_required
def boat_detail(request, pk):
    boat = get_object_or_404(Boat, pk=pk)
    return render(request, 'boats/boat_detail.html', {
        'boat': boat, 'policies': boat.policies.order_by('-expires'),
        'jobs': boat.work_orders.order_by('-created')[:10]})


@staff_required
def boat_edit(request, pk=None, owner_id=None):
    boat = get_object_or_404(Boat, pk=pk) if pk else Boat(owner_id=owner_id)
    form = BoatForm(request.POST or None, instance=boat)
    if form.is_valid():
        boat = form.save()
        return redirect('boat_detail', pk=boat.pk)
    return render(request, 'boats/boat_form.html', {'form': form, 'boat': boat})


@staff_required
def workorder_list(request):
    status = request.GET.get('status', 'active')
    qs = WorkOrder.objects.select_related('boat', 'owner', 'assigned_to')
    if status == 'active':
        qs = qs.filter(status__in=('open', 'in_progress', 'on_hold'))
    else:
        qs = qs.filter(status=status)
    return render(request, 'boats/workorder_list.html', {'jobs': qs.order_by('due_date'), 'status': status})


@staff_required
def workorder_detail(request, pk):
    wo = get_object_or_404(WorkOrder, pk=pk)
    return render(request, 'boats/workorder_detail.html', {
        'wo': wo, 'total': workorders.workorder_total(wo),
        'labour_form': LabourForm(), 'part_form': PartForm()})


@staff_required
def workorder_create(request, boat_id):
    boat = get_object_or_404(Boat, pk=boat_id)
    form = WorkOrderForm(request.POST or None)
    if form.is_valid():
        wo = workorders.create_work_order(boat, form.cleaned_data['description'], form.cleaned_data.get('template'),
                                          form.cleaned_data.get('quoted_amount'), form.cleaned_data.get('due_date'))
        return redirect('workorder_detail', pk=wo.pk)
    return render(request, 'boats/workorder_form.html', {'form': form, 'boat': boat})


@staff_required
def add_labour(request, pk):
    wo = get_object_or_404(WorkOrder, pk=pk)
    form = LabourForm(request.POST)
    if form.is_valid():
        workorders.add_labour_line(wo, form.cleaned_data['staff'], form.cleaned_data['hours'], form.cleaned_data['note'])
    return redirect('workorder_detail', pk=pk)


@staff_required
def add_part(request, pk):
    wo = get_object_or_404(WorkOrder, pk=pk)
    form = PartForm(request.POST)
    if form.is_valid():
        try:
            workorders.add_part_line(wo, form.cleaned_data.get('product'), form.cleaned_data['quantity'],
                                     form.cleaned_data.get('description', ''), form.cleaned_data.get('unit_price'))
        except workorders.WorkOrderStateError as e:
            messages.error(request, str(e))
    return redirect('workorder_detail', pk=pk)


@staff_required
def complete_workorder(request, pk):
    wo = get_object_or_404(WorkOrder, pk=pk)
    if request.method == 'POST':
        inv = workorders.complete_and_invoice(wo)
        messages.success(request, 'Invoice %s raised' % inv.number)
    return redirect('workorder_detail', pk=pk)


@staff_required
def haulout_calendar(request):
    start = timezone.now()
    bookings = HaulOutBooking.objects.filter(lift_at__gte=start).exclude(status='cancelled').select_related('boat', 'yard_space')
    return render(request, 'boats/haulout_calendar.html', {'bookings': bookings.order_by('lift_at')})


@staff_required
def book_haulout(request, boat_id):
    boat = get_object_or_404(Boat, pk=boat_id)
    form = HaulOutForm(request.POST or None)
    if form.is_valid():
        try:
            b = workorders.schedule_haulout(boat, form.cleaned_data.get('work_order'), form.cleaned_data.get('after'),
                                            wash=form.cleaned_data.get('pressure_wash', True))
            messages.success(request, 'Booked for %s' % b.lift_at)
            return redirect('haulout_calendar')
        except workorders.WorkOrderStateError as e:
            messages.error(request, str(e))
    return render(request, 'boats/haulout_form.html', {'form': form, 'boat': boat})
