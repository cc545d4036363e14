import datetime
import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import connection
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.generic import DetailView, ListView, TemplateView

from accounts.forms import (AccessCardIssueForm, AccommodationNeedForm, EmergencyContactFormSet,
                            ResidentForm, ResidentSearchForm, StaffLoginForm)
from accounts.models import (AccessCard, AccommodationNeed, CardSwipe, Resident, ResidentNote,
                             StaffProfile)
from common.decorators import role_required, staff_required
from common.utils import csv_response, format_date, json_response, paginate, student_display_name

logger = logging.getLogger("reslife.accounts")


# ---------------------------------------------------------------------------
# staff login / dashboard
# ---------------------------------------------------------------------------

def staff_login(request):
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = StaffLoginForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        login(request, user)
        StaffProfile.objects.filter(user=user).update(
            last_login_ip=request.META.get("REMOTE_ADDR"))
        profile = StaffProfile.objects.filter(user=user).first()
        if profile and profile.must_change_password:
            return redirect("/accounts/password_change/")
        return redirect(request.GET.get("next") or settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/login.html", {"form": form})


def staff_logout(request):
    logout(request)
    return redirect(settings.LOGIN_URL)


class StaffDashboardView(LoginRequiredMixin, TemplateView):
    """The landing page after login.  Everybody adds a widget here."""
    template_name = "accounts/dashboard.html"

    def get_context_data(self, **kwargs):
        ctx = super(StaffDashboardView, self).get_context_data(**kwargs)
        profile = StaffProfile.objects.select_related("hall").filter(user=self.request.user).first()
        ctx["profile"] = profile
        hall_id = profile.hall_id if profile and profile.role != "director" else None
        with connection.cursor() as cursor:
            # open work orders (facilities)
            sql = "SELECT COUNT(*) FROM maint_request w JOIN housing_room r ON r.id = w.room_id " \
                  "WHERE w.status NOT IN ('closed', 'cancelled')"
            params = []
            if hall_id:
                sql += " AND r.hall_id = %s"
                params.append(hall_id)
            cursor.execute(sql, params)
            ctx["open_workorders"] = cursor.fetchone()[0]
            # occupancy
            sql = "SELECT COUNT(*) FROM core_roomassignment a JOIN housing_bed b ON b.id = a.bed_id " \
                  "JOIN housing_room r ON r.id = b.room_id WHERE a.status = 'active'"
            params = []
            if hall_id:
                sql += " AND r.hall_id = %s"
                params.append(hall_id)
            cursor.execute(sql, params)
            ctx["occupied_beds"] = cursor.fetchone()[0]
        if profile and profile.role in ("conduct", "hall_director", "director"):
            from community.models import Incident
            qs = Incident.objects.filter(status__in=("open", "investigating"))
            if hall_id:
                qs = qs.filter(hall_id=hall_id)
            ctx["open_incidents"] = qs.count()
        ctx["holds"] = Resident.objects.filter(financial_hold=True).count()
        return ctx


@staff_required
def hall_staff_directory(request):
    staff = StaffProfile.objects.select_related("user", "hall").order_by("hall__name", "role")
    on_call = [s for s in staff if s.on_call]
    return render(request, "accounts/staff_directory.html", {"staff": staff, "on_call": on_call})


# ---------------------------------------------------------------------------
# resident records
# ---------------------------------------------------------------------------

def _resident_for_user(user):
    try:
        return Resident.objects.get(user=user)
    except Resident.DoesNotExist:
        raise Http404("No resident record linked to this login")


class ResidentListView(LoginRequiredMixin, ListView):
    model = Resident
    paginate_by = 50
    template_name = "accounts/resident_list.html"

    def get_queryset(self):
        qs = Resident.objects.all()
        form = ResidentSearchForm(self.request.GET)
        if form.is_valid():
            q = form.cleaned_data.get("q")
            if q:
                qs = qs.filter(Q(last_name__icontains=q) | Q(first_name__icontains=q) |
                               Q(preferred_name__icontains=q) | Q(student_id__iexact=q))
            if form.cleaned_data.get("status"):
                qs = qs.filter(status=form.cleaned_data["status"])
            if form.cleaned_data.get("hold_only"):
                qs = qs.filter(financial_hold=True)
            if form.cleaned_data.get("hall"):
                qs = qs.filter(assignments__status="active",
                               assignments__bed__room__hall_id=form.cleaned_data["hall"])
        return qs.distinct()

    def get_context_data(self, **kwargs):
        ctx = super(ResidentListView, self).get_context_data(**kwargs)
        ctx["search_form"] = ResidentSearchForm(self.request.GET)
        return ctx


class ResidentDetailView(LoginRequiredMixin, DetailView):
    model = Resident
    template_name = "accounts/resident_detail.html"
    context_object_name = "resident"

    def get_context_data(self, **kwargs):
        ctx = super(ResidentDetailView, self).get_context_data(**kwargs)
        resident = self.object
        ctx["display_name"] = student_display_name(resident)
        ctx["contacts"] = resident.emergency_contacts.all()
        ctx["accommodations"] = resident.accommodations.filter(approved=True)
        notes = resident.notes.order_by("-pinned", "-created_at")
        profile = getattr(self.request.user, "staffprofile", None)
        if not (profile and profile.role == "director"):
            notes = notes.filter(visibility="staff")
        ctx["notes"] = notes
        ctx["assignment"] = resident.current_assignment()
        # billing widget
        from core.billing import get_balance
        ctx["balance"] = get_balance(resident)
        ctx["cards"] = resident.access_cards.order_by("-issued_on")[:5]
        return ctx


@staff_required
def resident_create(request):
    form = ResidentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        resident = form.save()
        messages.success(request, "Created resident record for %s" % resident.full_name)
        return redirect("accounts:resident_detail", pk=resident.pk)
    return render(request, "accounts/resident_form.html", {"form": form})


@staff_required
def resident_edit(request, pk):
    resident = get_object_or_404(Resident, pk=pk)
    form = ResidentForm(request.POST or None, instance=resident)
    formset = EmergencyContactFormSet(request.POST or None, instance=resident)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        old_status = Resident.objects.filter(pk=pk).values_list("status", flat=True).first()
        resident = form.save()
        formset.save()
        if old_status != resident.status:
            ResidentNote.objects.create(
                resident=resident, author=request.user,
                body="Status changed from %s to %s" % (old_status, resident.status))
        messages.success(request, "Saved.")
        return redirect("accounts:resident_detail", pk=resident.pk)
    return render(request, "accounts/resident_form.html",
                  {"form": form, "formset": formset, "resident": resident})


@staff_required
def add_resident_note(request, pk):
    resident = get_object_or_404(Resident, pk=pk)
    if request.method == "POST":
        body = request.POST.get("body", "").strip()
        if body:
            ResidentNote.objects.create(
                resident=resident, author=request.user, body=body,
                visibility=request.POST.get("visibility", "staff"),
                pinned=bool(request.POST.get("pinned")))
    return redirect("accounts:resident_detail", pk=pk)


@staff_required
def accommodation_needs(request, pk):
    resident = get_object_or_404(Resident, pk=pk)
    form = AccommodationNeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        need = form.save(commit=False)
        need.resident = resident
        need.save()
        messages.info(request, "Accommodation request recorded; pending approval.")
        return redirect("accounts:accommodations", pk=pk)
    return render(request, "accounts/accommodations.html", {
        "resident": resident, "form": form, "needs": resident.accommodations.all()})


@role_required("director", "assignments")
def approve_accommodation(request, pk, need_id):
    need = get_object_or_404(AccommodationNeed, pk=need_id, resident_id=pk)
    need.approved = True
    need.approved_by = request.user
    need.save(update_fields=["approved", "approved_by", "updated_at"])
    return redirect("accounts:accommodations", pk=pk)


@login_required
def my_profile(request):
    resident = _resident_for_user(request.user)
    form = ResidentForm(request.POST or None, instance=resident)
    # residents can only edit a subset of their record
    for name in ("student_id", "status", "class_standing", "is_international"):
        form.fields[name].disabled = True
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Profile updated.")
    return render(request, "accounts/my_profile.html", {"form": form, "resident": resident})


@staff_required
def resident_search_json(request):
    q = request.GET.get("q", "").strip()
    if len(q) < 2:
        return json_response({"results": []})
    qs = Resident.objects.filter(
        Q(last_name__istartswith=q) | Q(first_name__istartswith=q) | Q(student_id__startswith=q.upper())
    ).values("id", "student_id", "first_name", "last_name", "preferred_name", "status")[:20]
    return json_response({"results": list(qs)})


@role_required("director", "assignments")
def export_residents_csv(request):
    rows = []
    for r in Resident.objects.filter(status="active").iterator():
        rows.append([r.student_id, r.last_name, r.first_name, r.email, r.phone,
                     r.class_standing, format_date(r.date_of_birth, "%Y-%m-%d")])
    return csv_response("residents_%s.csv" % timezone.localdate().isoformat(),
                        ["student_id", "last", "first", "email", "phone", "class", "dob"], rows)


# ---------------------------------------------------------------------------
# ID / access cards  (moved here from legacy/ in 2018 because cards are "accounts")
# ---------------------------------------------------------------------------

class AccessCardListView(LoginRequiredMixin, ListView):
    template_name = "accounts/card_list.html"
    paginate_by = 50

    def get_queryset(self):
        qs = AccessCard.objects.select_related("resident", "hall").order_by("-issued_on")
        status = self.request.GET.get("status")
        if status:
            qs = qs.filter(status=status)
        return qs


@role_required("director", "hall_director", "assignments")
def issue_access_card(request, pk):
    resident = get_object_or_404(Resident, pk=pk)
    form = AccessCardIssueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        card = form.save(commit=False)
        card.resident = resident
        if form.cleaned_data["reason"] == "replacement":
            old = AccessCard.objects.filter(resident=resident, status__in=("active", "lost")).first()
            if old:
                old.status = "lost"
                old.save(update_fields=["status"])
                card.replacement_of = old
                from core.billing import post_charge
                post_charge(resident, settings.RESLIFE_LOST_CARD_FEE, "card_replacement",
                            "Replacement access card")
        if form.cleaned_data["reason"] == "temporary" and not card.expires_on:
            card.expires_on = timezone.localdate() + datetime.timedelta(days=7)
        card.save()
        messages.success(request, "Issued card %s" % card.card_number)
        return redirect("accounts:resident_detail", pk=pk)
    return render(request, "accounts/card_issue.html", {"form": form, "resident": resident})


@role_required("director", "hall_director")
def deactivate_card(request, card_id):
    card = get_object_or_404(AccessCard, pk=card_id)
    if request.method == "POST":
        card.status = request.POST.get("status", "suspended")
        card.synced_to_card_system = False
        card.save(update_fields=["status", "synced_to_card_system", "updated_at"])
    return redirect("accounts:resident_detail", pk=card.resident_id)


@role_required("director", "hall_director", "conduct")
def card_swipe_log(request, card_id):
    card = get_object_or_404(AccessCard, pk=card_id)
    since = timezone.now() - datetime.timedelta(days=int(request.GET.get("days", 14)))
    swipes = CardSwipe.objects.filter(card=card, swiped_at__gte=since).order_by("-swiped_at")
    denied = swipes.filter(granted=False).count()
    page = paginate(request, swipes, per_page=100)
    return render(request, "accounts/card_swipes.html",
                  {"card": card, "page": page, "denied": denied})


def door_activity_summary(hall_id, days=7):
    since = timezone.now() - datetime.timedelta(days=days)
    return (CardSwipe.objects.filter(card__hall_id=hall_id, swiped_at__gte=since)
            .values("door_code").annotate(n=Count("id")).order_by("-n"))
