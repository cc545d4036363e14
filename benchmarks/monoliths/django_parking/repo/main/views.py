import logging

from django.contrib import messages
from django.contrib.auth import authenticate, get_user_model, login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST
from django.views.generic import UpdateView

from backoffice.models import Appeal, PermitApplication, PermitDocument
from main import services
from main.forms import (
    ChallengeForm, ExtendSessionForm, PayPenaltyForm, PermitApplicationForm, RegistrationForm,
    StartSessionForm, TariffLookupForm, VehicleForm, VisitorVoucherForm,
)
from main.models import (
    CarPark, Customer, NotificationPreference, ParkingSession, PenaltyNotice, Permit, Vehicle,
    VisitorVoucher,
)
from shared.decorators import cached_for, ratelimit
from shared.utils import format_money, generate_reference, normalise_vrm

log = logging.getLogger(__name__)


def home(request):
    carparks = CarPark.objects.filter(is_open=True).exclude(kind=CarPark.ON_STREET)
    return render(request, "main/home.html", {"carparks": carparks})


def carpark_detail(request, code):
    carpark = get_object_or_404(CarPark, code=code)
    tariffs = []
    for zone in carpark.zones.all():
        tariffs.extend(zone.tariffs.filter(is_active=True).prefetch_related("bands"))
    return render(request, "main/carpark_detail.html", {
        "carpark": carpark, "tariffs": tariffs, "free": carpark.free_spaces()})


@cached_for(30, key_prefix="occ")
def _occupancy_payload():
    data = []
    for cp in CarPark.objects.filter(is_open=True, has_sensors=True):
        data.append({"code": cp.code, "name": cp.name, "free": cp.free_spaces(),
                     "capacity": cp.capacity})
    return data


def carpark_occupancy_json(request):
    return JsonResponse({"carparks": _occupancy_payload()})


@login_required
def start_session(request):
    customer = request.user.customer
    form = StartSessionForm(customer, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.start_parking_session(
                customer, form.cleaned_data["vehicle"], form.cleaned_data["location_code"],
                form.cleaned_data["minutes"], token=form.cleaned_data["card_token"], channel="web")
        except services.SessionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "You're parked until %s" % session.expires_at.strftime("%H:%M"))
            return redirect("main:my_sessions")
    return render(request, "main/start_session.html", {"form": form})


@login_required
def extend_session(request, reference):
    session = get_object_or_404(ParkingSession, reference=reference, customer=request.user.customer)
    form = ExtendSessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.extend_parking_session(session, form.cleaned_data["minutes"],
                                            token=form.cleaned_data["card_token"])
            messages.success(request, "Session extended")
            return redirect("main:my_sessions")
        except services.SessionError as exc:
            form.add_error(None, str(exc))
    return render(request, "main/extend_session.html", {"form": form, "session": session})


@login_required
def my_sessions(request):
    customer = request.user.customer
    sessions = (ParkingSession.objects.filter(customer=customer)
                .select_related("location", "zone").order_by("-started_at")[:50])
    return render(request, "main/my_sessions.html", {"sessions": sessions})


@login_required
def session_receipt(request, reference):
    session = get_object_or_404(ParkingSession, reference=reference, customer=request.user.customer)
    return render(request, "main/receipt.html", {
        "session": session, "total": format_money(session.price_pence),
        "extensions": session.extensions.all()})


@login_required
def apply_for_permit(request):
    customer = request.user.customer
    form = PermitApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        vehicle, _ = Vehicle.objects.get_or_create(vrm=data["vrm"], customer=customer)
        application = PermitApplication.objects.create(
            reference=generate_reference("PA", 8), customer=customer, vehicle=vehicle,
            permit_type=data["permit_type"], zone=data["zone"],
            address_line1=data["address_line1"], postcode=data["postcode"],
            status="review" if data.get("proof_of_address") else "docs")
        if data.get("proof_of_address"):
            PermitDocument.objects.create(application=application, kind="council_tax",
                                          file=data["proof_of_address"])
        if data.get("v5c"):
            PermitDocument.objects.create(application=application, kind="v5c", file=data["v5c"])
        return redirect("main:permit_status", ref=application.reference)
    return render(request, "main/apply_permit.html", {"form": form})


@login_required
def permit_status(request, ref):
    application = PermitApplication.objects.filter(reference=ref, customer=request.user.customer).first()
    permit = application.permit if application else Permit.objects.filter(
        reference=ref, customer=request.user.customer).first()
    if application is None and permit is None:
        raise Http404
    return render(request, "main/permit_status.html", {"application": application, "permit": permit})


@login_required
def buy_visitor_vouchers(request, permit_ref):
    permit = get_object_or_404(Permit, reference=permit_ref, customer=request.user.customer,
                               status="active")
    form = VisitorVoucherForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        qty = form.cleaned_data["quantity"]
        price = 120 * qty
        try:
            payment = services.take_payment(permit.customer, price, "voucher",
                                            token=form.cleaned_data["card_token"])
        except services.PaymentFailed as exc:
            form.add_error(None, "Payment declined: %s" % exc)
        else:
            for _ in range(qty):
                VisitorVoucher.objects.create(permit=permit, code=generate_reference("V", 8),
                                              price_pence=120)
            log.info("sold %d vouchers on %s (payment %s)", qty, permit.reference, payment.reference)
            return redirect("main:permit_status", ref=permit.reference)
    return render(request, "main/visitor_vouchers.html", {"form": form, "permit": permit})


