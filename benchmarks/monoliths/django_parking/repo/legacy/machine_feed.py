"""Pay machine telemetry. Machines push pipe-delimited messages to the vendor's hub; we
poll the hub's queue every 5 minutes.

    ALM|PM00123|2021-04-01T10:22:03|E42|Coin jam
    HBT|PM00123|2021-04-01T10:25:00|cash=12350|paper=OK
    SAL|PM00123|2021-04-01T10:26:41|amount=250|method=cash|ticket=000912
"""
import logging
from datetime import datetime

import requests
from django.conf import settings
from django.utils import timezone

from legacy.models import MachineAlarm
from shared.utils import generate_reference

log = logging.getLogger("machines")

# alarms that take the machine out of service straight away
CRITICAL_ALARMS = {"E01", "E07", "E42", "E99"}


class MachineStatus(object):
    OK = "ok"
    FAULT = "fault"
    OUT_OF_SERVICE = "oos"


def fetch_pending_messages():
    url = getattr(settings, "MACHINE_HUB_URL", None)
    if not url:
        return []
    resp = requests.get(url, timeout=30)
    resp.raise_for_status()
    return resp.text.splitlines()


def parse_machine_message(line):
    parts = line.strip().split("|")
    if len(parts) < 3:
        return None
    kind, asset, ts = parts[0], parts[1], parts[2]
    try:
        ts = timezone.make_aware(datetime.strptime(ts, "%Y-%m-%dT%H:%M:%S"))
    except ValueError:
        log.warning("bad timestamp in %r", line)
        return None
    msg = {"asset": asset, "ts": ts}
    if kind == "ALM":
        msg.update(type="alarm", code=parts[3], message=parts[4] if len(parts) > 4 else "")
    elif kind == "HBT":
        kv = dict(p.split("=", 1) for p in parts[3:] if "=" in p)
        msg.update(type="heartbeat", cash=int(kv.get("cash", 0)), paper_low=kv.get("paper") == "LOW")
    elif kind == "SAL":
        kv = dict(p.split("=", 1) for p in parts[3:] if "=" in p)
        msg.update(type="sale", amount=int(kv["amount"]), method=kv.get("method", "cash"),
                   ticket=kv.get("ticket"))
    else:
        return None
    return msg


def ingest_alarm(msg):
    from backoffice.models import FaultReport, PayMachine

    machine = PayMachine.objects.filter(asset_number=msg["asset"]).first()
    if machine is None:
        log.warning("alarm from unknown machine %s", msg["asset"])
        return None
    alarm = MachineAlarm.objects.create(machine=machine, code=msg["code"], message=msg["message"],
                                        raised_at=msg["ts"])
    if msg["code"] in CRITICAL_ALARMS:
        alarm.fault = FaultReport.objects.create(machine=machine, source="telemetry", priority="P1",
                                                 description="%s %s" % (msg["code"], msg["message"]))
        alarm.save()
        machine.status = MachineStatus.OUT_OF_SERVICE
        machine.save(update_fields=["status"])
    return alarm


def record_machine_payment(msg):
    from backoffice.models import PayMachine
    from main.models import Payment

    machine = PayMachine.objects.get(asset_number=msg["asset"])
    payment = Payment.objects.create(
        reference=generate_reference("PDM", 10), amount_pence=msg["amount"], purpose="machine",
        method="cash" if msg["method"] == "cash" else "card", gateway="machine", machine=machine,
        status="captured", captured_at=msg["ts"], gateway_ref=msg.get("ticket") or "")
    return payment
