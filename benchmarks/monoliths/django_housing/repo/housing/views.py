import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import connection, transaction
from django.db.models import Count, Q
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.generic import CreateView, DetailView, ListView

from accounts.models import Resident, StaffProfile
from common.decorators import hall_staff_required, role_required, staff_required
from common.utils import bed_label, current_term, json_response, next_term
from housing.models import Application, Bed, Hall, Room, RoomPreference, RoomType

logger = logging.getLogger("reslife.housing")


# ---------------------------------------------------------------------------
# halls & rooms
# ---------------------------------------------------------------------------

class HallListView(LoginRequiredMixin, ListView):
    template_name = "housing/hall_list.html"
    context_object_name = "halls"

    def get_queryset(self):
        return (Hall.objects.filter(is_active=True)
                .annotate(room_count=Count("rooms", distinct=True))
                .order_by("campus_area", "name"))


class HallDetailView(LoginRequiredMixin, DetailView):
    model = Hall
    template_name = "housing/hall_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super(HallDetailView, self).get_context_data(**kwargs)
        hall = self.object
        ctx["rooms"] = hall.rooms.select_related("room_type").prefetch_related("beds")
        ctx["amenities"] = hall.amenities.order_by("floor", "name")
        ctx["staff"] = StaffProfile.objects.filter(hall=hall).select_related("user")
        ctx["offline_rooms"] = hall.rooms.filter(offline=True)
        return ctx


class RoomListView(LoginRequiredMixin, ListView):
    template_name = "housing/room_list.html"
    paginate_by = 100

    def get_queryset(self):
        qs = Room.objects.select_related("hall", "room_type")
        hall = self.request.GET.get("hall")
        if hall:
            qs = qs.filter(hall_id=hall)
        if self.request.GET.get("accessible"):
            qs = qs.filter(is_accessible=True)
        if self.request.GET.get("offline"):
            qs = qs.filter(offline=True)
        return qs


@staff_required
def room_detail(request, pk):
    room = get_object_or_404(Room.objects.select_related("hall", "room_type"), pk=pk)
    beds = room.beds.all()
    term = request.GET.get("term") or current_term()
    occupants = []
    for bed in beds:
        a = bed.assignments.filter(term=term, status__in=("pending", "active")).select_related(
            "resident").first()
        occupants.append((bed_label(bed), a.resident if a else None))
    # open work orders for this room (facilities)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, summary, priority, status, created_at FROM maint_request "
            "WHERE room_id = %s AND status NOT IN ('closed', 'cancelled') ORDER BY created_at DESC",
            [room.pk])
        workorders = cursor.fetchall()
    return render(request, "housing/room_detail.html",
                  {"room": room, "occupants": occupants, "workorders": workorders, "term": term})


@role_required("director", "facilities", "assignments")
def set_room_offline(request, pk):
    room = get_object_or_404(Room, pk=pk)
    if request.method != "POST":
        return HttpResponseBadRequest()
    room.offline = request.POST.get("offline") == "1"
    room.offline_reason = request.POST.get("reason", "")[:200]
    room.save(update_fields=["offline", "offline_reason", "updated_at"])
    messages.info(request, "Room %s is now %s" % (room, "offline" if room.offline else "online"))
    return redirect("housing:room_detail", pk=pk)


