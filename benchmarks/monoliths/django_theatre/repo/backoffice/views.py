import datetime
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from backoffice.models import (
    Auditorium,
    CashUp,
    FundraisingCampaign,
    Pledge,
    PledgeInstalment,
    SeatingPlan,
    ShiftAssignment,
    Till,
    TillSession,
    UsherShift,
    Venue,
)
from backoffice.seating import SeatMapRenderer, generate_grid_plan, import_plan_csv, seat_map_json
from core.forms import BootstrapFormMixin
from core.models import Patron, Performance
from core.utils import format_money, json_response, money, performance_label
from legacy.models import Gift, Volunteer

# ---------------------------------------------------------------------------
# Venues & seat plans
# ---------------------------------------------------------------------------


class GridPlanForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(max_length=100)
    rows = forms.IntegerField(min_value=1, max_value=40)
    seats_per_row = forms.IntegerField(min_value=1, max_value=60)
    upload = forms.FileField(required=False, help_text="Optional CSV instead of a grid")


@staff_member_required
def venue_list(request):
    venues = Venue.objects.filter(is_active=True).prefetch_related("auditoria")
    return render(request, "backoffice/venues.html", {"venues": venues})


@staff_member_required
def auditorium_detail(request, pk):
    auditorium = get_object_or_404(Auditorium.objects.select_related("venue"), pk=pk)
    form = GridPlanForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data.get("upload"):
            plan = SeatingPlan.objects.create(auditorium=auditorium, name=form.cleaned_data["name"])
            n = import_plan_csv(plan, form.cleaned_data["upload"])
            messages.success(request, "Imported %d seats" % n)
        else:
            plan = generate_grid_plan(
                auditorium, form.cleaned_data["name"], form.cleaned_data["rows"], form.cleaned_data["seats_per_row"]
            )
        return redirect("seating-plan-editor", pk=plan.pk)
    return render(
        request,
        "backoffice/auditorium.html",
        {"auditorium": auditorium, "plans": auditorium.plans.order_by("-version"), "form": form},
    )


@staff_member_required
def seating_plan_editor(request, pk):
    plan = get_object_or_404(SeatingPlan, pk=pk)
    if request.GET.get("format") == "json":
        return json_response(seat_map_json(plan))
    return render(request, "backoffice/plan_editor.html", {"plan": plan, "svg": SeatMapRenderer(plan).render()})


@staff_member_required
@require_POST
def seating_plan_save(request, pk):
    """The JS editor posts back a list of {id, x, y, flags}."""
    import json

    plan = get_object_or_404(SeatingPlan, pk=pk)
    if Performance.objects.filter(seating_plan=plan, starts_at__gte=timezone.now()).exists() and not request.POST.get("force"):
        return json_response({"ok": False, "error": "Plan is in use by future performances - copy it first"}, status=409)
    changes = json.loads(request.body.decode("utf-8") or "[]")
    seats = {s.pk: s for s in plan.seats()}
    with transaction.atomic():
        for change in changes:
            seat = seats.get(change.get("id"))
            if seat is None:
                continue
            seat.x = int(change.get("x", seat.x))
            seat.y = int(change.get("y", seat.y))
            flags = change.get("flags", "")
            seat.is_wheelchair = "W" in flags
            seat.is_companion = "C" in flags
            seat.is_restricted_view = "R" in flags
            seat.is_killed = "K" in flags
            seat.save()
        if request.POST.get("make_default"):
            SeatingPlan.objects.filter(auditorium=plan.auditorium).update(is_default=False)
            plan.is_default = True
            plan.save(update_fields=["is_default"])
            Auditorium.objects.filter(pk=plan.auditorium_id).update(default_layout=plan)
    return json_response({"ok": True, "seats": plan.sellable_seat_count()})


# ---------------------------------------------------------------------------
# Tills & cash-up
# ---------------------------------------------------------------------------


class OpenTillForm(BootstrapFormMixin, forms.Form):
    till = forms.ModelChoiceField(queryset=Till.objects.filter(is_active=True))
    opening_float = forms.DecimalField(decimal_places=2, initial=Decimal("150.00"))


class CashUpForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = CashUp
        fields = ["counted_cheques", "terminal_total", "banked_on", "bag_number", "notes"]


def _current_session(user):
    return TillSession.objects.filter(opened_by=user, status=TillSession.OPEN).select_related("till").first()


