import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.decorators import practice_required, role_required
from accounts.models import StaffMember
from core.models import Patient
from misc import reports, stock
from misc.forms import DocumentUploadForm, PurchaseOrderForm, QualificationForm, StockAdjustForm
from misc.models import LabInvoice, PurchaseOrder, StaffQualification, StockLevel, SupplyItem
from utils.dates import parse_date_loose, today_local
from utils.export import rows_to_csv


# ---------------------------------------------------------------- supplies

@login_required
@practice_required
def stock_overview(request):
    levels = StockLevel.objects.filter(practice=request.practice).select_related('item', 'item__supplier') \
        .order_by('item__name')
    return render(request, 'misc/stock.html', {
        'levels': levels, 'suggestions': stock.reorder_suggestions(request.practice),
        'expiring': stock.expiring_items(request.practice)[:30], 'form': StockAdjustForm(),
    }) if not request.GET.get('csv') else rows_to_csv(reports.stock_valuation_report(request.practice.pk),
                                                       'stock-valuation.csv')


@login_required
@practice_required
@require_POST
def stock_adjust(request):
    form = StockAdjustForm(request.POST)
    if form.is_valid():
        cd = form.cleaned_data
        stock.adjust_stock(cd['item'], request.practice, cd['delta'], cd['reason'], cd.get('reference', ''),
                           staff=request.user.staff)
    return redirect('misc:stock')


@login_required
@practice_required
def purchase_order_create(request):
    form = PurchaseOrderForm(request.POST or None)
    if request.method == 'POST' and form.is_valid():
        supplier = form.cleaned_data['supplier']
        lines = []
        for item in SupplyItem.objects.filter(supplier=supplier, is_active=True):
            qty = request.POST.get('qty_%s' % item.pk)
            if qty and int(qty) > 0:
                lines.append((item, int(qty)))
        po = stock.raise_purchase_order(supplier, request.practice, lines, staff=request.user.staff)
        if request.POST.get('send'):
            stock.send_purchase_order(po)
        return redirect('misc:stock')
    return render(request, 'misc/po_form.html', {'form': form})


@login_required
def purchase_order_receive(request, pk):
    po = get_object_or_404(PurchaseOrder, pk=pk)
    if request.method == 'POST':
        received = {}
        for line in po.lines.all():
            qty = int(request.POST.get('recv_%s' % line.pk) or 0)
            received[line.pk] = (qty, request.POST.get('batch_%s' % line.pk),
                                 parse_date_loose(request.POST.get('expiry_%s' % line.pk)))
        stock.receive_purchase_order(po, received, staff=request.user.staff)
        return redirect('misc:stock')
    return render(request, 'misc/po_receive.html', {'po': po, 'lines': po.lines.select_related('item')})


# ---------------------------------------------------------------- documents / staff

@login_required
def document_upload(request, patient_id):
    patient = get_object_or_404(Patient, pk=patient_id)
    form = DocumentUploadForm(request.POST or None, request.FILES or None)
    if request.method == 'POST' and form.is_valid():
        doc = form.save(commit=False)
        doc.patient = patient
        doc.uploaded_by = request.user.staff
        doc.save()
        return redirect('core:patient_detail', pk=patient.pk)
    return render(request, 'misc/document_upload.html', {'form': form, 'patient': patient,
                                                         'documents': patient.documents.order_by('-uploaded_on')})


@login_required
def qualification_list(request, staff_id=None):
    staff = get_object_or_404(StaffMember, pk=staff_id) if staff_id else request.user.staff
    form = QualificationForm(request.POST or None, request.FILES or None)
    if request.method == 'POST' and form.is_valid():
        q = form.save(commit=False)
        q.staff = staff
        q.save()
        return redirect(request.path)
    expiring = StaffQualification.objects.filter(expires_on__lte=timezone.localdate() + datetime.timedelta(days=60))
    return render(request, 'misc/qualifications.html', {'staff': staff, 'form': form,
                                                        'quals': staff.qualifications.all(),
                                                        'expiring_all': expiring.select_related('staff')})


# ---------------------------------------------------------------- lab bills

@login_required
@role_required('manager')
@require_POST
def lab_invoice_approve(request, pk):
    li = get_object_or_404(LabInvoice, pk=pk)
    if li.order and li.order.cost and abs(li.order.cost - li.amount) > 1:
        messages.warning(request, 'Lab invoice differs from quoted cost (%s vs %s)' % (li.amount, li.order.cost))
    LabInvoice.objects.filter(pk=pk).update(approved=True)
    return redirect('clinic:lab_orders')


# ---------------------------------------------------------------- reports

@login_required
@practice_required
@role_required('manager', 'billing')
def daily_takings(request):
    day = parse_date_loose(request.GET.get('day')) or today_local()
    rows = reports.daily_takings_report(request.practice.pk, day)
    return render(request, 'misc/takings.html', {'rows': rows, 'day': day})


@login_required
@practice_required
@role_required('manager', 'billing')
def aged_debt_csv(request):
    return rows_to_csv(reports.aged_debt_report(request.practice.pk), 'aged-debt.csv')


@login_required
@practice_required
@role_required('manager')
def production_csv(request):
    end = parse_date_loose(request.GET.get('end')) or today_local()
    start = parse_date_loose(request.GET.get('start')) or end - datetime.timedelta(days=30)
    return rows_to_csv(reports.clinician_production_report(request.practice.pk, start, end), 'production.csv')


@login_required
@practice_required
@role_required('manager', 'billing')
def outstanding_claims_csv(request):
    return rows_to_csv(reports.outstanding_claims_report(request.practice.pk,
                                                         int(request.GET.get('days', 30))), 'claims.csv')


@login_required
@practice_required
def chair_utilisation(request):
    end = parse_date_loose(request.GET.get('end')) or today_local()
    start = parse_date_loose(request.GET.get('start')) or end - datetime.timedelta(days=7)
    return render(request, 'misc/chair_utilisation.html', {
        'rows': reports.chair_utilisation_report(request.practice.pk, start, end), 'start': start, 'end': end})