@login_required
def bed_availability_json(request):
    """Used by the room-selection JS.  Returns free beds per hall for a term."""
    term = request.GET.get("term") or next_term(current_term())
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT h.id, h.code, h.name, rt.code AS room_type, COUNT(b.id) AS free_beds
              FROM housing_bed b
              JOIN housing_room r ON r.id = b.room_id
              JOIN housing_hall h ON h.id = r.hall_id
              JOIN housing_roomtype rt ON rt.id = r.room_type_id
             WHERE b.is_active = TRUE AND r.offline = FALSE AND h.is_active = TRUE
               AND NOT EXISTS (SELECT 1 FROM core_roomassignment a
                                WHERE a.bed_id = b.id AND a.term = %s
                                  AND a.status IN ('pending', 'active'))
             GROUP BY h.id, h.code, h.name, rt.code
             ORDER BY h.name, rt.code
        """, [term])
        rows = cursor.fetchall()
    data = [{"hall_id": r[0], "hall_code": r[1], "hall": r[2], "room_type": r[3], "free": r[4]}
            for r in rows]
    return json_response({"term": term, "availability": data})


@hall_staff_required
def hall_staff_roster(request, hall_id):
    hall = get_object_or_404(Hall, pk=hall_id)
    staff = StaffProfile.objects.filter(hall=hall).select_related("user").order_by("role")
    if request.method == "POST":
        profile = get_object_or_404(StaffProfile, pk=request.POST.get("profile"))
        profile.on_call = not profile.on_call
        profile.save(update_fields=["on_call"])
    return render(request, "housing/hall_roster.html", {"hall": hall, "staff": staff})


# ---------------------------------------------------------------------------
# housing applications (student-facing + assignments office review)
# ---------------------------------------------------------------------------

def _post_application_fee(application):
    """Application fee goes on the student's housing account.  Lives here
    because it was bolted on when the fee was introduced in 2017."""
    from core.billing import post_charge
    if application.fee_paid:
        return None
    charge = post_charge(application.resident, settings.RESLIFE_APPLICATION_FEE,
                         "application_fee", "Housing application fee %s" % application.term,
                         term=application.term)
    return charge


class ApplicationCreateView(LoginRequiredMixin, CreateView):
    model = Application
    fields = ["lifestyle_quiet", "lifestyle_substance_free", "lifestyle_early_riser",
              "smoker", "comments"]
    template_name = "housing/application_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.resident = Resident.objects.filter(user=request.user).first()
        if self.resident is None:
            messages.error(request, "Your student record is not linked yet. Contact the housing office.")
            return redirect("/")
        if self.resident.status == "banned":
            messages.error(request, "You are not eligible to apply for housing.")
            return redirect("/")
        return super(ApplicationCreateView, self).dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        term = next_term(current_term())
        if Application.objects.filter(resident=self.resident, term=term).exists():
            messages.warning(self.request, "You already have an application for %s" % term)
            return redirect("housing:my_application")
        form.instance.resident = self.resident
        form.instance.term = term
        resp = super(ApplicationCreateView, self).form_valid(form)
        return resp

    def get_success_url(self):
        return "/housing/applications/%d/preferences/" % self.object.pk


@login_required
def application_preferences(request, pk):
    application = get_object_or_404(Application, pk=pk, resident__user=request.user)
    halls = Hall.objects.for_gender(application.resident.gender[:1].upper())
    types = RoomType.objects.all()
    if request.method == "POST":
        with transaction.atomic():
            application.preferences.all().delete()
            for rank in range(1, 6):
                hall_id = request.POST.get("hall_%d" % rank)
                type_id = request.POST.get("type_%d" % rank)
                if not hall_id and not type_id:
                    continue
                RoomPreference.objects.create(application=application, rank=rank,
                                              hall_id=hall_id or None, room_type_id=type_id or None)
        return redirect("housing:application_detail", pk=pk)
    return render(request, "housing/preferences.html",
                  {"application": application, "halls": halls, "types": types})


@login_required
def application_detail(request, pk):
    qs = Application.objects.select_related("resident", "round")
    if not request.user.is_staff:
        qs = qs.filter(resident__user=request.user)
    application = get_object_or_404(qs, pk=pk)
    return render(request, "housing/application_detail.html", {
        "application": application,
        "preferences": application.preferences.select_related("hall", "room_type"),
    })


@login_required
def my_application(request):
    apps = Application.objects.filter(resident__user=request.user).order_by("-term")
    return render(request, "housing/my_applications.html", {"applications": apps})


@login_required
def submit_application(request, pk):
    application = get_object_or_404(Application, pk=pk, resident__user=request.user)
    if application.status != "draft":
        messages.warning(request, "Already submitted.")
        return redirect("housing:application_detail", pk=pk)
    if not application.preferences.exists():
        messages.error(request, "Please rank at least one preference.")
        return redirect("housing:application_preferences", pk=pk)
    if not request.POST.get("accept_contract"):
        messages.error(request, "You must accept the housing contract.")
        return redirect("housing:application_detail", pk=pk)
    application.contract_accepted_at = timezone.now()
    application.save(update_fields=["contract_accepted_at"])
    application.submit()
    _post_application_fee(application)
    return redirect("housing:application_detail", pk=pk)


@login_required
def withdraw_application(request, pk):
    application = get_object_or_404(Application, pk=pk, resident__user=request.user)
    if application.status in ("allocated",):
        messages.error(request, "You already have a room; contact the office to cancel your contract.")
    else:
        application.status = "withdrawn"
        application.save(update_fields=["status", "updated_at"])
    return redirect("housing:my_application")


@role_required("assignments", "director")
def application_review_queue(request):
    term = request.GET.get("term") or next_term(current_term())
    qs = (Application.objects.for_term(term).submitted()
          .select_related("resident").order_by("submitted_at"))
    on_hold = qs.filter(resident__financial_hold=True)
    return render(request, "housing/review_queue.html",
                  {"applications": qs, "term": term, "on_hold": on_hold})


@role_required("assignments", "director")
def approve_application(request, pk):
    application = get_object_or_404(Application, pk=pk)
    if request.method != "POST":
        return HttpResponseBadRequest()
    decision = request.POST.get("decision")
    if decision == "approve":
        if application.resident.financial_hold:
            messages.error(request, "Resident has a financial hold: %s" % application.resident.hold_reason)
            return redirect("housing:review_queue")
        application.status = "approved"
        application.priority_points = _priority_points(application)
    elif decision == "reject":
        application.status = "rejected"
    application.reviewed_by = request.user
    application.save()
    return redirect("housing:review_queue")


def _priority_points(application):
    # seniority first; returning residents get a bump; accessible needs are
    # handled separately by the allocation run
    points = {"GR": 40, "SR": 30, "JR": 20, "SO": 10, "FR": 0}.get(
        application.resident.class_standing, 0)
    if application.resident.assignments.filter(status="former").exists():
        points += 5
    if application.submitted_at and application.submitted_at.month <= 2:
        points += 3  # early bird
    return points
