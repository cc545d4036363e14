"""Gate codes, fobs, access log, incidents."""
import datetime
import logging

from django.db import transaction
from django.utils import timezone

from staff.models import AccessFob, AccessLog, GateCode, Incident
from utils.email import notify_office, send_sms
from utils.gates import GateControllerClient, code_is_valid, generate_gate_code, push_code_to_controller

log = logging.getLogger(__name__)


def issue_gate_code(owner, valid_to=None, label=''):
    valid_to = valid_to or (timezone.localdate() + datetime.timedelta(days=365))
    if isinstance(valid_to, datetime.date) and not isinstance(valid_to, datetime.datetime):
        valid_to = timezone.make_aware(datetime.datetime.combine(valid_to, datetime.time(23, 59)))
    gc = GateCode.objects.create(code=generate_gate_code(), owner=owner, label=label or str(owner), valid_to=valid_to)
    gc.pushed = push_code_to_controller(gc)
    gc.save(update_fields=['pushed'])
    return gc


def visitor_code(visitor):
    valid_to = timezone.make_aware(datetime.datetime.combine(visitor.departs, datetime.time(12, 0)))
    gc = GateCode.objects.create(code=generate_gate_code(), label='Visitor %s' % visitor.boat_name, valid_to=valid_to)
    gc.pushed = push_code_to_controller(gc)
    gc.save(update_fields=['pushed'])
    return gc


def revoke_code(gate_code):
    gate_code.revoked = True
    gate_code.save(update_fields=['revoked'])
    try:
        GateControllerClient().remove_code(gate_code.code)
    except Exception:
        log.exception('could not remove code %s from controller', gate_code.pk)


def codes_for_owner(owner):
    return GateCode.objects.filter(owner=owner, revoked=False, valid_to__gte=timezone.now())


def rotate_all_codes():
    """Monthly: every berth holder gets a fresh code, old one revoked. Texted out."""
    n = 0
    for gc in GateCode.objects.filter(revoked=False, owner__isnull=False, valid_to__gte=timezone.now()).select_related('owner'):
        new = issue_gate_code(gc.owner, valid_to=gc.valid_to)
        revoke_code(gc)
        if gc.owner.phone:
            send_sms(gc.owner.phone, 'Harbourside: your new gate code is %s' % new.code)
        n += 1
    return n


def issue_fob(serial, owner=None, staff=None, expires=None):
    fob = AccessFob.objects.create(serial=serial, owner=owner, staff=staff, expires=expires)
    GateControllerClient().add_fob(serial)
    return fob


def revoke_fob(fob):
    fob.active = False
    fob.save(update_fields=['active'])
    GateControllerClient().remove_fob(fob.serial)


def check_code(code, gate):
    """Called by the gate controller when offline cache misses."""
    ok = code_is_valid(code) and GateCode.objects.filter(code=code, revoked=False, valid_from__lte=timezone.now(),
                                                       valid_to__gte=timezone.now()).exists()
    log_access(gate, code=code, granted=ok)
    return ok


def log_access(gate, code='', fob=None, granted=True, at=None):
    return AccessLog.objects.create(gate=gate, code=code, fob=fob, granted=granted, at=at or timezone.now())


def report_incident(location, description, reported_by=None, boat=None):
    inc = Incident.objects.create(location=location, description=description, reported_by=reported_by, boat=boat)
    notify_office('Incident at %s' % location, description)
    if boat and boat.owner.phone:
        send_sms(boat.owner.phone, 'Harbourside Marina: please call the office regarding %s' % boat.name)
    return inc
