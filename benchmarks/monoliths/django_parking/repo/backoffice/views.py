import logging
from datetime import timedelta

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View

from backoffice import reports
from backoffice.appeals import AppealEvidenceBundle, auto_decide_appeal, decide
from backoffice.forms import (
    AppealDecisionForm, BaySuspensionForm, CashCollectionForm, DateRangeForm, FaultReportForm,
    PermitReviewForm, RefundApprovalForm, TariffChangeForm, WorkOrderForm,
)
from backoffice.models import (
    Appeal, CivilOfficer, FaultReport, PatrolLog, PayMachine, PermitApplication,
    PermitWaitingList, Refund, WorkOrder,
)
from main import services
from main.models import Bay, CarPark, PenaltyNotice
from shared.decorators import group_required, staff_required
from shared.gateway import PaymentGatewayError, get_gateway
from shared.notifications import notify_refund_processed, send_email
from shared.utils import generate_reference, now_local, parse_money

log = logging.getLogger(__name__)


@staff_required
def dashboard(request):
    """Finance's landing page: today's takings, refunds waiting, last 7 days by channel."""
    today = now_local().date()
    return render(request, "backoffice/dashboard.html", {
        "takings": reports.daily_takings(today),
        "by_channel": reports.takings_by_channel(today - timedelta(days=7), today + timedelta(days=1)),
        "refunds_waiting": Refund.objects.filter(status="requested").count(),
    })


# --- permits ---------------------------------------------------------------

@group_required("permits")
def permit_applications_queue(request):
    apps = (PermitApplication.objects.filter(status__in=["new", "review", "docs"])
            .select_related("customer", "vehicle", "zone", "permit_type").order_by("created_at"))
    return render(request, "backoffice/permit_queue.html", {"applications": apps})


@group_required("permits")
def review_permit_application(request, pk):
    application = get_object_or_404(PermitApplication, pk=pk)
    form = PermitReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision = form.cleaned_data["decision"]
        if decision == "approve":
            permit = services.approve_permit_application(application, request.user)
            messages.success(request, "Permit %s issued (awaiting payment)" % permit.reference)
        elif decision == "waitlist":
            last = PermitWaitingList.objects.filter(zone=application.zone).order_by("-position").first()
            PermitWaitingList.objects.create(application=application, zone=application.zone,
                                             position=(last.position + 1) if last else 1)
            application.status = "waitlist"
            application.save()
        else:
            application.status = "rejected" if decision == "reject" else "docs"
            application.rejection_reason = form.cleaned_data["reason"]
            application.reviewed_by = request.user
            application.reviewed_at = timezone.now()
            application.save()
            send_email(application.customer.email, "Your permit application %s" % application.reference,
                       "emails/permit_application_update", {"application": application})
        return redirect("backoffice:permit_queue")
    return render(request, "backoffice/permit_review.html", {
        "application": application, "form": form, "documents": application.documents.all()})


# --- enforcement -----------------------------------------------------------

@group_required("appeals")
def appeals_queue(request):
    appeals = (Appeal.objects.filter(decision="").select_related("penalty_notice")
               .order_by("received_at"))
    auto = 0
    if request.GET.get("auto"):
        for appeal in appeals:
            auto += 1 if auto_decide_appeal(appeal) else 0
        messages.info(request, "%d appeals auto-accepted" % auto)
        return redirect("backoffice:appeals_queue")
    return render(request, "backoffice/appeals_queue.html", {"appeals": appeals})


@group_required("appeals")
def decide_appeal(request, pk):
    appeal = get_object_or_404(Appeal, pk=pk)
    form = AppealDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decide(appeal, form.cleaned_data["decision"], request.user, form.cleaned_data["notes"],
               send_letter=form.cleaned_data["send_letter"])
        return redirect("backoffice:appeals_queue")
    bundle = AppealEvidenceBundle(appeal)
    return render(request, "backoffice/appeal_decide.html", {
        "appeal": appeal, "form": form, "other_appeals": bundle.open_appeals_for_vrm()})


@group_required("appeals", "enforcement")
def pcn_detail(request, pcn_ref):
    pcn = get_object_or_404(PenaltyNotice.objects.select_related("contravention", "zone", "officer"),
                            pcn_ref=pcn_ref)
    return render(request, "backoffice/pcn_detail.html", {
        "pcn": pcn, "appeals": pcn.appeals.all(), "enquiries": pcn.keeper_enquiries.all()})


@group_required("appeals")
def cancel_pcn(request, pcn_ref):
    pcn = get_object_or_404(PenaltyNotice, pcn_ref=pcn_ref)
    if request.method == "POST":
        pcn.status = "cancelled"
        pcn.notes = (pcn.notes + "\nCancelled by %s: %s" % (request.user, request.POST.get("reason", ""))).strip()
        pcn.save()
        if pcn.payment_id:
            # cancelled after payment -> refund in full
            services.refund_payment(pcn.payment, pcn.payment.refundable_amount(),
                                    "PCN %s cancelled" % pcn.pcn_ref, user=request.user)
    return redirect("backoffice:pcn_detail", pcn_ref=pcn_ref)


@group_required("enforcement")
def officer_roster(request):
    since = timezone.now() - timedelta(hours=12)
    officers = CivilOfficer.objects.filter(active=True).select_related("user")
    patrols = PatrolLog.objects.filter(started_at__gte=since).select_related("zone", "officer")
    return render(request, "backoffice/officer_roster.html", {"officers": officers, "patrols": patrols})


