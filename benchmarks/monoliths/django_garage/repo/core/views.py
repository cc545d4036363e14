import datetime
import hashlib
import hmac
import json
import logging
from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import Q, Sum
from django.http import Http404, HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import ListView

from common.decorators import manager_required, staff_required
from common.forms import DateRangeForm
from common.tasks import send_templated_email
from common.utils import dictfetchall, format_money, today
from core import services
from core.forms import CreditNoteForm, InvoiceFilterForm, PaymentForm, SundryLineForm
from core.models import CreditNote, Invoice, InvoiceLine, Payment
from core.utils import vat_breakdown

logger = logging.getLogger('garage.invoicing.views')


def html_to_pdf(html, base_url=None):
    """weasyprint wrapper. Imported lazily - it takes 2s to import."""
    from weasyprint import HTML
    return HTML(string=html, base_url=base_url or settings.BASE_DIR).write_pdf()


class InvoiceListView(ListView):
    template_name = 'core/invoice_list.html'
    paginate_by = 50

    def get_queryset(self):
        qs = Invoice.objects.select_related('customer', 'work_order__vehicle').order_by('-issued_on', '-id')
        form = InvoiceFilterForm(self.request.GET or None)
        if form.is_valid():
            if form.cleaned_data.get('status'):
                qs = qs.filter(status=form.cleaned_data['status'])
            if form.cleaned_data.get('overdue'):
                qs = qs.overdue()
            q = form.cleaned_data.get('q')
            if q:
                qs = qs.filter(Q(number__icontains=q) | Q(customer__last_name__icontains=q) |
                               Q(work_order__vehicle__registration__icontains=q.replace(' ', '')))
        return qs

    def get_context_data(self, **kwargs):
        ctx = super(InvoiceListView, self).get_context_data(**kwargs)
        ctx['filter_form'] = InvoiceFilterForm(self.request.GET or None)
        return ctx


@staff_required
def invoice_detail(request, pk):
    invoice = get_object_or_404(Invoice.objects.select_related('customer', 'work_order', 'fleet_account'), pk=pk)
    lines = invoice.lines.select_related('tax_rate')
    return render(request, 'core/invoice_detail.html', {
        'invoice': invoice,
        'lines': lines,
        'vat': vat_breakdown(lines),
        'payments': invoice.payments.select_related('taken_by').order_by('received_at'),
        'credit_notes': invoice.credit_notes.all(),
        'payment_form': PaymentForm(invoice=invoice),
        'credit_form': CreditNoteForm(),
        'sundry_form': SundryLineForm(),
        'balance': format_money(invoice.balance),
    })


@staff_required
def invoice_add_sundry(request, pk):
    invoice = get_object_or_404(Invoice, pk=pk, status__in=['draft', 'issued'])
    form = SundryLineForm(request.POST)
    if form.is_valid():
        services._add_line(invoice, 'sundry', form.cleaned_data['description'], form.cleaned_data['quantity'],
                           form.cleaned_data['unit_price'], services.default_tax_rate(), sort_order=500)
        invoice.recalc_totals()
    return redirect('invoice-detail', pk=pk)


@staff_required
def invoice_issue(request, pk):
    invoice = get_object_or_404(Invoice, pk=pk)
    services.issue_invoice(invoice)
    return redirect('invoice-detail', pk=pk)


@staff_required
def take_payment(request, pk):
    invoice = get_object_or_404(Invoice, pk=pk)
    form = PaymentForm(request.POST, invoice=invoice)
    if form.is_valid():
        try:
            services.record_payment(invoice, form.cleaned_data['amount'], form.cleaned_data['method'],
                                    reference=form.cleaned_data.get('reference', ''), user=request.user)
            messages.success(request, 'Payment recorded')
        except services.InvoicingError as e:
            messages.error(request, str(e))
    else:
        messages.error(request, form.errors.as_text())
    return redirect('invoice-detail', pk=pk)


@manager_required
def credit_note_create(request, pk):
    invoice = get_object_or_404(Invoice, pk=pk)
    form = CreditNoteForm(request.POST)
    if form.is_valid():
        try:
            cn = services.issue_credit_note(invoice, form.cleaned_data['amount'], form.cleaned_data['reason'],
                                            user=request.user,
                                            refund_method=form.cleaned_data.get('refund_method') or None)
            messages.success(request, 'Credit note %s issued' % cn.number)
        except services.InvoicingError as e:
            messages.error(request, str(e))
    return redirect('invoice-detail', pk=pk)


@manager_required
def invoice_void(request, pk):
    invoice = get_object_or_404(Invoice, pk=pk)
    if request.method == 'POST':
        try:
            services.void_invoice(invoice, user=request.user)
        except services.InvoicingError as e:
            messages.error(request, str(e))
    return redirect('invoice-detail', pk=pk)


def render_invoice_pdf(invoice):
    lines = invoice.lines.select_related('tax_rate')
    html = render_to_string('core/invoice_pdf.html', {
        'invoice': invoice, 'lines': lines, 'vat': vat_breakdown(lines),
        'vehicle': invoice.work_order.vehicle if invoice.work_order_id else None,
    })
    return html_to_pdf(html)


@login_required
def invoice_pdf(request, pk):
    invoice = get_object_or_404(Invoice.objects.select_related('customer', 'work_order__vehicle'), pk=pk)
    resp = HttpResponse(render_invoice_pdf(invoice), content_type='application/pdf')
    resp['Content-Disposition'] = 'inline; filename=%s.pdf' % invoice.number
    return resp


