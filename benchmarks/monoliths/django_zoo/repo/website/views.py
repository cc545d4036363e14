"""
Public website. Originally a couple of pages; now anything the public can
do online ends up here. Split it up one day (ZOO-101, opened 2018).
"""
import datetime
import hashlib
import hmac
import json
import logging
from decimal import Decimal

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, F, Prefetch, Q, Sum
from django.http import (Http404, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect,
                         JsonResponse)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_page
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, FormView, ListView

from animals.models import Animal, Species
from backoffice.models import Enclosure, MaintenanceJob
from core.forms import next_member_number
from core.models import (Adoption, DailyCapacity, Donation, GiftAidDeclaration, Member,
                         Membership, MembershipPlan, Ticket, TicketOrder)
from core.views import make_barcode
from utils.dates import add_months, season_for, today_local
from utils.helpers import (animal_age_display, calculate_ticket_price, client_ip,
                           family_ticket_saving, generate_reference, send_templated_email)
from utils.money import format_money, to_pence
from website.forms import (EventBookingForm, MemberSignupForm, OnlineAdoptionForm,
                           OnlineDonationForm, OnlineTicketForm, SchoolVisitEnquiryForm)
from website.models import Event, EventBooking, KeeperTalk, LearningResource, SchoolVisit

log = logging.getLogger(__name__)


class PaymentGateway(object):
    """Thin client for the card payment provider's hosted checkout."""

    def __init__(self, api_key=None, base_url=None):
        self.api_key = api_key or getattr(settings, "PAYMENT_API_KEY", "")
        self.base_url = base_url or getattr(settings, "PAYMENT_BASE_URL", "https://pay.example/api")

    def create_checkout(self, reference, amount, description, return_url):
        r = requests.post(self.base_url + "/checkouts", timeout=15, json={
            "reference": reference, "amount": to_pence(amount), "currency": "GBP",
            "description": description, "return_url": return_url,
        }, headers={"Authorization": "Bearer %s" % self.api_key})
        r.raise_for_status()
        return r.json()["redirect_url"]

    def verify_signature(self, body, signature):
        secret = getattr(settings, "PAYMENT_WEBHOOK_SECRET", "").encode()
        expected = hmac.new(secret, body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, signature or "")


# ---------------------------------------------------------------------------
# Home / what's on
# ---------------------------------------------------------------------------

@cache_page(60 * 5)
def home(request):
    today = today_local()
    talks = [t for t in KeeperTalk.objects.filter(active=True).select_related("enclosure")
             if t.runs_on(today) and (not t.season or t.season == season_for(today))]
    ctx = {
        "events": Event.objects.upcoming()[:4],
        "talks": talks,
        "featured": (Animal.objects.adoptable().select_related("species")
                     .order_by("-adopter_count")[:6]),
    }
    return render(request, "website/home.html", ctx)


def opening_times(request):
    today = today_local()
    days = []
    for i in range(14):
        d = today + datetime.timedelta(days=i)
        cap = DailyCapacity.objects.filter(date=d).first()
        days.append({"date": d, "season": season_for(d),
                     "closed": bool(cap and cap.closed),
                     "reason": cap.closed_reason if cap else "",
                     "busy": bool(cap and cap.sold > cap.capacity * 0.8)})
    return render(request, "website/opening_times.html", {"days": days})


def enclosure_closures(request):
    """'Some areas closed today' notice on the visitor map."""
    closed = (Enclosure.objects.filter(is_public=True)
              .filter(Q(status__in=("closed", "maintenance"))
                      | Q(jobs__requires_animal_move=True, jobs__status="in_progress"))
              .distinct().order_by("zone"))
    return render(request, "website/closures.html", {"closed": closed})


# ---------------------------------------------------------------------------
# Tickets
# ---------------------------------------------------------------------------

class BuyTicketsView(FormView):
    template_name = "website/buy_tickets.html"
    form_class = OnlineTicketForm

    def form_valid(self, form):
        visit_date = form.cleaned_data["visit_date"]
        cap = DailyCapacity.for_date(visit_date)
        heads = sum(tt.headcount * q for tt, q in form.quantities())
        if cap.closed or cap.remaining < heads:
            form.add_error("visit_date", "Sorry, we are sold out on that day")
            return self.form_invalid(form)
        with transaction.atomic():
            order = TicketOrder.objects.create(
                visit_date=visit_date, name=form.cleaned_data["name"],
                email=form.cleaned_data["email"], channel="web",
                donation_added=form.cleaned_data.get("donation") or 0,
                member=Member.objects.filter(email__iexact=form.cleaned_data["email"]).first(),
            )
            tickets = []
            for tt, qty in form.quantities():
                unit = calculate_ticket_price(tt, visit_date, 1, online=True)
                tickets += [Ticket(order=order, ticket_type=tt, barcode=make_barcode(),
                                   price=unit, visit_date=visit_date) for _ in range(qty)]
            Ticket.objects.bulk_create(tickets)
            order.recalc_total()
            order.save()
        url = PaymentGateway().create_checkout(
            order.reference, order.total, "Wildwood tickets %s" % visit_date,
            self.request.build_absolute_uri(reverse("website:order_done", args=[order.reference])))
        return HttpResponseRedirect(url)


