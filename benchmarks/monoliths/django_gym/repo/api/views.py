"""JSON API for the member app (iOS/Android). v1 only, v2 never happened."""
from django.contrib.auth import authenticate
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from api import serializers as ser
from api.auth import token_required
from api.models import ApiToken, PushDevice
from common.decorators import json_body
from common.models import Booking, ClassSession
from common.utils import json_fail, json_ok, today
from common.views import BookingError, book_member, cancel_booking
from core.helpers import class_credits_left
from dashboard.models import Trainer
from legacy.models import CheckIn
from legacy.turnstile import record_checkin


@csrf_exempt
@require_POST
@json_body
def login(request):
    user = authenticate(username=request.data.get("email"), password=request.data.get("password"))
    if user is None or not hasattr(user, "member"):
        return json_fail("wrong e-mail or password", status=401)
    tok = ApiToken.objects.create(member=user.member)
    return json_ok(token=tok.key, member=ser.member_to_dict(user.member))


@token_required
def me(request):
    m = request.member
    return json_ok(member=ser.member_to_dict(m),
                   membership=ser.membership_to_dict(m.current_membership()),
                   credits=class_credits_left(m))


@token_required
def invoices(request):
    qs = request.member.invoices.order_by("-issued")[:24]
    return json_ok(invoices=[ser.invoice_to_dict(i) for i in qs])


@token_required
def classes(request):
    club = request.GET.get("club") or request.member.home_club.code
    qs = (ClassSession.objects.filter(studio__club__code=club, starts_at__gte=timezone.now(),
                                      starts_at__date__lte=today() + timezone.timedelta(days=7))
          .select_related("class_type", "studio__club", "instructor"))
    return json_ok(classes=[ser.session_to_dict(s, request.member) for s in qs])


@csrf_exempt
@token_required
def book(request, session_id):
    session = get_object_or_404(ClassSession, pk=session_id)
    try:
        b = book_member(request.member, session, source="app")
    except BookingError as e:
        return json_fail(str(e), status=409)
    return json_ok(booking=ser.booking_to_dict(b))


@csrf_exempt
@token_required
def cancel(request, booking_id):
    b = get_object_or_404(Booking, pk=booking_id, member=request.member)
    late = cancel_booking(b)
    return json_ok(late=late)


@token_required
def my_bookings(request):
    qs = request.member.bookings.filter(status="booked", session__starts_at__gte=timezone.now())
    return json_ok(bookings=[ser.booking_to_dict(b) for b in qs])


@csrf_exempt
@token_required
@json_body
def qr_checkin(request):
    """The app shows a QR that the kiosk scans; the kiosk calls this with the member's token."""
    from core.models import Club
    club = get_object_or_404(Club, code=request.data.get("club"))
    ci = record_checkin(request.member, club, method="qr")
    return json_ok(checkin=ser.checkin_to_dict(ci), open=ci.granted)


@token_required
def visits(request):
    qs = CheckIn.objects.filter(member=request.member, granted=True)[:50]
    return json_ok(visits=[ser.checkin_to_dict(c) for c in qs])


@token_required
def trainers(request):
    club = request.GET.get("club") or request.member.home_club.code
    qs = Trainer.objects.filter(club__code=club, active=True).prefetch_related("specialities")
    return json_ok(trainers=[ser.trainer_to_dict(t) for t in qs])


@csrf_exempt
@token_required
@json_body
def register_device(request):
    token = request.data.get("push_token")
    if not token:
        return json_fail("push_token required")
    PushDevice.objects.update_or_create(token=token, defaults={
        "member": request.member, "platform": request.data.get("platform", "ios"),
        "active": True})
    return json_ok()


@csrf_exempt
@token_required
def marketing_prefs(request):
    m = request.member
    if request.method == "POST":
        m.marketing_ok = request.POST.get("marketing_ok") == "1"
        m.sms_ok = request.POST.get("sms_ok") == "1"
        m.save(update_fields=["marketing_ok", "sms_ok"])
    return json_ok(marketing_ok=m.marketing_ok, sms_ok=m.sms_ok)
