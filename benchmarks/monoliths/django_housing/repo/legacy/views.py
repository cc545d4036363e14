"""
Facilities (work orders / inspections) and the key shop.
Ported from maint.php / keys.php in 2014.
"""
import datetime
import json
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import connection
from django.db.models import Count, Q
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.generic import CreateView, ListView

from accounts.models import Resident
from common.decorators import role_required, staff_required
from common.utils import csv_response, format_date, json_response, paginate
from core.forms import InspectionForm, KeyLoanForm, WorkOrderForm, WorkOrderUpdateForm
from housing.models import Room
from legacy import helpers
from legacy.models import (Key, KeyLoan, LockChange, PartUsage, RoomInspection, Technician,
                           WorkOrder, WorkOrderNote)

logger = logging.getLogger("reslife.legacy")


# ---------------------------------------------------------------------------
# work orders
# ---------------------------------------------------------------------------

class WorkOrderListView(LoginRequiredMixin, ListView):
    template_name = "legacy/workorder_list.html"
    paginate_by = 50

    def get_queryset(self):
        qs = WorkOrder.objects.select_related("room__hall", "technician")
        status = self.request.GET.get("status", "open")
        if status == "open":
            qs = qs.exclude(status__in=("closed", "cancelled"))
        elif status:
            qs = qs.filter(status=status)
        hall = self.request.GET.get("hall")
        if hall:
            qs = qs.filter(room__hall_id=hall)
        if self.request.GET.get("overdue"):
            qs = qs.filter(due_at__lt=timezone.now())
        priority = self.request.GET.get("priority")
        if priority:
            qs = qs.filter(priority=priority)
        return qs

    def get_context_data(self, **kwargs):
        ctx = super(WorkOrderListView, self).get_context_data(**kwargs)
        ctx["workload"] = helpers.technician_workload()
        return ctx


@login_required
def workorder_create(request):
    """Residents and staff both use this form."""
    resident = Resident.objects.filter(user=request.user).first()
    initial = {}
    if resident:
        a = resident.current_assignment()
        if a:
            initial["room"] = a.bed.room_id
    form = WorkOrderForm(request.POST or None, initial=initial)
    if not request.user.is_staff:
        form.fields["priority"].choices = [c for c in form.fields["priority"].choices
                                           if c[0] != "emergency"]
    if request.method == "POST" and form.is_valid():
        wo = form.save(commit=False)
        if resident:
            wo.reported_by = resident
        else:
            wo.reported_by_staff = request.user
        wo.save()
        if wo.priority in ("emergency", "urgent"):
            helpers.assign_technician(wo)
        messages.success(request, "Work order WO-%d submitted." % wo.pk)
        return redirect("legacy:workorder_detail", pk=wo.pk)
    return render(request, "legacy/workorder_form.html", {"form": form})


@login_required
def workorder_detail(request, pk):
    wo = get_object_or_404(WorkOrder.objects.select_related("room__hall", "technician", "reported_by"), pk=pk)
    if not request.user.is_staff and (not wo.reported_by or wo.reported_by.user_id != request.user.id):
        return redirect("legacy:my_workorders")
    notes = wo.notes.order_by("created_at")
    if not request.user.is_staff:
        notes = notes.filter(visible_to_resident=True)
    return render(request, "legacy/workorder_detail.html", {
        "wo": wo, "notes": notes, "parts": wo.parts.all(),
        "parts_cost": helpers.estimate_parts_cost(wo),
        "overdue": helpers.is_overdue(wo), "where": helpers.fmt_room(wo.room),
        "form": WorkOrderUpdateForm(instance=wo) if request.user.is_staff else None,
    })


@role_required("facilities", "director", "hall_director")
def workorder_update(request, pk):
    wo = get_object_or_404(WorkOrder, pk=pk)
    form = WorkOrderUpdateForm(request.POST or None, instance=wo)
    if request.method == "POST" and form.is_valid():
        old_priority = wo.priority
        wo = form.save(commit=False)
        if wo.status == "closed" and not wo.closed_at:
            wo.closed_at = timezone.now()
        if wo.priority != old_priority:
            wo.due_at = helpers.compute_due_at(wo)
        wo.save()
        if form.cleaned_data.get("note"):
            WorkOrderNote.objects.create(workorder=wo, author=request.user, body=form.cleaned_data["note"],
                                         visible_to_resident=form.cleaned_data["visible_to_resident"])
        return redirect("legacy:workorder_detail", pk=pk)
    return render(request, "legacy/workorder_update.html", {"form": form, "wo": wo})


@role_required("facilities", "director")
def assign_workorder(request, pk):
    wo = get_object_or_404(WorkOrder, pk=pk)
    tech_id = request.POST.get("technician")
    tech = Technician.objects.filter(pk=tech_id, active=True).first() if tech_id else None
    assigned = helpers.assign_technician(wo, tech)
    if not assigned:
        messages.error(request, "No technician available for %s." % wo.get_category_display())
    return redirect("legacy:workorder_detail", pk=pk)


@staff_required
def add_workorder_note(request, pk):
    wo = get_object_or_404(WorkOrder, pk=pk)
    if request.method == "POST" and request.POST.get("body"):
        WorkOrderNote.objects.create(workorder=wo, author=request.user, body=request.POST["body"],
                                     visible_to_resident=bool(request.POST.get("public")))
    return redirect("legacy:workorder_detail", pk=pk)


