import logging

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from core import services
from core.models import Donation, Supporter
from crm.models import DirectDebitMandate
from crm.recurring import create_recurring_gift
from ops import bookings
from ops.models import Event
from utils.gateway import GatewayError
from web import shop
from web.forms import (DonateForm, DirectDebitForm, CheckoutForm, BookingForm, PreferencesForm,
                       SupporterRegisterForm)
from web.models import DonationPage, Product, ProductVariant, SupporterAccount

log = logging.getLogger(__name__)


def home(request):
    pages = DonationPage.objects.filter(live=True).select_related("campaign")[:3]
    return render(request, "web/home.html", {"pages": pages})


def appeal_page(request, slug):
    page = get_object_or_404(DonationPage, slug=slug, live=True)
    return render(request, "web/appeal.html", {"page": page, "campaign": page.campaign,
                                               "form": DonateForm()})


def _supporter_from_form(d, source):
    supporter, created = services.find_or_create_supporter(d["first_name"], d["last_name"],
                                                           d["email"], d["postcode"], source=source)
    if created or not supporter.primary_address():
        services.add_address(supporter, d["line1"], d["town"], d["postcode"])
    if d.get("email_opt_in"):
        services.set_contact_preference(supporter, "email", True, "web donate form")
    return supporter


def donate(request, slug=None):
    page = get_object_or_404(DonationPage, slug=slug) if slug else None
    form = DonateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        supporter = _supporter_from_form(d, "web")
        if d["gift_aid"]:
            services.record_declaration(supporter, method="online")
        try:
            donation = services.take_card_donation(supporter, d["amount"], d["card_token"],
                                                   page.campaign.code if page else None)
        except GatewayError as e:
            messages.error(request, "Your payment was declined: %s" % e)
        else:
            request.session["last_donation"] = donation.pk
            return redirect("donate_thanks")
    return render(request, "web/donate.html", {"form": form, "page": page})


def donate_thanks(request):
    donation = Donation.objects.filter(pk=request.session.get("last_donation")).first()
    return render(request, "web/donate_thanks.html", {"donation": donation})


def regular_gift_signup(request):
    form = DirectDebitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        supporter = _supporter_from_form(d, "web-dd")
        mandate = DirectDebitMandate.objects.create(
            supporter=supporter, reference="HT%s" % supporter.ref[1:],
            account_name=d["account_name"], sort_code_last2=d["sort_code"][-2:],
            account_last4=d["account_number"][-4:])
        create_recurring_gift(supporter, d["amount"], mandate, day=d["collection_day"])
        if d["gift_aid"]:
            services.record_declaration(supporter, method="online")
        return render(request, "web/dd_thanks.html", {"supporter": supporter})
    return render(request, "web/regular_gift.html", {"form": form})


def shop_index(request):
    products = Product.objects.filter(active=True).prefetch_related("variants")
    return render(request, "web/shop.html", {"products": products})


def product_detail(request, sku):
    product = get_object_or_404(Product, sku=sku, active=True)
    if request.method == "POST":
        variant = get_object_or_404(ProductVariant, pk=request.POST["variant"], product=product)
        shop.add_to_basket(shop.get_basket(request), variant, int(request.POST.get("qty", 1)))
        return redirect("basket")
    return render(request, "web/product.html", {"product": product})


def basket(request):
    order = shop.get_basket(request, create=False)
    return render(request, "web/basket.html", {"order": order})


def checkout(request):
    order = shop.get_basket(request, create=False)
    if not order or not order.lines.exists():
        return redirect("shop_index")
    form = CheckoutForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            shop.checkout(order, form.cleaned_data, form.cleaned_data["card_token"])
        except shop.OutOfStock as e:
            messages.error(request, "Sorry, %s is out of stock" % e)
        except GatewayError as e:
            messages.error(request, "Payment declined: %s" % e)
        else:
            return render(request, "web/order_thanks.html", {"order": order})
    return render(request, "web/checkout.html", {"form": form, "order": order})


def event_list(request):
    events = Event.objects.filter(published=True, closed=False, starts__gte=timezone.now())
    return render(request, "web/events.html", {"events": events})


def event_book(request, slug):
    event = get_object_or_404(Event, slug=slug, published=True)
    if event.closed:
        raise Http404
    ticket_types = list(event.tickettype_set.all())
    form = BookingForm(request.POST or None, ticket_types=ticket_types)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        lines = [(tt, d.get("qty_%d" % tt.pk) or 0) for tt in ticket_types]
        lines = [(tt, q) for tt, q in lines if q]
        names = [n.strip() for n in d["attendee_names"].splitlines() if n.strip()]
        try:
            booking = bookings.create_booking(event, d, lines, d.get("card_token"), names)
        except bookings.SoldOut as e:
            messages.error(request, "%s tickets are sold out" % e)
        except GatewayError as e:
            messages.error(request, "Payment declined: %s" % e)
        else:
            return render(request, "web/booking_thanks.html", {"booking": booking})
    return render(request, "web/event_book.html", {"event": event, "form": form})


def account_register(request):
    form = SupporterRegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        supporter = Supporter.objects.filter(ref=d["supporter_ref"].upper(),
                                             email__iexact=d["email"]).first()
        if supporter is None:
            form.add_error(None, "We couldn't match those details")
        else:
            user = User.objects.create_user(d["email"], d["email"], d["password"])
            SupporterAccount.objects.create(user=user, supporter=supporter)
            login(request, user)
            return redirect("account_home")
    return render(request, "web/account_register.html", {"form": form})


@login_required(login_url="/account/login/")
def account_home(request):
    account = get_object_or_404(SupporterAccount, user=request.user)
    account.last_seen = timezone.now()
    account.save(update_fields=["last_seen"])
    supporter = account.supporter
    return render(request, "web/account.html", {
        "supporter": supporter,
        "gifts": Donation.objects.filter(supporter=supporter, refunded=False)[:24],
        "regular": supporter.recurringgift_set.filter(status="active"),
    })


@login_required(login_url="/account/login/")
def account_preferences(request):
    supporter = get_object_or_404(SupporterAccount, user=request.user).supporter
    initial = {p.channel: p.opted_in for p in supporter.contactpreference_set.all()}
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        for channel, opted in form.cleaned_data.items():
            services.set_contact_preference(supporter, channel, opted, "My Giving portal")
        messages.success(request, "Preferences saved")
        return redirect("account_home")
    return render(request, "web/preferences.html", {"form": form})
