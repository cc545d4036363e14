import logging
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.generic import ListView

from common.decorators import group_required, json_view, manager_required, staff_required
from common.forms import BootstrapFormMixin
from common.tasks import send_templated_email
from common.utils import format_money, to_decimal, today
from shop import services
from shop.models import (Inspection, InspectionItem, Part, PurchaseOrder, PurchaseOrderLine, StockMovement,
                         Supplier, WorkOrder, WorkOrderLabor, WorkOrderPart)

logger = logging.getLogger('garage.shop.views')


# ---------------------------------------------------------------------------
# forms (TODO move to shop/forms.py)
# ---------------------------------------------------------------------------

class WalkInForm(BootstrapFormMixin, forms.Form):
    registration = forms.CharField(max_length=10)
    job_type = forms.CharField(max_length=12, initial='DIAG')
    complaint = forms.CharField(widget=forms.Textarea, required=False)
    mileage = forms.IntegerField(required=False)


class LabourLineForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = WorkOrderLabor
        fields = ('description', 'hours', 'technician', 'op_code', 'is_warranty')


class PartLineForm(BootstrapFormMixin, forms.Form):
    part = forms.ModelChoiceField(queryset=Part.objects.all())
    quantity = forms.DecimalField(min_value=Decimal('0.01'), initial=1)
    unit_price = forms.DecimalField(required=False)
    is_warranty = forms.BooleanField(required=False)


class PartForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Part
        fields = ('part_number', 'description', 'brand', 'category', 'preferred_supplier', 'cost_price',
                  'sell_price', 'reorder_level', 'reorder_qty', 'bin_location', 'is_stocked', 'oem_part')


class StockTakeForm(BootstrapFormMixin, forms.Form):
    counted = forms.DecimalField(min_value=0)
    note = forms.CharField(required=False)


# ===========================================================================
# job cards
# ===========================================================================

class WorkOrderListView(ListView):
    template_name = 'shop/workorder_list.html'
    paginate_by = 40

    def get_queryset(self):
        qs = (WorkOrder.objects.select_related('vehicle', 'customer', 'technician')
              .order_by('-opened_at'))
        status = self.request.GET.get('status', 'open')
        if status == 'open':
            qs = qs.open()
        elif status:
            qs = qs.filter(status=status)
        if self.request.GET.get('tech'):
            qs = qs.filter(technician_id=self.request.GET['tech'])
        if self.request.GET.get('q'):
            q = self.request.GET['q']
            qs = qs.filter(Q(number__icontains=q) | Q(vehicle__registration__icontains=q.replace(' ', '')))
        return qs


@staff_required
def workorder_detail(request, pk):
    wo = get_object_or_404(WorkOrder.objects.select_related('vehicle', 'customer', 'technician', 'bay',
                                                            'appointment'), pk=pk)
    labour = wo.labour_lines.select_related('technician')
    parts = wo.part_lines.select_related('part')
    invoice = None
    try:
        from core.models import Invoice
        invoice = Invoice.objects.filter(work_order=wo).exclude(status='void').first()
    except ImportError:
        pass
    return render(request, 'shop/workorder_detail.html', {
        'wo': wo,
        'labour': labour,
        'parts': parts,
        'inspections': wo.inspections.prefetch_related('items'),
        'invoice': invoice,
        'labour_form': LabourLineForm(),
        'part_form': PartLineForm(),
        'transitions': services.ALLOWED_TRANSITIONS.get(wo.status, []),
        'total': format_money(wo.total),
    })


@staff_required
def workorder_create_walkin(request):
    from customers.models import Vehicle

    form = WalkInForm(request.POST or None)
    if request.method == 'POST' and form.is_valid():
        reg = form.cleaned_data['registration'].replace(' ', '').upper()
        vehicle = Vehicle.objects.filter(registration=reg).select_related('owner').first()
        if not vehicle:
            messages.error(request, 'Vehicle not found - add the customer first')
            return redirect('customer-create')
        wo = services.open_walk_in_work_order(vehicle.owner, vehicle, form.cleaned_data['job_type'],
                                              complaint=form.cleaned_data['complaint'], opened_by=request.user)
        if form.cleaned_data.get('mileage'):
            WorkOrder.objects.filter(pk=wo.pk).update(mileage_in=form.cleaned_data['mileage'])
        return redirect('workorder-detail', pk=wo.pk)
    return render(request, 'shop/walkin.html', {'form': form})


