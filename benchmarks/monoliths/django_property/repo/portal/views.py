from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from common.decorators import tenant_required
from common.screening import ScreeningError, ScreeningService
from common.utils import calculate_late_fee, format_money
from core.billing import BillingError, record_payment, tenant_balance
from core.leasing import respond_to_renewal
from core.models import Invoice, Lease, LeaseRenewal
from main.models import Unit
from main.services import open_work_order
from portal.forms import ApplicationForm, PayInvoiceForm, ServiceRequestForm
from portal.models import Applicant, NoticeDelivery, ServiceRequest

TRADE_FOR_CATEGORY = {"appliance": "general", "other": "general"}


def _current_lease(tenant):
    return Lease.objects.filter(primary_tenant=tenant, status__in=["active", "notice"]).select_related("unit").first()


def apply(request, unit_id):
    unit = get_object_or_404(Unit, pk=unit_id, status="vacant")
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        applicant = form.save(commit=False)
        applicant.unit = unit
        applicant.save()
        try:
            ScreeningService().start(applicant)
        except ScreeningError:
            Applicant.objects.filter(pk=applicant.pk).update(status="review")
        return render(request, "portal/applied.html", {"applicant": applicant})
    return render(request, "portal/apply.html", {"form": form, "unit": unit})


@tenant_required
def dashboard(request):
    tenant = request.tenant
    return render(request, "portal/dashboard.html", {
        "tenant": tenant,
        "lease": _current_lease(tenant),
        "balance": format_money(tenant_balance(tenant)),
        "unread": NoticeDelivery.objects.filter(tenant=tenant, read_at__isnull=True).count(),
    })


@tenant_required
def invoices(request):
    items = Invoice.objects.for_tenant(request.tenant).order_by("-period_start")[:24]
    return render(request, "portal/invoices.html", {"invoices": items})


@tenant_required
def pay_invoice(request, pk):
    invoice = get_object_or_404(Invoice.objects.for_tenant(request.tenant), pk=pk)
    form = PayInvoiceForm(request.POST or None, initial={"amount": invoice.balance_cents / 100})
    days_late = max(0, (timezone.now().date() - invoice.due_date).days)
    if request.method == "POST" and form.is_valid():
        try:
            record_payment(invoice, request.tenant, form.amount_cents(), form.cleaned_data["method"])
        except BillingError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("portal-invoices")
    return render(request, "portal/pay.html", {
        "invoice": invoice, "form": form,
        "fee_if_late": format_money(calculate_late_fee(invoice.balance_cents, days_late)),
    })


@tenant_required
def renewal_respond(request, pk):
    renewal = get_object_or_404(LeaseRenewal, pk=pk, lease__primary_tenant=request.tenant, status="offered")
    if request.method == "POST":
        respond_to_renewal(renewal, request.POST.get("answer") == "yes")
        return redirect("portal-dashboard")
    return render(request, "portal/renewal.html", {"renewal": renewal})


@tenant_required
def service_requests(request):
    items = ServiceRequest.objects.filter(tenant=request.tenant).order_by("-created_at")
    return render(request, "portal/requests.html", {"requests": items})


@tenant_required
def new_service_request(request):
    lease = _current_lease(request.tenant)
    if lease is None:
        messages.error(request, "No active lease.")
        return redirect("portal-dashboard")
    form = ServiceRequestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        req = form.save(commit=False)
        req.tenant = request.tenant
        req.unit = lease.unit
        req.save()
        trade = TRADE_FOR_CATEGORY.get(req.category, req.category)
        open_work_order(lease.unit, req.description, trade, request=req)
        return redirect("portal-requests")
    return render(request, "portal/request_form.html", {"form": form})


@tenant_required
def notices(request):
    deliveries = NoticeDelivery.objects.filter(tenant=request.tenant).select_related("notice").order_by("-id")[:50]
    NoticeDelivery.objects.filter(pk__in=[d.pk for d in deliveries], read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return render(request, "portal/notices.html", {"deliveries": deliveries})
