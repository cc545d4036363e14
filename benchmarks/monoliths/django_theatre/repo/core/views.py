import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.db.models import Count, Min, Prefetch, Q, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import cache_page

from core.forms import ContactPreferenceForm, PatronAddressForm, PatronForm, PatronSearchForm, TrainingRecordForm
from core.models import ContactPreference, Patron, Performance, Production, Season, VolunteerTraining
from core.utils import cached, json_response, normalise_postcode, paginate, performance_label, uk_date
from legacy.models import MailingList


@cached(timeout=120, key_prefix="whatson")
def _on_sale_productions():
    now = timezone.now()
    return list(
        Production.active.filter(status__in=("announced", "on_sale"), performances__starts_at__gte=now)
        .annotate(first_perf=Min("performances__starts_at"))
        .order_by("first_perf")
        .distinct()
    )


def home(request):
    season = Season.objects.filter(is_current=True).first()
    return render(request, "core/home.html", {"season": season, "productions": _on_sale_productions()[:6]})


def whats_on(request):
    productions = _on_sale_productions()
    month = request.GET.get("month")
    if month:
        try:
            year, mon = [int(x) for x in month.split("-")]
            productions = [
                p for p in productions if p.performances.filter(starts_at__year=year, starts_at__month=mon).exists()
            ]
        except ValueError:
            pass
    return render(request, "core/whats_on.html", {"productions": productions, "month": month})


def season_detail(request, code):
    season = get_object_or_404(Season, code__iexact=code)
    productions = season.productions.filter(is_active=True).annotate(n_perfs=Count("performances")).order_by("on_sale_date")
    return render(request, "core/season_detail.html", {"season": season, "productions": productions})


def _production_context(production):
    perfs = (
        production.performances.filter(starts_at__gte=timezone.now())
        .exclude(status=Performance.CANCELLED)
        .select_related("auditorium__venue")
        .prefetch_related("price_bands")
    )
    rows = []
    for perf in perfs:
        prices = [b.price for b in perf.price_bands.all()]
        sold = perf.seats_sold()
        cap = perf.capacity or 1
        rows.append(
            {
                "performance": perf,
                "label": performance_label(perf),
                "from_price": min(prices) if prices else None,
                "availability": "low" if sold / float(cap) > 0.85 else "good",
                "bookable": perf.is_bookable(),
            }
        )
    return {
        "production": production,
        "credits": production.credits.all(),
        "performances": rows,
        "venue": perfs[0].auditorium.venue if perfs else None,
    }


def production_detail(request, slug):
    production = get_object_or_404(Production.active.select_related("season"), slug=slug)
    return render(request, "core/production_detail.html", _production_context(production))


@cache_page(60)
def performance_calendar_json(request):
    start = request.GET.get("start")
    end = request.GET.get("end")
    qs = Performance.objects.select_related("production").exclude(status=Performance.CANCELLED)
    if start:
        qs = qs.filter(starts_at__date__gte=start[:10])
    if end:
        qs = qs.filter(starts_at__date__lte=end[:10])
    events = [
        {
            "id": p.pk,
            "title": p.production.title,
            "start": p.starts_at.isoformat(),
            "url": p.production.get_absolute_url(),
            "sold_out": p.status == Performance.SOLD_OUT,
            "access": [k for k in ("is_relaxed", "is_captioned", "is_bsl", "is_audio_described") if getattr(p, k)],
        }
        for p in qs[:500]
    ]
    return json_response(events)


@staff_member_required
def schedule_grid(request):
    """Week view for the programming team: every performance in every auditorium."""
    start = request.GET.get("start")
    start = datetime.date.fromisoformat(start) if start else timezone.localdate()
    start -= datetime.timedelta(days=start.weekday())
    days = [start + datetime.timedelta(days=i) for i in range(7)]
    perfs = Performance.objects.filter(starts_at__date__range=(days[0], days[-1])).select_related("production", "auditorium")
    grid = {}
    for p in perfs:
        grid.setdefault(p.auditorium.name, {}).setdefault(timezone.localtime(p.starts_at).date(), []).append(p)
    return render(request, "core/schedule_grid.html", {"days": days, "grid": grid, "labels": [uk_date(d) for d in days]})


# ---------------------------------------------------------------------------
# Patrons (CRM-ish)
# ---------------------------------------------------------------------------


@staff_member_required
def patron_search(request):
    form = PatronSearchForm(request.GET or None)
    qs = Patron.objects.none()
    if form.is_valid() and form.cleaned_data["q"]:
        q = form.cleaned_data["q"].strip()
        qs = Patron.objects.all()
        if not form.cleaned_data["include_merged"]:
            qs = qs.filter(merged_into__isnull=True)
        if "@" in q:
            qs = qs.filter(email__iexact=q)
        elif q.replace(" ", "").isdigit():
            qs = qs.filter(Q(phone__contains=q.replace(" ", "")) | Q(legacy_id=q))
        elif len(q) <= 8 and any(c.isdigit() for c in q):
            qs = qs.filter(addresses__postcode=normalise_postcode(q)).distinct()
        else:
            bits = q.split()
            qs = qs.filter(last_name__istartswith=bits[-1])
            if len(bits) > 1:
                qs = qs.filter(first_name__istartswith=bits[0])
    return render(request, "core/patron_search.html", {"form": form, "page": paginate(request, qs)})


