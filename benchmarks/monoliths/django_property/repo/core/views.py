import csv
import datetime

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from common.decorators import group_required, staff_required
from common.utils import format_money
from core.billing import BillingError, record_payment, rent_roll
from core.forms import LeaseForm, ManualPaymentForm
from core.leasing import (
    LeaseError,
    activate_lease,
    create_lease,
    respond_to_renewal,
    terminate_lease,
)
from core.models import Invoice, Lease, LeaseRenewal


@group_required("leasing", "managers")
def lease_list(request):
    leases = Lease.objects.select_related("unit", "unit__building", "primary_tenant__user")
    if request.GET.get("status"):
        leases = leases.filter(status=request.GET["status"])
    return render(request, "core/lease_list.html", {"leases": leases[:300]})


@group_required("leasing", "managers")
def lease_detail(request, pk):
    lease = get_object_or_404(Lease, pk=pk)
    return render(request, "core/lease_detail.html", {
        "lease": lease,
        "clauses": lease.clauses.all(),
        "renewals": lease.renewals.order_by("-offered_at"),
    })


@group_required("leasing", "managers")
def lease_create(request):
    form = LeaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            lease = create_lease(
                data["unit"], data["primary_tenant"], data["start_date"], data["months"],
                data["monthly_rent_cents"], data["deposit_cents"], data["occupants"],
            )
        except LeaseError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("lease-detail", pk=lease.pk)
    return render(request, "core/lease_form.html", {"form": form})


@require_POST
@group_required("leasing", "managers")
def lease_activate(request, pk):
    activate_lease(get_object_or_404(Lease, pk=pk, status="draft"))
    return redirect("lease-detail", pk=pk)


@require_POST
@group_required("leasing", "managers")
def renewal_record_response(request, pk):
    renewal = get_object_or_404(LeaseRenewal, pk=pk, status="offered")
    respond_to_renewal(renewal, request.POST.get("accept") == "1")
    return redirect("lease-detail", pk=renewal.lease_id)


@require_POST
@staff_required
def lease_terminate(request, pk):
    lease = get_object_or_404(Lease, pk=pk)
    terminate_lease(lease, reason=request.POST.get("reason", ""))
    messages.warning(request, "Lease terminated.")
    return redirect("lease-detail", pk=pk)


# --- accounts receivable ----------------------------------------------------


@group_required("accounting")
def invoice_list(request):
    invoices = Invoice.objects.select_related("lease__unit", "lease__primary_tenant__user")
    if request.GET.get("overdue"):
        invoices = invoices.overdue()
    return render(request, "core/invoice_list.html", {"invoices": invoices[:500]})


@group_required("accounting")
def invoice_detail(request, pk):
    invoice = get_object_or_404(Invoice, pk=pk)
    form = ManualPaymentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record_payment(invoice, data["tenant"], data["amount_cents"], data["method"], data["reference"])
        except BillingError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("invoice-detail", pk=pk)
    return render(request, "core/invoice_detail.html", {
        "invoice": invoice, "lines": invoice.lines.all(), "payments": invoice.payments.all(), "form": form,
    })


@group_required("accounting", "managers")
def rent_roll_csv(request, year, month):
    rows = rent_roll(datetime.date(int(year), int(month), 1))
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="rent-roll-{year}-{month}.csv"'
    writer = csv.writer(response)
    writer.writerow(["unit", "lease", "billed", "paid", "status"])
    for row in rows:
        writer.writerow([row["number"], row["lease_id"], format_money(row["total_cents"]),
                         format_money(row["paid_cents"]), row["status"]])
    return response