@staff_required
def invoice_email(request, pk):
    invoice = get_object_or_404(Invoice.objects.select_related('customer'), pk=pk)
    to = invoice.fleet_account.contact_email if invoice.fleet_account_id else invoice.customer.email
    if not to:
        messages.error(request, 'No email address on file')
    else:
        send_templated_email(to, 'Invoice %s from SpeedyFix' % invoice.number, 'emails/invoice',
                             {'invoice': invoice},
                             attachments=[('%s.pdf' % invoice.number, render_invoice_pdf(invoice),
                                           'application/pdf')])
        messages.success(request, 'Sent to %s' % to)
    return redirect('invoice-detail', pk=pk)


def legacy_invoice_print(request, pk):
    # old pre-PDF print view, still linked from the 2019 email templates. DO NOT EXTEND.
    invoice = get_object_or_404(Invoice, pk=pk)
    return render(request, 'core/legacy_print.html', {'invoice': invoice, 'lines': invoice.lines.all()})


@staff_required
def apply_coupon_view(request, pk):
    from customers.loyalty import LoyaltyError, apply_coupon

    invoice = get_object_or_404(Invoice, pk=pk)
    try:
        amount = apply_coupon(request.POST.get('code', ''), invoice)
        messages.success(request, 'Coupon applied: %s off' % format_money(amount))
    except LoyaltyError as e:
        messages.error(request, str(e))
    return redirect('invoice-detail', pk=pk)


@csrf_exempt
def pay_link_webhook(request):
    """Callback from the online payment provider (pay-by-link in the invoice email)."""
    secret = getattr(settings, 'PAYLINK_WEBHOOK_SECRET', '').encode()
    sig = request.META.get('HTTP_X_SIGNATURE', '')
    expected = hmac.new(secret, request.body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(sig, expected):
        return HttpResponseForbidden('bad signature')
    event = json.loads(request.body.decode('utf-8'))
    if event.get('type') != 'payment.succeeded':
        return JsonResponse({'ignored': True})
    data = event['data']
    invoice = Invoice.objects.filter(number=data.get('merchant_reference')).first()
    if invoice is None:
        logger.error('paylink: unknown invoice %s', data.get('merchant_reference'))
        return JsonResponse({'error': 'unknown invoice'}, status=404)
    if Payment.objects.filter(reference=data['id']).exists():
        return JsonResponse({'duplicate': True})
    try:
        services.record_payment(invoice, Decimal(data['amount']) / 100, 'online', reference=data['id'])
    except services.InvoicingError as e:
        logger.error('paylink: %s', e)
        return JsonResponse({'error': str(e)}, status=409)
    return JsonResponse({'ok': True})


# ---------------------------------------------------------------------------
# finance reports
# ---------------------------------------------------------------------------

@manager_required
def aged_debtors(request):
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT COALESCE(f.company_name, c.last_name || ', ' || c.first_name) AS debtor,
                   SUM(CASE WHEN CURRENT_DATE - i.due_on <= 0 THEN i.gross_total - i.amount_paid ELSE 0 END) AS current,
                   SUM(CASE WHEN CURRENT_DATE - i.due_on BETWEEN 1 AND 30 THEN i.gross_total - i.amount_paid ELSE 0 END) AS d1_30,
                   SUM(CASE WHEN CURRENT_DATE - i.due_on BETWEEN 31 AND 60 THEN i.gross_total - i.amount_paid ELSE 0 END) AS d31_60,
                   SUM(CASE WHEN CURRENT_DATE - i.due_on > 60 THEN i.gross_total - i.amount_paid ELSE 0 END) AS d60_plus,
                   SUM(i.gross_total - i.amount_paid) AS total
              FROM invoices i
              JOIN customers_customer c ON c.id = i.customer_id
              LEFT JOIN customers_fleetaccount f ON f.id = i.fleet_account_id
             WHERE i.status IN ('issued', 'part_paid')
             GROUP BY debtor
             ORDER BY total DESC
        """)
        rows = dictfetchall(cursor)
    return render(request, 'core/aged_debtors.html', {'rows': rows})


@manager_required
def daily_takings(request):
    form = DateRangeForm(request.GET or None)
    d1, d2 = (form.cleaned_data['date_from'], form.cleaned_data['date_to']) if form.is_valid() else (today(), today())
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT p.received_at::date AS day, p.method, COUNT(*) AS n, SUM(p.amount) AS total
              FROM core_payment p
             WHERE p.received_at::date BETWEEN %s AND %s
             GROUP BY day, p.method
             ORDER BY day, p.method
        """, [d1, d2])
        rows = dictfetchall(cursor)
    return render(request, 'core/daily_takings.html', {'rows': rows, 'form': form,
                                                       'total': sum(r['total'] for r in rows)})


@manager_required
def vat_return_summary(request):
    form = DateRangeForm(request.GET or None)
    if not form.is_valid():
        return render(request, 'core/vat_summary.html', {'form': form})
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT t.code, t.rate, SUM(l.net_amount) AS net, SUM(l.vat_amount) AS vat
              FROM core_invoiceline l
              JOIN invoices i ON i.id = l.invoice_id
              JOIN core_taxrate t ON t.id = l.tax_rate_id
             WHERE i.issued_on BETWEEN %s AND %s AND i.status <> 'void'
             GROUP BY t.code, t.rate
        """, [form.cleaned_data['date_from'], form.cleaned_data['date_to']])
        rows = dictfetchall(cursor)
        cursor.execute("""
            SELECT COALESCE(SUM(amount), 0) FROM core_creditnote
             WHERE created_at::date BETWEEN %s AND %s
        """, [form.cleaned_data['date_from'], form.cleaned_data['date_to']])
        credits = cursor.fetchone()[0]
    return render(request, 'core/vat_summary.html', {'form': form, 'rows': rows, 'credits': credits})
