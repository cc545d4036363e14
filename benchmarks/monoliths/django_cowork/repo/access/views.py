import hmac
import json

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseForbidden, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from access.models import Door, DoorEvent, KeyCard
from access.services import log_door_event, report_lost
from common.decorators import member_required, staff_required
from common.pagination import paginate_queryset


@member_required
def card_list(request):
    cards = KeyCard.objects.filter(member=request.user.member).order_by("-created_at")
    return render(request, "access/cards.html", {"cards": cards})


@member_required
@require_POST
def lost_card(request, pk):
    card = get_object_or_404(KeyCard, pk=pk, member=request.user.member, status=KeyCard.ACTIVE)
    new_card = report_lost(card)
    messages.info(request, "Card disabled. Pick up your new card (%s) at reception." % new_card.uid)
    return redirect("access:cards")


@staff_required
def door_log(request):
    qs = DoorEvent.objects.select_related("door", "card", "card__member")
    if request.GET.get("door"):
        qs = qs.filter(door_id=request.GET["door"])
    if request.GET.get("denied"):
        qs = qs.filter(granted=False)
    return render(request, "access/door_log.html", {"page": paginate_queryset(request, qs, 100),
                                                    "doors": Door.objects.all()})


@csrf_exempt
@require_POST
def controller_webhook(request):
    sig = request.headers.get("X-Salto-Signature", "")
    expected = hmac.new(settings.SALTO_API_KEY.encode(), request.body, "sha256").hexdigest()
    if not hmac.compare_digest(sig, expected):
        return HttpResponseForbidden()
    ev = json.loads(request.body)
    door = Door.objects.filter(controller_id=ev["lock_id"]).first()
    if door:
        log_door_event(door, ev["key_uid"], ev["result"] == "granted", parse_datetime(ev["ts"]),
                       reason=ev.get("reason", ""), raw=ev)
        if ev["result"] == "granted" and door.is_entrance:
            from desks.services import check_in
            card = KeyCard.objects.filter(uid=ev["key_uid"], member__isnull=False).first()
            if card:
                check_in(card.member, door.location, source="door")
    return JsonResponse({"ok": True})