@role_required("facilities", "director")
def record_parts(request, pk):
    wo = get_object_or_404(WorkOrder, pk=pk)
    if request.method == "POST":
        try:
            rows = json.loads(request.POST.get("parts", "[]"))
        except ValueError:
            return HttpResponseBadRequest("bad parts payload")
        for row in rows:
            PartUsage.objects.create(workorder=wo, part_number=row["part_number"],
                                     description=row.get("description", "")[:120],
                                     quantity=int(row.get("quantity", 1)), unit_cost=row["unit_cost"])
        if wo.status == "assigned":
            wo.status = "in_progress"
            wo.save(update_fields=["status", "updated_at"])
    return redirect("legacy:workorder_detail", pk=pk)


@login_required
def technician_queue(request):
    tech = get_object_or_404(Technician, user=request.user)
    orders = (WorkOrder.objects.filter(technician=tech).exclude(status__in=("closed", "cancelled"))
              .select_related("room__hall").order_by("due_at"))
    return render(request, "legacy/tech_queue.html", {"tech": tech, "orders": orders})


@login_required
def my_workorders(request):
    resident = get_object_or_404(Resident, user=request.user)
    orders = WorkOrder.objects.filter(reported_by=resident).order_by("-created_at")[:50]
    return render(request, "legacy/my_workorders.html", {"orders": orders})


@role_required("facilities", "director")
def workorders_csv(request):
    since = timezone.now() - datetime.timedelta(days=int(request.GET.get("days", 30)))
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT w.id, h.code, r.number, w.category, w.priority, w.status, w.summary,
                   t.name, w.created_at, w.closed_at
              FROM maint_request w
              LEFT JOIN housing_room r ON r.id = w.room_id
              LEFT JOIN housing_hall h ON h.id = r.hall_id
              LEFT JOIN legacy_technician t ON t.id = w.technician_id
             WHERE w.created_at >= %s
             ORDER BY w.id
        """, [since])
        rows = cursor.fetchall()
    return csv_response("workorders.csv", ["id", "hall", "room", "category", "priority", "status",
                                           "summary", "technician", "created", "closed"], rows)


class InspectionCreateView(LoginRequiredMixin, CreateView):
    model = RoomInspection
    form_class = InspectionForm
    template_name = "legacy/inspection_form.html"

    def form_valid(self, form):
        form.instance.inspected_by = self.request.user
        answers = {k: self.request.POST.get(k, "") for k in helpers.inspection_checklist(form.instance.kind)}
        form.instance.condition_json = json.dumps(answers)
        return super(InspectionCreateView, self).form_valid(form)

    def get_success_url(self):
        return "/maint/inspections/%d/" % self.object.pk


@staff_required
def inspection_detail(request, pk):
    insp = get_object_or_404(RoomInspection.objects.select_related("room__hall", "assignment__resident"), pk=pk)
    try:
        answers = json.loads(insp.condition_json or "{}")
    except ValueError:
        answers = {}
    return render(request, "legacy/inspection_detail.html", {"insp": insp, "answers": answers})


# ---------------------------------------------------------------------------
# keys
# ---------------------------------------------------------------------------

@staff_required
def key_list(request):
    qs = Key.objects.filter(retired=False).select_related("room__hall", "hall") \
        .annotate(out=Count("loans", filter=Q(loans__returned_at__isnull=True, loans__lost=False)))
    q = request.GET.get("q")
    if q:
        qs = qs.filter(Q(stamp__icontains=q) | Q(room__number=q))
    return render(request, "legacy/key_list.html", {"page": paginate(request, qs, 100)})


@role_required("hall_director", "director", "assignments")
def issue_key_view(request):
    form = KeyLoanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            loan = helpers.issue_key(form.cleaned_data["key_stamp"], resident=form.cleaned_data["resident"],
                                     borrower_name=form.cleaned_data["borrower_name"], user=request.user,
                                     hours=form.cleaned_data.get("hours"))
        except ValueError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Key %s issued." % loan.key.stamp)
            return redirect("legacy:key_list")
    return render(request, "legacy/key_issue.html", {"form": form})


@role_required("hall_director", "director", "assignments")
def return_key_view(request, loan_id):
    loan = get_object_or_404(KeyLoan, pk=loan_id, returned_at__isnull=True)
    if request.method == "POST":
        helpers.return_key(loan)
    return redirect("legacy:key_list")


@role_required("hall_director", "director")
def report_lost_key(request, loan_id):
    loan = get_object_or_404(KeyLoan, pk=loan_id, returned_at__isnull=True, lost=False)
    if request.method == "POST":
        helpers.charge_lost_key(loan, user=request.user)
        messages.warning(request, "Key %s marked lost; re-core scheduled." % loan.key.stamp)
    return redirect("legacy:key_list")


@staff_required
def lock_change_list(request):
    changes = LockChange.objects.select_related("key", "workorder", "billed_to").order_by("-created_at")
    pending = changes.filter(completed=False)
    return render(request, "legacy/lock_changes.html", {"changes": changes[:200], "pending": pending})


@role_required("facilities", "director")
def complete_lock_change(request, pk):
    change = get_object_or_404(LockChange, pk=pk)
    if request.method == "POST":
        change.new_core = request.POST.get("new_core", "")
        change.completed = True
        change.save()
        Key.objects.filter(pk=change.key_id).update(core_number=change.new_core)
    return redirect("legacy:lock_changes")


@staff_required
def resident_keys_json(request, resident_id):
    loans = helpers.keys_outstanding(get_object_or_404(Resident, pk=resident_id))
    return json_response({"keys": [{"stamp": l.key.stamp, "kind": l.key.kind,
                                    "issued": format_date(l.issued_at)} for l in loans]})