@staff_member_required
def till_open(request):
    existing = _current_session(request.user)
    if existing:
        messages.info(request, "You already have %s open" % existing.till)
        return redirect("box-office-sale")
    form = OpenTillForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        till = form.cleaned_data["till"]
        if till.open_session():
            messages.error(request, "%s is already open by someone else" % till)
        else:
            TillSession.objects.create(till=till, opened_by=request.user, opening_float=form.cleaned_data["opening_float"])
            return redirect("box-office-sale")
    return render(request, "backoffice/till_open.html", {"form": form})


@staff_member_required
def till_close(request):
    session = _current_session(request.user)
    if session is None:
        return redirect("till-open")
    if request.method == "POST":
        session.close(request.user)  # post_save creates the CashUp (core.signals)
        return redirect("cashup", pk=session.cashup.pk)
    return render(
        request,
        "backoffice/till_close.html",
        {"session": session, "takings": session.takings_by_method(), "expected_cash": session.expected_cash()},
    )


@staff_member_required
def cashup(request, pk):
    cu = get_object_or_404(CashUp.objects.select_related("session__till"), pk=pk)
    form = CashUpForm(request.POST or None, instance=cu)
    lines = list(cu.lines.order_by("-denomination"))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            for line in lines:
                raw = request.POST.get("qty_%s" % line.pk, "0") or "0"
                line.quantity = max(int(raw), 0)
                line.save(update_fields=["quantity"])
            cu = form.save(commit=False)
            variance = cu.recount()
            if request.POST.get("sign_off"):
                cu.signed_off_by = request.user
                cu.session.status = TillSession.RECONCILED
                cu.session.save(update_fields=["status", "modified"])
            cu.save()
        if abs(variance) > Decimal("5.00"):
            messages.warning(request, "Variance of %s - please add a note" % format_money(variance))
        return redirect("cashup", pk=cu.pk)
    return render(request, "backoffice/cashup.html", {"cashup": cu, "form": form, "lines": lines})


@staff_member_required
def till_session_summary(request):
    day = request.GET.get("day")
    day = datetime.date.fromisoformat(day) if day else timezone.localdate()
    sessions = TillSession.objects.filter(opened_at__date=day).select_related("till", "opened_by")
    rows = []
    for s in sessions:
        cu = getattr(s, "cashup", None)
        rows.append({"session": s, "takings": s.takings_by_method(), "cashup": cu})
    return render(request, "backoffice/till_summary.html", {"rows": rows, "day": day})


# ---------------------------------------------------------------------------
# Development
# ---------------------------------------------------------------------------


class PledgeForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Pledge
        fields = ["patron", "campaign", "total_amount", "instalments", "frequency", "start_date", "notes"]


@staff_member_required
def campaign_list(request):
    campaigns = FundraisingCampaign.objects.annotate(n_pledges=Count("pledges")).order_by("-starts_on")
    return render(request, "backoffice/campaigns.html", {"campaigns": campaigns})


@staff_member_required
def campaign_detail(request, pk):
    campaign = get_object_or_404(FundraisingCampaign, pk=pk)
    gifts = Gift.objects.filter(campaign=campaign).select_related("donor").order_by("-received_on")[:100]
    pledges = campaign.pledges.select_related("patron")
    return render(
        request,
        "backoffice/campaign_detail.html",
        {
            "campaign": campaign,
            "gifts": gifts,
            "pledges": pledges,
            "raised": campaign.raised(),
            "percent": campaign.percent_of_target(),
            "online": campaign.donation_set.aggregate(t=Sum("amount"))["t"],
        },
    )