@staff_required
def workorder_add_labour(request, pk):
    wo = get_object_or_404(WorkOrder, pk=pk)
    form = LabourLineForm(request.POST)
    if form.is_valid():
        try:
            services.add_labour(wo, form.cleaned_data['description'], form.cleaned_data['hours'],
                                technician=form.cleaned_data.get('technician'),
                                op_code=form.cleaned_data.get('op_code', ''),
                                is_warranty=form.cleaned_data.get('is_warranty', False))
        except services.WorkOrderError as e:
            messages.error(request, str(e))
    return redirect('workorder-detail', pk=pk)


@staff_required
def workorder_add_part(request, pk):
    wo = get_object_or_404(WorkOrder, pk=pk)
    form = PartLineForm(request.POST)
    if form.is_valid():
        try:
            line = services.add_part_to_work_order(wo, form.cleaned_data['part'], form.cleaned_data['quantity'],
                                                   unit_price=form.cleaned_data.get('unit_price'),
                                                   is_warranty=form.cleaned_data.get('is_warranty'),
                                                   user=request.user)
            if line.part.available < 0:
                messages.warning(request, 'Not enough %s in stock - order raised?' % line.part.part_number)
        except services.WorkOrderError as e:
            messages.error(request, str(e))
    return redirect('workorder-detail', pk=pk)


@staff_required
def workorder_remove_part(request, pk, line_pk):
    line = get_object_or_404(WorkOrderPart, pk=line_pk, work_order_id=pk, fitted=False)
    services.remove_part_line(line)
    return redirect('workorder-detail', pk=pk)


@staff_required
def workorder_change_status(request, pk):
    wo = get_object_or_404(WorkOrder, pk=pk)
    new_status = request.POST.get('status')
    try:
        if new_status == 'completed':
            invoice = services.complete_work_order(wo, user=request.user)
            if invoice:
                messages.success(request, 'Job complete, invoice %s raised' % invoice.number)
                return redirect('invoice-detail', pk=invoice.pk)
        else:
            services.set_status(wo, new_status, user=request.user)
    except services.WorkOrderError as e:
        messages.error(request, str(e))
    return redirect('workorder-detail', pk=pk)


@staff_required
def workorder_authorise(request, pk):
    wo = get_object_or_404(WorkOrder, pk=pk)
    services.authorise_work(wo, request.POST.get('limit') or wo.estimate_total)
    messages.success(request, 'Authorised up to %s' % format_money(wo.authorised_limit))
    return redirect('workorder-detail', pk=pk)


@staff_required
def workorder_print_jobcard(request, pk):
    wo = get_object_or_404(WorkOrder.objects.select_related('vehicle', 'customer'), pk=pk)
    html = render_to_string('shop/jobcard_print.html', {'wo': wo, 'labour': wo.labour_lines.all(),
                                                        'parts': wo.part_lines.select_related('part')})
    return HttpResponse(html)


@login_required
def technician_job_board(request):
    """The big screen in the workshop. Each tech's current + next jobs."""
    from accounts.models import Technician

    techs = Technician.objects.filter(is_active=True).order_by('user__first_name')
    board = []
    for t in techs:
        jobs = (WorkOrder.objects.open().filter(technician=t)
                .select_related('vehicle').order_by('promised_at')[:4])
        board.append({'tech': t, 'jobs': jobs})
    return render(request, 'shop/job_board.html', {'board': board, 'now': timezone.now()})