def ticket_quote(request):
    """AJAX price preview on the ticket page."""
    form = OnlineTicketForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors}, status=400)
    d = form.cleaned_data["visit_date"]
    total = sum(calculate_ticket_price(tt, d, q, online=True) for tt, q in form.quantities())
    qmap = dict((tt.category, q) for tt, q in form.quantities())
    saving = family_ticket_saving(qmap.get("adult", 0), qmap.get("child", 0), d)
    return JsonResponse({"total": format_money(total),
                         "family_saving": format_money(saving) if saving else None})


def order_done(request, reference):
    order = get_object_or_404(TicketOrder, reference=reference)
    return render(request, "website/order_done.html",
                  {"order": order, "tickets": order.tickets.select_related("ticket_type")})


@csrf_exempt
@require_POST
def payment_webhook(request):
    """Payment provider calls this for EVERYTHING we sell online. Dispatch on prefix."""
    gw = PaymentGateway()
    if not gw.verify_signature(request.body, request.headers.get("X-Signature")):
        log.warning("bad webhook signature from %s", client_ip(request))
        return HttpResponseBadRequest("bad signature")
    payload = json.loads(request.body)
    ref, status, pay_ref = payload["reference"], payload["status"], payload.get("payment_id", "")
    if status != "succeeded":
        return HttpResponse("ignored")
    if ref.startswith("WW-"):
        _confirm_ticket_order(ref, pay_ref)
    elif ref.startswith("MB-"):
        _confirm_membership(ref, pay_ref)
    elif ref.startswith("EV-"):
        _confirm_event_booking(ref, pay_ref)
    elif ref.startswith("AD-") or ref.startswith("DN-"):
        pass  # adoptions/donations are recorded up front, nothing to do
    else:
        log.error("unknown payment reference %s", ref)
    return HttpResponse("ok")


def _confirm_ticket_order(ref, pay_ref):
    order = TicketOrder.objects.filter(reference=ref).first()
    if order and order.status == TicketOrder.STATUS_PENDING:
        order.mark_paid(pay_ref)


def _confirm_membership(ref, pay_ref):
    ms_id = int(ref.split("-")[1])
    Membership.objects.filter(pk=ms_id, status="pending").update(status="active")
    ms = Membership.objects.select_related("member").get(pk=ms_id)
    send_templated_email("emails/membership_welcome", ms.member.email,
                         {"membership": ms, "member": ms.member})


def _confirm_event_booking(ref, pay_ref):
    EventBooking.objects.filter(reference=ref, status="pending").update(
        status="confirmed", payment_ref=pay_ref)


# ---------------------------------------------------------------------------
# Animals
# ---------------------------------------------------------------------------

@cache_page(60 * 15)
def animal_directory(request):
    species = (Species.objects.filter(animals__status="active")
               .annotate(n=Count("animals")).order_by("common_name"))
    return render(request, "website/animals.html", {"species": species})


def animal_profile(request, pk):
    animal = get_object_or_404(Animal.objects.select_related("species", "enclosure"),
                               pk=pk, status__in=("active", "offshow"))
    ctx = {
        "animal": animal,
        "age": animal_age_display(animal),
        "can_adopt": animal.is_adoptable,
        "adopters": animal.adopter_count,
    }
    return render(request, "website/animal_profile.html", ctx)


# ---------------------------------------------------------------------------
# Support us: adoption, membership, donations
# ---------------------------------------------------------------------------

def adopt_animal(request, pk):
    animal = get_object_or_404(Animal.objects.adoptable(), pk=pk)
    form = OnlineAdoptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        member = Member.objects.filter(email__iexact=data["adopter_email"]).first()
        adoption = Adoption.objects.create(
            animal=animal, member=member, adopter_name=data["adopter_name"],
            adopter_email=data["adopter_email"], package=data["package"],
            amount=Adoption.PACKAGE_PRICES[data["package"]],
            is_gift=data["is_gift"], gift_message=data["gift_message"])
        url = PaymentGateway().create_checkout(
            "AD-%d" % adoption.pk, adoption.amount, "Adopt %s" % animal.name,
            request.build_absolute_uri(reverse("website:thanks")))
        return HttpResponseRedirect(url)
    return render(request, "website/adopt.html", {"animal": animal, "form": form})


