import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from common.decorators import member_required, staff_required
from common.pagination import paginate_queryset
from core.forms import CreditNoteForm, InvoiceFilterForm, PaymentMethodForm
from core.gateway import get_gateway
from core.models import Invoice, Payment, PaymentMethod
from core.pdf import render_invoice_pdf
from core import services

log = logging.getLogger(__name__)


@member_required
def invoice_list(request):
    member = request.user.member
    invoices = Invoice.objects.filter(member=member).exclude(status=Invoice.DRAFT)
    if member.is_company_admin:
        invoices = Invoice.objects.filter(company=member.company).exclude(status=Invoice.DRAFT)
    form = InvoiceFilterForm(request.GET or None)
    if form.is_valid() and form.cleaned_data["status"]:
        invoices = invoices.filter(status=form.cleaned_data["status"])
    page = paginate_queryset(request, invoices)
    return render(request, "core/invoice_list.html", {"page": page, "form": form})


@member_required
def invoice_detail(request, pk):
    invoice = get_object_or_404(Invoice, pk=pk, member__company=request.user.member.company) \
        if request.user.member.is_company_admin else get_object_or_404(Invoice, pk=pk, member=request.user.member)
    return render(request, "core/invoice_detail.html", {"invoice": invoice})


@login_required
def invoice_pdf(request, pk):
    invoice = get_object_or_404(Invoice, pk=pk)
    if not request.user.is_staff and invoice.member.user_id != request.user.id:
        return HttpResponse(status=403)
    pdf = render_invoice_pdf(invoice)
    resp = HttpResponse(pdf, content_type="application/pdf")
    resp["Content-Disposition"] = 'inline; filename="%s.pdf"' % invoice.number
    return resp


@member_required
@require_POST
def pay_invoice(request, pk):
    invoice = get_object_or_404(Invoice, pk=pk, member=request.user.member, status__in=["open", "overdue"])
    payment = services.charge_invoice(invoice)
    if payment is None:
        messages.error(request, "Please add a payment method first.")
        return redirect("core:payment_methods")
    if payment.status == Payment.FAILED:
        messages.error(request, "Payment failed: %s" % payment.failure_reason)
    else:
        messages.success(request, "Thanks! Invoice %s is paid." % invoice.number)
    return redirect("core:invoice_detail", pk=invoice.pk)


@member_required
def payment_methods(request):
    methods = PaymentMethod.objects.filter(member=request.user.member).order_by("-is_default")
    return render(request, "core/payment_methods.html", {"methods": methods, "form": PaymentMethodForm()})


@member_required
@require_POST
def add_payment_method(request):
    form = PaymentMethodForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest()
    member = request.user.member
    pm = get_gateway().attach_payment_method(member.stripe_customer_id, form.cleaned_data["stripe_pm_id"])
    if form.cleaned_data["make_default"]:
        PaymentMethod.objects.filter(member=member).update(is_default=False)
    PaymentMethod.objects.create(member=member, kind="card", stripe_pm_id=pm["id"],
                                 last4=pm.get("card", {}).get("last4", ""),
                                 is_default=form.cleaned_data["make_default"])
    return redirect("core:payment_methods")


@staff_required
def issue_credit_note_view(request, pk):
    invoice = get_object_or_404(Invoice, pk=pk)
    form = CreditNoteForm(request.POST or None, invoice=invoice)
    if request.method == "POST" and form.is_valid():
        services.issue_credit_note(invoice, form.cleaned_data["amount"], form.cleaned_data["reason"],
                                   user=request.user)
        messages.success(request, "Credit note issued")
        return redirect("admin:core_invoice_change", invoice.pk)
    return render(request, "core/credit_note_form.html", {"form": form, "invoice": invoice})


@csrf_exempt
def stripe_webhook(request):
    try:
        event = get_gateway().construct_event(request.body, request.META.get("HTTP_STRIPE_SIGNATURE"))
    except Exception:
        log.warning("bad stripe webhook")
        return HttpResponseBadRequest()
    kind = event["type"]
    obj = event["data"]["object"]
    if kind == "payment_intent.succeeded":
        payment = Payment.objects.filter(stripe_charge_id=obj["id"]).first()
        if payment and payment.status != Payment.SUCCEEDED:
            services.record_payment(payment, obj["id"])
    elif kind == "payment_intent.payment_failed":
        Payment.objects.filter(stripe_charge_id=obj["id"]).update(
            status=Payment.FAILED, failure_reason=(obj.get("last_payment_error") or {}).get("message", "")[:255])
    elif kind == "charge.refunded":
        Payment.objects.filter(stripe_charge_id=obj.get("payment_intent")).update(status=Payment.REFUNDED)
    return JsonResponse({"received": True})