@manager_required
def workshop_dashboard(request):
    d = today()
    open_jobs = WorkOrder.objects.open()
    stats = {
        'open': open_jobs.count(),
        'waiting_parts': open_jobs.filter(status='waiting_parts').count(),
        'awaiting_auth': open_jobs.filter(status='awaiting_auth').count(),
        'overdue': open_jobs.filter(promised_at__lt=timezone.now()).count(),
        'completed_today': WorkOrder.objects.filter(completed_at__date=d).count(),
        'comebacks_30d': WorkOrder.objects.filter(is_comeback=True,
                                                  opened_at__gte=timezone.now() - timezone.timedelta(days=30)).count(),
    }
    by_status = open_jobs.values('status').annotate(n=Count('id')).order_by('status')
    return render(request, 'shop/dashboard.html', {'stats': stats, 'by_status': by_status})


# --- vehicle health check --------------------------------------------------

@staff_required
def inspection_edit(request, pk):
    wo = get_object_or_404(WorkOrder, pk=pk)
    insp, _ = Inspection.objects.get_or_create(work_order=wo, defaults={'technician': wo.technician})
    if request.method == 'POST':
        with transaction.atomic():
            for key, value in request.POST.items():
                if not key.startswith('rating_'):
                    continue
                item_id = int(key.split('_', 1)[1])
                InspectionItem.objects.filter(pk=item_id, inspection=insp).update(
                    rating=value,
                    comment=request.POST.get('comment_%d' % item_id, ''),
                    estimated_cost=to_decimal(request.POST.get('cost_%d' % item_id), None),
                )
        return redirect('workorder-detail', pk=pk)
    return render(request, 'shop/inspection_form.html', {'wo': wo, 'inspection': insp,
                                                         'items': insp.items.order_by('area', 'item')})


@staff_required
def inspection_send_to_customer(request, pk):
    insp = get_object_or_404(Inspection.objects.select_related('work_order__customer', 'work_order__vehicle'), pk=pk)
    customer = insp.work_order.customer
    send_templated_email(customer.email, 'Your vehicle health check', 'emails/vhc',
                         {'inspection': insp, 'items': insp.items.exclude(rating='green')})
    insp.sent_to_customer_at = timezone.now()
    insp.save(update_fields=['sent_to_customer_at'])
    WorkOrder.objects.filter(pk=insp.work_order_id, status__in=['open', 'diagnosing']).update(status='awaiting_auth')
    return redirect('workorder-detail', pk=insp.work_order_id)


def inspection_customer_view(request, pk, token):
    """Public link in the VHC email, customer ticks what they want doing."""
    insp = get_object_or_404(Inspection, pk=pk)
    if token != ('%x' % (insp.pk * 7919 + insp.created_at.toordinal())):  # FIXME: not exactly secure
        raise Http404
    if request.method == 'POST':
        approved = set(int(x) for x in request.POST.getlist('approve'))
        for item in insp.items.exclude(rating='green'):
            item.customer_approved = item.pk in approved
            item.save(update_fields=['customer_approved'])
        total = insp.items.filter(customer_approved=True).aggregate(s=Sum('estimated_cost'))['s'] or 0
        services.authorise_work(insp.work_order, insp.work_order.estimate_total + total)
        return render(request, 'shop/vhc_thanks.html', {'inspection': insp})
    if not insp.customer_viewed_at:
        Inspection.objects.filter(pk=pk).update(customer_viewed_at=timezone.now())
    return render(request, 'shop/vhc_public.html', {'inspection': insp, 'items': insp.items.all()})


# ===========================================================================
# parts store
# ===========================================================================

class PartListView(ListView):
    template_name = 'shop/part_list.html'
    paginate_by = 100

    def get_queryset(self):
        qs = Part.objects.select_related('preferred_supplier').order_by('part_number')
        q = self.request.GET.get('q')
        if q:
            qs = qs.filter(Q(part_number__icontains=q) | Q(description__icontains=q))
        if self.request.GET.get('low'):
            qs = qs.below_reorder()
        return qs


@staff_required
def part_detail(request, pk):
    part = get_object_or_404(Part, pk=pk)
    movements = part.movements.select_related('work_order', 'purchase_order').order_by('-created_at')[:50]
    return render(request, 'shop/part_detail.html', {'part': part, 'movements': movements,
                                                     'stock_form': StockTakeForm()})


