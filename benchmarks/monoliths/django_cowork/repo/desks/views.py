import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from common.decorators import member_required
from desks import services
from desks.models import Desk, DeskBooking


@member_required
def desk_map(request):
    location = request.location or request.user.member.home_location
    date = request.GET.get("date")
    date = datetime.date.fromisoformat(date) if date else timezone.localdate()
    desks = Desk.objects.filter(location=location, active=True)
    booked = set(DeskBooking.objects.filter(desk__location=location, date=date, cancelled=False)
                 .values_list("desk_id", flat=True))
    if request.GET.get("format") == "json":
        return JsonResponse([{"id": d.pk, "label": d.label, "x": d.x, "y": d.y, "kind": d.kind,
                              "free": d.pk not in booked and d.kind == Desk.HOT} for d in desks], safe=False)
    return render(request, "desks/map.html", {"desks": desks, "booked": booked, "date": date,
                                              "free": services.hot_desk_capacity(location, date)})


@member_required
@require_POST
def book_desk(request):
    location = request.location or request.user.member.home_location
    date = datetime.date.fromisoformat(request.POST["date"])
    desk = None
    if request.POST.get("desk"):
        desk = get_object_or_404(Desk, pk=request.POST["desk"], location=location)
    try:
        services.book_hot_desk(request.user.member, location, date, desk, request.POST.get("half_day", ""))
    except ValidationError as e:
        messages.error(request, e.messages[0])
    return redirect("desks:map")


@member_required
@require_POST
def checkin(request):
    location = request.location or request.user.member.home_location
    services.check_in(request.user.member, location)
    return JsonResponse({"ok": True})