def legacy_permit_renewal(request, ref):
    # old renewal link from the 2018 reminder letters, now just redirects
    return redirect("main:permit_status", ref=ref)


@ratelimit(per_minute=10)
def pay_penalty(request):
    form = PayPenaltyForm(request.POST or None)
    pcn = None
    if request.method == "POST" and form.is_valid():
        pcn = PenaltyNotice.objects.filter(pcn_ref=form.cleaned_data["pcn_ref"],
                                           vrm=form.cleaned_data["vrm"]).first()
        if pcn is None:
            form.add_error(None, "We can't find that PCN. Check the number and registration.")
        elif form.cleaned_data.get("card_token"):
            try:
                services.pay_penalty_notice(pcn, form.cleaned_data["card_token"])
                return render(request, "main/pcn_paid.html", {"pcn": pcn})
            except (ValueError, services.PaymentFailed) as exc:
                form.add_error(None, str(exc))
    return render(request, "main/pay_penalty.html", {
        "form": form, "pcn": pcn, "amount": format_money(pcn.current_amount()) if pcn else None})


def challenge_penalty(request, pcn_ref):
    pcn = get_object_or_404(PenaltyNotice, pcn_ref=pcn_ref)
    if pcn.status in ("paid", "cancelled", "debt"):
        messages.error(request, "This PCN can no longer be challenged online")
        return redirect("main:pay_penalty")
    form = ChallengeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        stage = "formal" if pcn.status == "nto" else "informal"
        Appeal.objects.create(penalty_notice=pcn, stage=stage, grounds=form.cleaned_data["grounds"],
                              appellant_name=form.cleaned_data["name"],
                              appellant_email=form.cleaned_data["email"])
        pcn.status = "challenged"
        pcn.save(update_fields=["status", "updated_at"])
        return render(request, "main/challenge_received.html", {"pcn": pcn})
    return render(request, "main/challenge.html", {"form": form, "pcn": pcn})


def register(request):
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = get_user_model().objects.create_user(
            username=data["email"], email=data["email"], password=data["password1"],
            first_name=data["first_name"], last_name=data["last_name"])
        customer = Customer.objects.create(
            user=user, account_ref=generate_reference("C", 8), first_name=data["first_name"],
            last_name=data["last_name"], email=data["email"], phone=data["phone"],
            marketing_opt_in=data["marketing_opt_in"])
        NotificationPreference.objects.create(customer=customer)
        if data.get("vrm"):
            Vehicle.objects.create(customer=customer, vrm=data["vrm"])
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("main:my_vehicles")
    return render(request, "main/register.html", {"form": form})


def login_view(request):
    error = None
    if request.method == "POST":
        user = authenticate(request, username=request.POST.get("username", "").strip(),
                            password=request.POST.get("password", ""))
        if user is not None:
            login(request, user)
            return redirect(request.GET.get("next") or "main:my_sessions")
        error = "Wrong e-mail/registration or password"
    return render(request, "main/login.html", {"error": error})


def logout_view(request):
    logout(request)
    return redirect("main:home")


@login_required
def my_vehicles(request):
    vehicles = request.user.customer.vehicles.all()
    return render(request, "main/my_vehicles.html", {"vehicles": vehicles, "form": VehicleForm()})


@login_required
@require_POST
def add_vehicle(request):
    form = VehicleForm(request.POST)
    if form.is_valid():
        vehicle = form.save(commit=False)
        vehicle.customer = request.user.customer
        vehicle.save()
    else:
        messages.error(request, "; ".join(e for errs in form.errors.values() for e in errs))
    return redirect("main:my_vehicles")


@login_required
@require_POST
def remove_vehicle(request, pk):
    vehicle = get_object_or_404(Vehicle, pk=pk, customer=request.user.customer)
    if vehicle.permits.filter(status="active").exists():
        messages.error(request, "That vehicle has an active permit, cancel it first")
    else:
        vehicle.customer = None  # keep the row, sessions and PCNs point at it
        vehicle.save()
    return redirect("main:my_vehicles")


class AccountSettingsView(LoginRequiredMixin, UpdateView):
    model = Customer
    fields = ["first_name", "last_name", "phone", "address_line1", "address_line2", "town",
              "postcode", "marketing_opt_in"]
    template_name = "main/account_settings.html"
    success_url = reverse_lazy("main:account_settings")

    def get_object(self, queryset=None):
        return self.request.user.customer


def tariff_lookup(request):
    form = TariffLookupForm(request.GET or None)
    quote = None
    if form.is_valid():
        try:
            quote = services.quote_session(form.cleaned_data["location_code"],
                                           form.cleaned_data["minutes"])
        except services.SessionError as exc:
            form.add_error(None, str(exc))
        except Exception:
            form.add_error("location_code", "Unknown location code")
    return render(request, "main/tariff_lookup.html", {"form": form, "quote": quote})