def join_membership(request):
    form = MemberSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        with transaction.atomic():
            member = Member.objects.filter(email__iexact=d["email"]).first()
            if member is None:
                member = Member.objects.create(
                    member_number=next_member_number(), first_name=d["first_name"],
                    last_name=d["last_name"], email=d["email"], address_line1=d["address_line1"],
                    town=d["town"], postcode=d["postcode"].upper(),
                    marketing_opt_in=d["marketing_opt_in"])
            if d["gift_aid"]:
                GiftAidDeclaration.objects.create(member=member, full_name=member.full_name,
                                                  house_number=d["address_line1"].split(" ")[0],
                                                  postcode=member.postcode)
            plan = d["plan"]
            start = today_local()
            ms = Membership.objects.create(
                member=member, plan=plan, start_date=start,
                end_date=add_months(start, plan.duration_months) - datetime.timedelta(days=1),
                status="pending", price_paid=plan.price, auto_renew=d["auto_renew"],
                guest_passes_left=plan.guest_passes)
        url = PaymentGateway().create_checkout(
            "MB-%d" % ms.pk, plan.price, plan.name,
            request.build_absolute_uri(reverse("website:thanks")))
        return HttpResponseRedirect(url)
    plans = MembershipPlan.objects.filter(active=True).order_by("price")
    return render(request, "website/join.html", {"form": form, "plans": plans})


def donate(request):
    form = OnlineDonationForm(request.POST or None, initial={"appeal_code": request.GET.get("appeal", "")})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        donation = Donation.objects.create(
            donor_name=d["name"], donor_email=d["email"], amount=d["amount"], source="web",
            appeal_code=d.get("appeal_code") or "", gift_aid_eligible=d["gift_aid"],
            member=Member.objects.filter(email__iexact=d["email"]).first())
        url = PaymentGateway().create_checkout(
            "DN-%d" % donation.pk, donation.amount, "Donation",
            request.build_absolute_uri(reverse("website:thanks")))
        return HttpResponseRedirect(url)
    return render(request, "website/donate.html", {"form": form})


@login_required
def member_area(request):
    member = get_object_or_404(Member, user=request.user)
    ctx = {
        "member": member,
        "membership": member.current_membership(),
        "adoptions": member.adoptions.select_related("animal").filter(cancelled=False),
        "bookings": (EventBooking.objects.filter(member=member)
                     .select_related("event").order_by("-event__starts_at")[:10]),
        "donated": member.donations.aggregate(t=Sum("amount"))["t"] or 0,
    }
    return render(request, "website/member_area.html", ctx)


# ---------------------------------------------------------------------------
# Events, talks and learning
# ---------------------------------------------------------------------------

class EventListView(ListView):
    template_name = "website/events.html"
    paginate_by = 12

    def get_queryset(self):
        qs = Event.objects.upcoming().select_related("enclosure")
        if self.request.GET.get("type"):
            qs = qs.filter(event_type=self.request.GET["type"])
        return qs


class EventDetailView(DetailView):
    template_name = "website/event_detail.html"
    slug_field = "slug"

    def get_queryset(self):
        return Event.objects.filter(published=True)


def book_event(request, slug):
    event = get_object_or_404(Event, slug=slug, published=True)
    form = EventBookingForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        booking = form.save(commit=False)
        booking.event = event
        booking.member = Member.objects.filter(email__iexact=booking.email).first()
        is_member = bool(booking.member and booking.member.current_membership())
        unit = event.member_price if (is_member and event.member_price is not None) else event.price
        booking.total = unit * booking.quantity
        booking.reference = generate_reference("EV")
        if booking.total == 0:
            booking.status = "confirmed"
            booking.save()
            send_templated_email("emails/event_booking", booking.email, {"booking": booking})
            return redirect("website:thanks")
        booking.save()
        url = PaymentGateway().create_checkout(
            booking.reference, booking.total, event.title,
            request.build_absolute_uri(reverse("website:thanks")))
        return HttpResponseRedirect(url)
    return render(request, "website/book_event.html", {"event": event, "form": form})


def keeper_talks_today(request):
    today = today_local()
    talks = (KeeperTalk.objects.filter(active=True)
             .select_related("enclosure", "keeper").order_by("talk_time"))
    talks = [t for t in talks if t.runs_on(today)]
    if request.GET.get("format") == "json":
        return JsonResponse({"talks": [{"time": t.talk_time.strftime("%H:%M"), "title": t.title,
                                        "where": t.enclosure.name} for t in talks]})
    return render(request, "website/talks.html", {"talks": talks})


def school_visit_enquiry(request):
    form = SchoolVisitEnquiryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        visit = form.save(commit=False)
        visit.calc_total()
        visit.save()
        send_templated_email("emails/school_enquiry", "education@wildwoodpark.example",
                             {"visit": visit})
        return redirect("website:thanks")
    return render(request, "website/schools.html", {"form": form})


def learning_resources(request):
    qs = LearningResource.objects.filter(published=True).select_related("species")
    if request.GET.get("ks"):
        qs = qs.filter(key_stage=request.GET["ks"])
    return render(request, "website/resources.html", {"resources": qs.order_by("topic", "title")})


def download_resource(request, pk):
    res = get_object_or_404(LearningResource, pk=pk, published=True)
    res.record_download()
    return HttpResponseRedirect(res.file.url)


def thanks(request):
    return render(request, "website/thanks.html")