def _schedule_instalments(pledge):
    step = {"monthly": 1, "quarterly": 3, "annual": 12, "one_off": 0}[pledge.frequency]
    each = money(pledge.total_amount / pledge.instalments)
    due = pledge.start_date
    for i in range(pledge.instalments):
        amount = each if i < pledge.instalments - 1 else money(pledge.total_amount - each * (pledge.instalments - 1))
        PledgeInstalment.objects.create(pledge=pledge, due_on=due, amount=amount)
        month = due.month - 1 + step
        due = due.replace(year=due.year + month // 12, month=month % 12 + 1, day=min(due.day, 28))


@staff_member_required
def pledge_create(request):
    form = PledgeForm(request.POST or None, initial={"patron": request.GET.get("patron")})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            pledge = form.save()
            _schedule_instalments(pledge)
        return redirect("campaign-detail", pk=pledge.campaign_id)
    return render(request, "backoffice/pledge_form.html", {"form": form})


@staff_member_required
@require_POST
def record_instalment(request, pk):
    inst = get_object_or_404(PledgeInstalment.objects.select_related("pledge"), pk=pk)
    gift = Gift.objects.create(
        donor=inst.pledge.patron,
        amount=inst.amount,
        received_on=timezone.localdate(),
        method=request.POST.get("method", "so"),
        campaign=inst.pledge.campaign,
        entered_by=request.user.username,
    )  # the post_save signal ticks off the instalment
    messages.success(request, "Recorded gift %s" % gift.pk)
    return redirect("campaign-detail", pk=inst.pledge.campaign_id)


# ---------------------------------------------------------------------------
# FOH rota
# ---------------------------------------------------------------------------


def _available_volunteers(shift):
    local = timezone.localtime(shift.starts_at)
    is_matinee = local.hour < 17
    day = local.date()
    qs = Volunteer.objects.filter(is_active=True, availability__weekday=local.weekday())
    qs = qs.filter(availability__matinee=True) if is_matinee else qs.filter(availability__evening=True)
    qs = qs.filter(Q(availability__available_from__isnull=True) | Q(availability__available_from__lte=day))
    qs = qs.filter(Q(availability__available_to__isnull=True) | Q(availability__available_to__gte=day))
    busy = ShiftAssignment.objects.filter(
        shift__starts_at__date=day, status__in=("offered", "confirmed")
    ).values("volunteer_id")
    month_counts = (
        ShiftAssignment.objects.filter(shift__starts_at__year=day.year, shift__starts_at__month=day.month)
        .values("volunteer_id")
        .annotate(n=Count("id"))
    )
    maxed = [r["volunteer_id"] for r in month_counts if r["n"] >= 6]
    return qs.exclude(pk__in=busy).exclude(pk__in=maxed).distinct()


@staff_member_required
def rota(request):
    start = timezone.localdate()
    end = start + datetime.timedelta(days=int(request.GET.get("days", 14)))
    shifts = (
        UsherShift.objects.filter(starts_at__date__range=(start, end))
        .select_related("performance__production")
        .prefetch_related("assignments__volunteer")
    )
    rows = [(s, performance_label(s.performance), s.is_short()) for s in shifts]
    return render(request, "backoffice/rota.html", {"rows": rows, "start": start, "end": end})


@staff_member_required
def create_shifts_for_performance(request, performance_id):
    perf = get_object_or_404(Performance, pk=performance_id)
    template = [("duty_manager", 1, 90), ("usher", 6, 60), ("bar", 2, 75), ("cloakroom", 1, 60)]
    if perf.auditorium.is_unreserved:
        template = [("duty_manager", 1, 60), ("usher", 2, 45)]
    for role, needed, mins_before in template:
        UsherShift.objects.get_or_create(
            performance=perf,
            role=role,
            defaults={
                "needed": needed,
                "starts_at": perf.starts_at - datetime.timedelta(minutes=mins_before),
                "ends_at": perf.starts_at + datetime.timedelta(minutes=(perf.production.running_time_minutes or 150) + 30),
            },
        )
    return redirect("rota")


@staff_member_required
def assign_volunteer(request, shift_id):
    shift = get_object_or_404(UsherShift.objects.select_related("performance"), pk=shift_id)
    if request.method == "POST":
        vol = get_object_or_404(Volunteer, pk=request.POST.get("volunteer"))
        ShiftAssignment.objects.get_or_create(shift=shift, volunteer=vol)
        return redirect("rota")
    return render(request, "backoffice/assign.html", {"shift": shift, "candidates": _available_volunteers(shift)})


def confirm_shift(request, assignment_id):
    """Link from the volunteer's email; no login."""
    a = get_object_or_404(ShiftAssignment, pk=assignment_id)
    answer = request.GET.get("answer")
    if answer in ("yes", "no") and a.status == "offered":
        a.status = "confirmed" if answer == "yes" else "declined"
        a.confirmed_at = timezone.now()
        a.save(update_fields=["status", "confirmed_at"])
    return render(request, "backoffice/shift_confirmed.html", {"assignment": a})