# --- finance ---------------------------------------------------------------

@group_required("finance")
def refunds_pending(request):
    refunds = Refund.objects.filter(status="requested").select_related("payment", "payment__customer")
    return render(request, "backoffice/refunds.html", {"refunds": refunds})


@group_required("finance")
def approve_refund(request, pk):
    refund = get_object_or_404(Refund, pk=pk, status="requested")
    form = RefundApprovalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not form.cleaned_data["approve"]:
            refund.status = "rejected"
            refund.save()
            return redirect("backoffice:refunds")
        if form.cleaned_data["amount"]:
            refund.amount_pence = parse_money(form.cleaned_data["amount"])
        try:
            res = get_gateway().refund(refund.payment.gateway_ref, refund.amount_pence, refund.reason)
        except PaymentGatewayError as exc:
            messages.error(request, "Gateway refused the refund: %s" % exc)
            refund.status = "failed"
        else:
            refund.status = "paid"
            refund.gateway_ref = res.get("id", "")
            refund.paid_at = timezone.now()
            notify_refund_processed(refund)
        refund.approved_by = request.user
        refund.save()
        return redirect("backoffice:refunds")
    return render(request, "backoffice/refund_approve.html", {"refund": refund, "form": form})


@group_required("finance")
def finance_reports(request):
    form = DateRangeForm(request.GET or None)
    rows = []
    if form.is_valid():
        rows = reports.takings_by_channel(form.cleaned_data["start"], form.cleaned_data["end"])
        if request.GET.get("csv"):
            return reports.export_report_csv(rows, "takings.csv")
    return render(request, "backoffice/report.html", {"form": form, "rows": rows, "title": "Takings"})


# --- machines --------------------------------------------------------------

@group_required("maintenance")
def fault_list(request):
    faults = FaultReport.objects.filter(resolved_at__isnull=True).select_related("machine", "machine__carpark")
    return render(request, "backoffice/faults.html", {"faults": faults})


@group_required("maintenance", "enforcement")
def log_fault(request):
    form = FaultReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fault = form.save()
        if fault.priority == "P1":
            fault.machine.status = "oos"
            fault.machine.save(update_fields=["status"])
        return redirect("backoffice:faults")
    return render(request, "backoffice/fault_form.html", {"form": form})


@group_required("maintenance")
def assign_work_order(request, fault_id):
    fault = get_object_or_404(FaultReport, pk=fault_id)
    wo = WorkOrder(machine=fault.machine, fault=fault, priority=fault.priority,
                   number=generate_reference("WO", 7))
    form = WorkOrderForm(request.POST or None, instance=wo)
    if request.method == "POST" and form.is_valid():
        wo = form.save(commit=False)
        wo.status = "assigned" if wo.engineer_id else "open"
        wo.save()
        return redirect("backoffice:faults")
    return render(request, "backoffice/workorder_form.html", {"form": form, "fault": fault})


@group_required("maintenance")
def close_work_order(request, number):
    wo = get_object_or_404(WorkOrder, number=number)
    if request.method == "POST":
        wo.status = "done"
        wo.completed_at = timezone.now()
        wo.parts_used = request.POST.get("parts_used", wo.parts_used)
        wo.save()
        if wo.fault_id:
            FaultReport.objects.filter(pk=wo.fault_id).update(resolved_at=wo.completed_at)
        if not wo.machine.faults.filter(resolved_at__isnull=True).exists():
            PayMachine.objects.filter(pk=wo.machine_id).update(status="ok")
    return redirect("backoffice:faults")


@group_required("maintenance", "finance")
def record_cash_collection(request):
    form = CashCollectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        collection = form.save(commit=False)
        collection.expected_pence = collection.machine.cash_level_pence
        collection.save()
        PayMachine.objects.filter(pk=collection.machine_id).update(cash_level_pence=0)
        return redirect("backoffice:faults")
    return render(request, "backoffice/cash_collection.html", {"form": form})


# --- tariffs ---------------------------------------------------------------

@group_required("traffic")
def schedule_tariff_change(request):
    form = TariffChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        change = form.save(commit=False)
        change.created_by = request.user
        change.save()
        messages.success(request, "Change scheduled for %s" % change.effective_date)
        return redirect("admin:backoffice_tariffchange_changelist")
    return render(request, "backoffice/tariff_change.html", {"form": form})


# --- estate ----------------------------------------------------------------

@method_decorator(group_required("traffic", "enforcement"), name="dispatch")
class CarParkClosureView(View):
    template_name = "backoffice/carpark_closure.html"

    def get(self, request, code):
        carpark = get_object_or_404(CarPark, code=code)
        return render(request, self.template_name, {"carpark": carpark, "form": BaySuspensionForm()})

    def post(self, request, code):
        carpark = get_object_or_404(CarPark, code=code)
        if request.POST.get("close_all"):
            carpark.is_open = not carpark.is_open
            carpark.save(update_fields=["is_open", "updated_at"])
            return redirect("backoffice:carpark_closure", code=code)
        form = BaySuspensionForm(request.POST)
        if form.is_valid():
            numbers = [n.strip() for n in form.cleaned_data["bays"].split(",") if n.strip()]
            bays = Bay.objects.filter(carpark=carpark, number__in=numbers)
            n = services.suspend_bays(bays, form.cleaned_data["until"], form.cleaned_data["reason"])
            messages.success(request, "%d bays suspended" % n)
            return redirect("backoffice:carpark_closure", code=code)
        return render(request, self.template_name, {"carpark": carpark, "form": form})
