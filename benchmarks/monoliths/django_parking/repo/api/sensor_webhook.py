import hashlib
import hmac
import json
import logging
from datetime import datetime

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from main.models import BaySensor
from main.services import update_bay_occupancy

log = logging.getLogger("sensors")


def verify_signature(body, signature, secret=None):
    secret = (secret or settings.SENSOR_WEBHOOK_SECRET).encode()
    expected = hmac.new(secret, body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature or "")


def parse_sensor_payload(body):
    data = json.loads(body.decode("utf-8"))
    events = data.get("events") or [data]
    out = []
    for ev in events:
        try:
            ts = datetime.utcfromtimestamp(int(ev["ts"]))
            out.append({"serial": ev["device_id"], "occupied": ev["state"] in ("occupied", 1, "1"),
                        "ts": timezone.make_aware(ts, timezone.utc),
                        "battery": ev.get("battery")})
        except (KeyError, ValueError) as exc:
            log.warning("bad sensor event %r: %s", ev, exc)
    return out


@csrf_exempt
@require_POST
def sensor_event(request):
    if not verify_signature(request.body, request.META.get("HTTP_X_SIGNATURE")):
        return HttpResponseForbidden()
    try:
        events = parse_sensor_payload(request.body)
    except ValueError:
        return HttpResponseBadRequest("not json")
    serials = [e["serial"] for e in events]
    sensors = {s.serial: s for s in BaySensor.objects.filter(serial__in=serials).select_related("bay")}
    for ev in events:
        sensor = sensors.get(ev["serial"])
        if sensor is None:
            log.info("unknown sensor %s", ev["serial"])
            continue
        if ev.get("battery") is not None:
            BaySensor.objects.filter(pk=sensor.pk).update(battery_level=ev["battery"])
        update_bay_occupancy(sensor, ev["occupied"], ev["ts"], raw=json.dumps(ev, default=str))
    return HttpResponse(status=204)