@group_required('Parts', 'Branch managers')
def part_edit(request, pk=None):
    part = get_object_or_404(Part, pk=pk) if pk else None
    form = PartForm(request.POST or None, instance=part)
    if request.method == 'POST' and form.is_valid():
        part = form.save()
        return redirect('part-detail', pk=part.pk)
    return render(request, 'shop/part_form.html', {'form': form})


@staff_required
@json_view
def part_search_json(request):
    q = request.GET.get('q', '')
    parts = Part.objects.filter(Q(part_number__istartswith=q) | Q(description__icontains=q))[:25]
    return [{'id': p.pk, 'text': '%s - %s' % (p.part_number, p.description), 'price': str(p.sell_price),
             'available': str(p.available), 'bin': p.bin_location} for p in parts]


@group_required('Parts', 'Branch managers')
def stock_take(request, pk):
    part = get_object_or_404(Part, pk=pk)
    form = StockTakeForm(request.POST)
    if form.is_valid():
        diff = services.adjust_stock(part, form.cleaned_data['counted'], user=request.user,
                                     note=form.cleaned_data.get('note', ''))
        messages.info(request, 'Adjusted by %s' % diff)
    return redirect('part-detail', pk=pk)


@staff_required
def supplier_list(request):
    suppliers = Supplier.objects.filter(is_active=True).annotate(n_parts=Count('parts'))
    return render(request, 'shop/supplier_list.html', {'suppliers': suppliers})


@staff_required
def purchase_order_list(request):
    pos = PurchaseOrder.objects.select_related('supplier', 'for_work_order').order_by('-created_at')
    if request.GET.get('open'):
        pos = pos.filter(status__in=['draft', 'sent', 'part'])
    return render(request, 'shop/po_list.html', {'orders': pos[:200]})


@group_required('Parts', 'Branch managers')
def purchase_order_create(request):
    if request.method == 'POST':
        supplier = get_object_or_404(Supplier, pk=request.POST['supplier'])
        wo = None
        if request.POST.get('work_order'):
            wo = WorkOrder.objects.filter(number=request.POST['work_order']).first()
        lines = []
        for pid, qty in zip(request.POST.getlist('part'), request.POST.getlist('qty')):
            if pid and qty:
                lines.append((Part.objects.get(pk=pid), qty))
        po = services.create_purchase_order(supplier, lines, for_work_order=wo, user=request.user)
        return redirect('po-detail', pk=po.pk)
    return render(request, 'shop/po_form.html', {'suppliers': Supplier.objects.filter(is_active=True)})


@staff_required
def purchase_order_detail(request, pk):
    po = get_object_or_404(PurchaseOrder.objects.select_related('supplier'), pk=pk)
    return render(request, 'shop/po_detail.html', {'po': po, 'lines': po.lines.select_related('part')})


@group_required('Parts', 'Branch managers')
def purchase_order_send(request, pk):
    po = get_object_or_404(PurchaseOrder.objects.select_related('supplier'), pk=pk, status='draft')
    if not po.supplier.email_orders:
        messages.error(request, 'Supplier has no order email - phone it through')
        return redirect('po-detail', pk=pk)
    send_templated_email(po.supplier.email_orders, 'Purchase order %s' % po.number, 'emails/purchase_order',
                         {'po': po, 'lines': po.lines.select_related('part')})
    PurchaseOrder.objects.filter(pk=pk).update(status='sent', sent_at=timezone.now())
    return redirect('po-detail', pk=pk)


@group_required('Parts', 'Branch managers')
def purchase_order_receive(request, pk):
    po = get_object_or_404(PurchaseOrder, pk=pk)
    if request.method == 'POST':
        received = {}
        for line in po.lines.all():
            v = request.POST.get('recv_%d' % line.pk)
            if v:
                received[line.pk] = v
        services.receive_purchase_order(po, received, user=request.user)
        po.supplier_invoice_ref = request.POST.get('supplier_invoice_ref', '')
        po.save(update_fields=['supplier_invoice_ref'])
        messages.success(request, 'Goods received')
        return redirect('po-detail', pk=pk)
    return render(request, 'shop/po_receive.html', {'po': po, 'lines': po.lines.select_related('part')})
