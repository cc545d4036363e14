# -*- coding: utf-8 -*-
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from common.decorators import json_view, role_required, staff_required
from legacy.models import BusRoute, BusStop
from legacy.pos import PosError, charge_meal, parse_swipe, reply
from legacy.utils import parse_scantron_line, route_sheet_rows


@staff_required
def route_sheet(request, route_id):
    route = get_object_or_404(BusRoute, pk=route_id)
    direction = request.GET.get("dir", "am")
    return render(request, "legacy/route_sheet.html",
                  {"route": route, "direction": direction, "rows": route_sheet_rows(route, direction)})


@json_view
def stop_list_json(request):
    # used by the bus tablets (no login on those, they are on the fleet VLAN)
    stops = BusStop.objects.select_related("route").filter(route__active=True)
    if request.GET.get("route"):
        stops = stops.filter(route__number=request.GET["route"])
    return [{"route": s.route.number, "seq": s.seq, "name": s.name, "lat": s.lat, "lng": s.lng,
             "am": s.am_time.strftime("%H:%M") if s.am_time else None,
             "pm": s.pm_time.strftime("%H:%M") if s.pm_time else None} for s in stops]


@csrf_exempt
@require_POST
def pos_swipe(request):
    try:
        pin, item, till = parse_swipe(request.POST)
        account, txn = charge_meal(pin, item, till)
    except PosError as exc:
        return HttpResponse(reply(False, exc), content_type="text/plain")
    except Exception as exc:  # the till shows whatever we send
        return HttpResponse(reply(False, "server error"), content_type="text/plain")
    return HttpResponse(reply(True, account.balance), content_type="text/plain")


@role_required("office", "admin")
def old_attendance_upload(request):
    """Willow Creek still uses the bubble sheets for substitute days."""
    from attendance.helpers import mark
    from core.models import Student
    from common.dates import parse_date

    if request.method != "POST":
        return render(request, "legacy/attendance_upload.html")
    upload = request.FILES["file"]
    ok = bad = 0
    for raw in upload.read().splitlines():
        row = parse_scantron_line(raw)
        if row is None:
            bad += 1
            continue
        student = Student.objects.filter(state_id=row["ssid"]).first()
        if student is None:
            bad += 1
            continue
        status = "P" if row["code"] in ("P", "") else ("T" if row["code"] == "T" else "A")
        mark(student, parse_date(row["date"]), status, code=None if status == "P" else row["code"],
             by=request.user.staff_profile, source="import", force=True)
        ok += 1
    messages.info(request, "%d rows imported, %d skipped" % (ok, bad))
    return redirect("home")