@staff_member_required
def patron_detail(request, pk):
    from backoffice.models import Pledge
    from legacy.models import Gift
    from main.models import Membership, Order

    patron = get_object_or_404(Patron, pk=pk)
    if patron.merged_into_id:
        messages.info(request, "This record was merged - showing the surviving record.")
        return redirect("patron-detail", pk=patron.merged_into_id)
    form = PatronForm(request.POST or None, instance=patron)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Saved")
        return redirect("patron-detail", pk=pk)
    orders = Order.objects.filter(patron=patron).order_by("-created")[:20]
    ctx = {
        "patron": patron,
        "form": form,
        "addresses": patron.addresses.all(),
        "orders": orders,
        "lifetime_spend": Order.objects.filter(patron=patron, status="paid").aggregate(t=Sum("total"))["t"],
        "memberships": Membership.objects.filter(patron=patron).select_related("tier"),
        "gifts": Gift.objects.filter(donor=patron)[:10],
        "pledges": Pledge.objects.filter(patron=patron),
        "preferences": ContactPreference.objects.filter(patron=patron).select_related("mailing_list"),
    }
    return render(request, "core/patron_detail.html", ctx)


@staff_member_required
def patron_add_address(request, pk):
    patron = get_object_or_404(Patron, pk=pk)
    form = PatronAddressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        address = form.save(commit=False)
        address.patron = patron
        if address.is_primary:
            patron.addresses.update(is_primary=False)
        address.save()
        return redirect("patron-detail", pk=pk)
    return render(request, "core/patron_address.html", {"patron": patron, "form": form})


@staff_member_required
def patron_merge(request):
    keep_id = request.POST.get("keep") or request.GET.get("keep")
    lose_id = request.POST.get("lose") or request.GET.get("lose")
    keep = get_object_or_404(Patron, pk=keep_id)
    lose = get_object_or_404(Patron, pk=lose_id)
    if request.method == "POST" and request.POST.get("confirm"):
        if keep.pk == lose.pk:
            messages.error(request, "Can't merge a patron into itself")
        else:
            lose.merge_into(keep)
            messages.success(request, "Merged %s into %s" % (lose.pk, keep.pk))
        return redirect("patron-detail", pk=keep.pk)
    return render(request, "core/patron_merge.html", {"keep": keep, "lose": lose})


def update_contact_preferences(request, pk):
    patron = get_object_or_404(Patron, pk=pk)
    if not request.user.is_staff and getattr(request.user, "patron", None) != patron:
        return redirect("home")
    form = ContactPreferenceForm(request.POST or None, initial=ContactPreferenceForm.initial_for(patron))
    if request.method == "POST" and form.is_valid():
        source = "staff" if request.user.is_staff else "web"
        news = MailingList.objects.filter(slug="news").first()
        members = MailingList.objects.filter(slug=settings.MEMBERS_MAILING_LIST_SLUG).first()
        mapping = [
            ("email_news", "email", news),
            ("email_members", "email", members),
            ("post", "post", None),
            ("phone", "phone", None),
            ("sms", "sms", None),
        ]
        for field, channel, mlist in mapping:
            ContactPreference.objects.update_or_create(
                patron=patron,
                channel=channel,
                mailing_list=mlist,
                defaults={"opted_in": form.cleaned_data[field], "source": source, "changed_at": timezone.now()},
            )
        messages.success(request, "Preferences updated")
        return redirect("patron-detail", pk=pk) if request.user.is_staff else redirect("home")
    return render(request, "core/contact_preferences.html", {"patron": patron, "form": form})


# ---------------------------------------------------------------------------
# Volunteer training matrix (FOH manager asked for it here, not in backoffice)
# ---------------------------------------------------------------------------


@staff_member_required
def training_matrix(request):
    from legacy.models import Volunteer

    volunteers = Volunteer.objects.filter(is_active=True).prefetch_related(
        Prefetch("training", queryset=VolunteerTraining.objects.order_by("course", "-completed_on"))
    )
    courses = [c for c, _ in VolunteerTraining.COURSES]
    today = timezone.localdate()
    matrix = []
    for vol in volunteers:
        latest = {}
        for rec in vol.training.all():
            latest.setdefault(rec.course, rec)
        matrix.append((vol, [(c, latest.get(c), latest.get(c) and latest[c].is_current(today)) for c in courses]))
    form = TrainingRecordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect("training-matrix")
    return render(request, "core/training_matrix.html", {"matrix": matrix, "courses": courses, "form": form})
