"""Pay-by-phone IVR. The telephony provider POSTs here after every keypad entry and
we answer with TwiML-ish XML.

Steps: location -> vrm -> minutes -> card -> confirm
"""
import logging

from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from legacy.cashless import legacy_charge, tokenise_card
from legacy.models import CardToken, IvrCall
from legacy.utils import xml_escape
from main.models import LocationCode, ParkingSession
from main.services import SessionError, get_or_create_customer_for_vrm, quote_session
from shared.utils import format_money, generate_reference

log = logging.getLogger("ivr")

VRM_KEYPAD = {"2": "ABC2", "3": "DEF3", "4": "GHI4", "5": "JKL5", "6": "MNO6",
              "7": "PQRS7", "8": "TUV8", "9": "WXYZ9", "0": "0", "1": "1"}


def _twiml(say, gather=True, num_digits=None):
    inner = "<Say voice=\"alice\" language=\"en-GB\">%s</Say>" % xml_escape(say)
    if gather:
        attrs = ' numDigits="%d"' % num_digits if num_digits else ' finishOnKey="#"'
        inner = "<Gather%s>%s</Gather>" % (attrs, inner)
    else:
        inner += "<Hangup/>"
    return HttpResponse("<?xml version=\"1.0\"?><Response>%s</Response>" % inner,
                        content_type="text/xml")


def handle_location_entry(call, digits):
    if not LocationCode.objects.filter(code=digits, active=True).exists():
        return _twiml("Sorry, location %s was not recognised. Please enter the location number "
                      "from the sign, followed by hash." % " ".join(digits))
    call.location_code = digits
    call.step = "vrm"
    call.save()
    return _twiml("Please key in your registration using the letters on your keypad, then press hash.")


def handle_vrm_entry(call, digits):
    # callers key 2 twice for B etc; the old system then read it back. We just take the first
    # letter of each key group and ask them to confirm.  Known to be rubbish, see PARK-233.
    vrm = "".join(VRM_KEYPAD.get(d, "")[:1] for d in digits.split("*") if d)
    call.vrm = vrm
    customer, vehicle = get_or_create_customer_for_vrm(vrm, phone=call.caller_number)
    call.customer = customer
    call.step = "minutes"
    call.save()
    return _twiml("How many minutes would you like to park for? Enter the number then hash.")


def handle_duration_entry(call, digits):
    try:
        minutes = int(digits)
        quote = quote_session(call.location_code, minutes)
    except (ValueError, SessionError) as exc:
        return _twiml("Sorry. %s. Please enter the number of minutes." % exc)
    call.minutes = minutes
    call.save()
    card = CardToken.objects.filter(customer=call.customer, revoked=False).order_by("-is_default").first()
    if card:
        call.step = "confirm"
        call.save()
        return _twiml("That will cost %s, on your card ending %s. Press 1 to confirm." % (
            format_money(quote["price_pence"]), " ".join(card.last4)), num_digits=1)
    call.step = "card"
    call.save()
    return _twiml("That will cost %s. Please enter your 16 digit card number, the expiry as four "
                  "digits, and the security code, separated by star, then hash." % format_money(quote["price_pence"]))


def handle_card_entry(call, digits):
    try:
        pan, expiry, cv2 = digits.split("*")
        card = tokenise_card(call.customer, pan, int(expiry[:2]), 2000 + int(expiry[2:]), cv2)
    except ValueError:
        card = None
    if card is None:
        return _twiml("Sorry, that card was not accepted. Please try again.")
    call.step = "confirm"
    call.save()
    return _twiml("Thank you. Press 1 to confirm your parking.", num_digits=1)


def handle_confirm(call, digits):
    if digits != "1":
        call.outcome = "abandoned"
        call.finished_at = timezone.now()
        call.save()
        return _twiml("Your parking has not been booked. Goodbye.", gather=False)
    quote = quote_session(call.location_code, call.minutes)
    card = CardToken.objects.filter(customer=call.customer, revoked=False).order_by("-is_default", "-id").first()
    payment = legacy_charge(card, quote["price_pence"], generate_reference("IVR", 10))
    if payment.status != "captured":
        call.outcome = "declined"
        call.save()
        return _twiml("Sorry, your payment was declined. Goodbye.", gather=False)
    now = timezone.now()
    vehicle = call.customer.vehicles.filter(vrm=call.vrm).first()
    session = ParkingSession.objects.create(
        reference=generate_reference("S", 9), customer=call.customer, vehicle=vehicle, vrm=call.vrm,
        location=quote["location"], zone=quote["location"].zone, tariff=quote["tariff"],
        started_at=now, expires_at=now + timezone.timedelta(minutes=call.minutes),
        price_pence=quote["price_pence"], channel="ivr", payment=payment)
    call.session = session
    call.outcome = "booked"
    call.finished_at = now
    call.save()
    return _twiml("You are parked until %s. Your reference is %s. Goodbye." % (
        timezone.localtime(session.expires_at).strftime("%H:%M"), " ".join(session.reference)),
        gather=False)


STEP_HANDLERS = {
    "location": handle_location_entry,
    "vrm": handle_vrm_entry,
    "minutes": handle_duration_entry,
    "card": handle_card_entry,
    "confirm": handle_confirm,
}


@csrf_exempt
def ivr_callback(request):
    sid = request.POST.get("CallSid")
    if not sid:
        return HttpResponse(status=400)
    call, created = IvrCall.objects.get_or_create(
        call_sid=sid, defaults={"caller_number": request.POST.get("From", "")})
    if created:
        return _twiml("Welcome to City Parking. Please enter the location number shown on the "
                      "sign, followed by hash.")
    digits = request.POST.get("Digits", "").rstrip("#")
    handler = STEP_HANDLERS.get(call.step)
    if handler is None:
        return _twiml("Goodbye.", gather=False)
    try:
        return handler(call, digits)
    except Exception:
        log.exception("IVR failure on call %s step %s", sid, call.step)
        return _twiml("Sorry, something went wrong. Please try again later.", gather=False)
