from datetime import timedelta

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from common.decorators import club_from_session, in_group, staff_only
from common.utils import month_bounds, parse_date, percent, today
from core.models import Club, Member
from dashboard import reports, training
from dashboard.forms import CampaignForm, LeadForm, PTBookForm, SellPTForm
from dashboard.models import Campaign, Lead, PTPackage, PTSession, Trainer
from legacy.models import CheckIn
from legacy.turnstile import current_occupancy


@staff_only
def home(request):
    clubs = []
    for club in Club.objects.filter(active=True):
        occ = current_occupancy(club)
        clubs.append({"club": club, "in_now": occ, "pct": percent(occ, club.capacity),
                      "visits_today": CheckIn.objects.filter(club=club, granted=True,
                                                             at__date=today()).count(),
                      "denied_today": CheckIn.objects.filter(club=club, granted=False,
                                                             at__date=today()).count()})
    return render(request, "dashboard/home.html", {"clubs": clubs})


@in_group("managers", "finance")
@club_from_session
def revenue(request):
    start, end = month_bounds(parse_date(request.GET.get("month")))
    return render(request, "dashboard/revenue.html", {
        "rows": reports.revenue_by_kind(start, end, request.club.pk),
        "arrears": reports.arrears(request.club.pk), "start": start, "end": end})


@in_group("managers")
def churn_report(request):
    return render(request, "dashboard/churn.html",
                  {"rows": reports.churn(parse_date(request.GET.get("month")))})


@in_group("managers")
@club_from_session
def visits_report(request):
    end = today()
    start = end - timedelta(days=int(request.GET.get("days", 28)))
    return render(request, "dashboard/visits.html", {
        "rows": reports.visits_by_hour(request.club.pk, start, end), "club": request.club})


@in_group("managers")
@club_from_session
def class_report(request):
    end = today()
    start = end - timedelta(days=28)
    rows = reports.class_fill(request.club.pk, start, end)
    for r in rows:
        r["fill"] = percent(r["attended"], r["places"])
    return render(request, "dashboard/classes.html", {"rows": rows, "club": request.club})


@in_group("managers")
@club_from_session
def retail_report(request):
    return render(request, "dashboard/retail.html", {
        "rows": reports.retail_margin(request.club.pk, parse_date(request.GET.get("month"))),
        "club": request.club})


# ---------------------------------------------------------------- PT


@staff_only
@club_from_session
def trainers(request):
    return render(request, "dashboard/trainers.html", {
        "trainers": training.active_trainers(request.club),
        "league": reports.pt_league(request.club.pk, *month_bounds())})


@staff_only
def trainer_diary(request, trainer_id):
    trainer = get_object_or_404(Trainer, pk=trainer_id)
    day = parse_date(request.GET.get("day"), today())
    sessions = trainer.pt_sessions.filter(starts_at__date=day).select_related("member")
    return render(request, "dashboard/diary.html", {
        "trainer": trainer, "day": day, "sessions": sessions,
        "free": training.free_slots(trainer, day)})


@in_group("managers", "trainers")
def sell_pt(request):
    form = SellPTForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        member = get_object_or_404(Member, member_no=form.cleaned_data["member_no"])
        pkg = training.sell_package(member, form.cleaned_data["trainer"],
                                    form.cleaned_data["sessions"], form.cleaned_data["price"])
        messages.success(request, "Sold, invoice %s" % pkg.invoice.number)
        return redirect("pt_package", pk=pkg.pk)
    return render(request, "dashboard/sell_pt.html", {"form": form})


@in_group("managers", "trainers")
def pt_package(request, pk):
    pkg = get_object_or_404(PTPackage, pk=pk)
    form = PTBookForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            training.book_session(pkg, form.cleaned_data["starts_at"],
                                  int(form.cleaned_data["minutes"]))
        except training.PTError as e:
            form.add_error(None, str(e))
        else:
            return redirect("pt_package", pk=pk)
    return render(request, "dashboard/pt_package.html", {"package": pkg, "form": form})


@in_group("managers", "trainers")
def pt_complete(request, session_id):
    s = get_object_or_404(PTSession, pk=session_id)
    if request.method == "POST":
        training.complete_session(s, request.POST.get("status", "done"),
                                  request.POST.get("notes", ""))
    return redirect("trainer_diary", trainer_id=s.trainer_id)


# ---------------------------------------------------------------- marketing


@in_group("marketing", "managers")
def campaigns(request):
    return render(request, "dashboard/campaigns.html",
                  {"campaigns": Campaign.objects.order_by("-id")[:50]})


@in_group("marketing")
def campaign_edit(request, pk=None):
    campaign = get_object_or_404(Campaign, pk=pk) if pk else None
    form = CampaignForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        c = form.save(commit=False)
        c.created_by = c.created_by or request.user
        c.save()
        form.save_m2m()
        return redirect("campaigns")
    return render(request, "dashboard/campaign_edit.html", {"form": form})


@in_group("marketing", "managers", "desk")
def leads(request):
    form = LeadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect("leads")
    qs = Lead.objects.exclude(status__in=["won", "lost"]).order_by("follow_up_on")
    return render(request, "dashboard/leads.html", {"leads": qs, "form": form,
                                                    "overdue": qs.filter(follow_up_on__lt=today())})


@in_group("marketing", "managers", "desk")
def lead_won(request, pk):
    lead = get_object_or_404(Lead, pk=pk)
    member = Member.objects.filter(email__iexact=lead.email).order_by("-created").first()
    lead.status = "won" if member else "lost"
    lead.converted_member = member
    lead.save()
    return redirect("leads")
