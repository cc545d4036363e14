import json

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from common.decorators import club_from_session, in_group, json_body, staff_only
from common.notify import notify
from common.utils import gen_ref, json_fail, json_ok, parse_date
from core.models import Club, Member
from legacy import pos, turnstile
from legacy.models import AccessPoint, CheckIn, GuestPass, Product


@csrf_exempt
@require_POST
def door_event(request):
    if not turnstile.verify_signature(request.body, request.headers.get("X-Signature")):
        return JsonResponse({"open": False}, status=403)
    data = json.loads(request.body.decode())
    ap = AccessPoint.objects.filter(controller_serial=data.get("serial")).select_related(
        "club").first()
    if ap is None:
        return JsonResponse({"open": False, "reason": "unknown controller"})
    ap.last_seen = timezone.now()
    ap.save(update_fields=["last_seen"])
    card = turnstile.card_for_uid(data.get("uid"))
    if card is None:
        return JsonResponse({"open": False, "reason": "unknown card"})
    if not ap.is_entry:
        CheckIn.objects.filter(member=card.member, club=ap.club, left_at=None).update(
            left_at=timezone.now())
        return JsonResponse({"open": True})
    ci = turnstile.record_checkin(card.member, ap.club, card=card, access_point=ap)
    return JsonResponse({"open": ci.granted, "reason": ci.deny_reason})


@staff_only
@club_from_session
def desk_checkin(request):
    member = None
    result = None
    q = request.POST.get("member_no") or request.GET.get("member_no")
    if q:
        member = Member.objects.filter(member_no=q.strip().upper()).first()
        if member and request.method == "POST":
            result = turnstile.record_checkin(member, request.club, method="desk")
    recent = CheckIn.objects.filter(club=request.club).select_related("member")[:25]
    return render(request, "desk/checkin.html", {
        "member": member, "result": result, "recent": recent,
        "occupancy": turnstile.current_occupancy(request.club)})


@staff_only
@require_POST
def report_lost_card(request, member_no):
    member = get_object_or_404(Member, member_no=member_no)
    member.cards.filter(active=True).update(active=False, lost=True)
    if request.POST.get("new_uid"):
        turnstile.issue_card(member, request.POST["new_uid"])
    notify(member, "card_lost")
    messages.success(request, "Card blocked")
    return redirect("member_detail", member_no=member_no)


@json_body
def guest_pass_create(request):
    member = getattr(request.user, "member", None)
    if member is None:
        return json_fail("login", status=401)
    ms = member.current_membership()
    allowed = ms.plan.guest_passes if ms else 0
    used = member.guest_passes.filter(valid_on__month=timezone.now().month).count()
    if used >= allowed:
        return json_fail("No guest passes left this month")
    gp = GuestPass.objects.create(
        host=member, club=Club.objects.get(pk=request.data.get("club") or ms.club_id),
        guest_name=request.data["name"], guest_email=request.data.get("email", ""),
        valid_on=parse_date(request.data.get("date")) or timezone.now().date(),
        code=gen_ref(length=6))
    if gp.guest_email:
        from common.notify import send_email
        send_email(None, "guest_pass", {"host": member.first_name, "club": gp.club,
                                        "day": gp.valid_on, "code": gp.code},
                   to=gp.guest_email)
    return json_ok(code=gp.code)


def checkin_v1(request):
    # FitDesk kiosk endpoint, the last kiosk was replaced in 2021. DO NOT REMOVE until
    # Harrogate confirms (they might still have one in the back office)
    member = Member.objects.get(member_no=request.GET["m"])
    CheckIn.objects.create(member=member, club=member.home_club, method="kiosk")
    return JsonResponse({"ok": 1})


# ----------------------------------------------------------------------- till


@in_group("desk", "managers")
@club_from_session
def till(request):
    if request.method == "POST":
        items = json.loads(request.POST.get("basket") or "[]")
        member = Member.objects.filter(member_no=request.POST.get("member_no")).first()
        try:
            sale = pos.ring_up(request.club, request.user, [(i["code"], int(i["qty"]))
                                                            for i in items],
                               member=member, paid_by=request.POST.get("paid_by", "card"))
        except pos.TillError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, "Sale %s: %s" % (sale.pk, sale.total))
        return redirect("till")
    products = Product.objects.filter(active=True).order_by("category", "name")
    return render(request, "till.html", {"products": products, "club": request.club,
                                         "low": pos.low_stock(request.club)})


@in_group("desk", "managers")
def till_lookup(request):
    code = request.GET.get("code", "")
    p = Product.objects.filter(barcode=code).first() or Product.objects.filter(sku=code).first()
    if p is None:
        return json_fail("not found", status=404)
    return json_ok(sku=p.sku, name=p.name, price=str(p.price))


@in_group("managers")
@club_from_session
def stock_take(request):
    products = Product.objects.filter(active=True)
    if request.method == "POST":
        for p in products:
            counted = request.POST.get("count_%s" % p.pk)
            if counted in (None, ""):
                continue
            level = p.stock.filter(club=request.club).first()
            delta = int(counted) - (level.qty if level else 0)
            if delta:
                pos.adjust_stock(p, request.club, delta, "count", request.user, "stock take")
        return redirect("stock_take")
    return render(request, "stock_take.html", {"products": products, "club": request.club})
