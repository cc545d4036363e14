# v1 endpoints still used by the old Zebra handhelds and the machine vendor's portal.
# New stuff goes in api/. Remove when the last v1 handheld is retired (2022??)
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

from backoffice.models import PayMachine
from main.models import PenaltyNotice, Zone
from main.services import has_valid_permit
from shared.decorators import json_response
from shared.utils import normalise_vrm


@json_response
def old_pcn_lookup(request):
    ref = request.GET.get("ref", "").upper()
    pcn = PenaltyNotice.objects.filter(pcn_ref=ref).select_related("contravention").first()
    if pcn is None:
        return {"found": False}
    return {"found": True, "vrm": pcn.vrm, "status": pcn.status, "code": pcn.contravention.code,
            "due": pcn.current_amount()}


@csrf_exempt
@json_response
def old_permit_check(request):
    vrm = normalise_vrm(request.GET.get("vrm"))
    zone = Zone.objects.filter(code=request.GET.get("zone")).first()
    if zone is None:
        return JsonResponse({"error": "zone"}, status=400)
    return {"vrm": vrm, "zone": zone.code, "permit": has_valid_permit(vrm, zone)}


@json_response
def old_machine_status(request):
    return [{"asset": m.asset_number, "status": m.status,
             "heartbeat": m.last_heartbeat.isoformat() if m.last_heartbeat else None}
            for m in PayMachine.objects.exclude(status="removed")]
