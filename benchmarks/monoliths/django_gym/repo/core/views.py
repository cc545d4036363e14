import json
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import Q
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from common.decorators import club_from_session, in_group, staff_only
from common.notify import send_email
from common.utils import dictfetchall, fmt_money, today
from core import helpers
from core.forms import (CancelForm, CashPaymentForm, ChangePlanForm, EmergencyContactForm,
                        FreezeForm, JoinForm, ParqForm, ProfileForm, ReferralForm)
from core.models import (Club, EmergencyContact, Invoice, Member, Membership,
                         MembershipPlan, Payment, Referral)

log = logging.getLogger("pulsefit.core")


# ----------------------------------------------------------------- members


@club_from_session
def join(request):
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        member = helpers.create_member(data, request.club)
        EmergencyContact.objects.create(member=member, name=data["emergency_name"],
                                        phone=data["emergency_phone"])
        helpers.start_membership(member, data["plan"], request.club)
        request.session["new_member"] = member.pk
        return redirect("parq")
    return render(request, "join.html", {"form": form, "club": request.club})


def parq(request):
    member = get_object_or_404(Member, pk=request.session.get("new_member") or
                               getattr(getattr(request.user, "member", None), "pk", 0))
    form = ParqForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decl = form.to_declaration(member)
        decl.save()
        if decl.needs_gp_clearance:
            messages.warning(request, "Please bring a note from your GP on your first visit.")
        return redirect("welcome")
    return render(request, "parq.html", {"form": form, "member": member})


@login_required
def profile(request):
    member = request.user.member
    form = ProfileForm(request.POST or None, request.FILES or None, instance=member)
    ec_form = EmergencyContactForm(request.POST or None, prefix="ec")
    if request.method == "POST" and form.is_valid():
        form.save()
        if ec_form.is_valid() and ec_form.cleaned_data.get("name"):
            ec = ec_form.save(commit=False)
            ec.member = member
            ec.save()
        messages.success(request, "Saved")
        return redirect("profile")
    return render(request, "profile.html", {"form": form, "ec_form": ec_form,
                                            "contacts": member.emergency_contacts.all()})


@staff_only
def member_search(request):
    q = request.GET.get("q", "").strip()
    results = []
    if q:
        results = Member.objects.filter(
            Q(member_no__iexact=q) | Q(email__icontains=q) | Q(last_name__icontains=q)
            | Q(phone__endswith=q[-6:])).select_related("home_club")[:50]
    return render(request, "desk/search.html", {"q": q, "results": results})


@staff_only
def member_detail(request, member_no):
    member = get_object_or_404(Member, member_no=member_no)
    with connection.cursor() as cur:
        cur.execute("SELECT at, granted, deny_reason FROM tbl_checkin WHERE member_id = %s "
                    "ORDER BY at DESC LIMIT 10", [member.pk])
        visits = dictfetchall(cur)
    return render(request, "desk/member.html", {
        "member": member,
        "membership": member.current_membership(),
        "invoices": member.invoices.order_by("-issued")[:6],
        "visits": visits,
        "duplicates": helpers.find_duplicates(member),
        "parq": member.parqs.order_by("-signed_at").first(),
    })


@in_group("managers")
@require_POST
def merge(request, keep_no, dupe_no):
    keep = get_object_or_404(Member, member_no=keep_no)
    dupe = get_object_or_404(Member, member_no=dupe_no)
    helpers.merge_members(keep, dupe)
    messages.success(request, "Merged %s into %s" % (dupe_no, keep_no))
    return redirect("member_detail", member_no=keep_no)


# ----------------------------------------------------------------- memberships


def plans(request):
    qs = MembershipPlan.objects.filter(active=True).order_by("monthly_fee")
    return render(request, "plans.html", {"plans": qs})


@login_required
def change_plan(request):
    ms = request.user.member.current_membership()
    form = ChangePlanForm(request.POST or None)
    if ms and request.method == "POST" and form.is_valid():
        new_plan = form.cleaned_data["plan"]
        start = form.cleaned_data.get("from_date") or ms.next_billing_date or today()
        helpers.cancel_membership(ms, reason="plan change", when=start)
        helpers.start_membership(ms.member, new_plan, ms.club, start=start)
        messages.success(request, "You're moving to %s from %s" % (new_plan.name, start))
        return redirect("profile")
    return render(request, "change_plan.html", {"form": form, "membership": ms})


@login_required
def freeze(request):
    ms = request.user.member.current_membership()
    form = FreezeForm(request.POST or None)
    if ms and request.method == "POST" and form.is_valid():
        try:
            helpers.freeze_membership(ms, form.cleaned_data["start"], form.cleaned_data["end"],
                                      form.cleaned_data["reason"])
        except helpers.BillingError as e:
            form.add_error(None, str(e))
        else:
            return redirect("profile")
    return render(request, "freeze.html", {"form": form, "membership": ms})


@login_required
def cancel_membership_view(request):
    ms = request.user.member.current_membership()
    form = CancelForm(request.POST or None)
    if ms and request.method == "POST" and form.is_valid():
        try:
            helpers.cancel_membership(ms, form.cleaned_data["reason"],
                                      form.cleaned_data["last_day"])
        except helpers.BillingError as e:
            form.add_error("last_day", str(e))
        else:
            messages.info(request, "Sorry to see you go.")
            return redirect("profile")
    return render(request, "cancel.html", {"form": form, "membership": ms})


@login_required
def my_invoices(request):
    invoices = request.user.member.invoices.order_by("-issued")
    return render(request, "invoices.html", {"invoices": invoices})


@login_required
def invoice_detail(request, number):
    inv = get_object_or_404(Invoice, number=number, member__user=request.user)
    return render(request, "invoice.html", {"invoice": inv, "lines": inv.lines.all(),
                                            "paid": fmt_money(inv.paid_amount())})


@in_group("desk", "managers")
def take_payment(request, number):
    inv = get_object_or_404(Invoice, number=number)
    form = CashPaymentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        helpers.record_cash_payment(inv, form.cleaned_data["amount"], by=request.user)
        return redirect("member_detail", member_no=inv.member.member_no)
    return render(request, "desk/take_payment.html", {"form": form, "invoice": inv})


@csrf_exempt
@require_POST
def gocardless_webhook(request):
    try:
        events = json.loads(request.body.decode())["events"]
    except (ValueError, KeyError):
        return HttpResponseBadRequest("bad payload")
    for ev in events:
        if ev.get("resource_type") != "payments":
            continue
        pay = Payment.objects.filter(provider_ref=ev["links"].get("payment")).first()
        if pay is None:
            continue
        if ev["action"] in ("confirmed", "paid_out"):
            pay.status = "ok"
            pay.save()
            inv = pay.invoice
            if inv.paid_amount() >= inv.total:
                inv.status = "paid"
                inv.save()
        elif ev["action"] in ("failed", "cancelled"):
            pay.status = "failed"
            pay.save()
            helpers.mark_failed(pay.invoice)
    return HttpResponse("ok")


def _old_invoice_pdf(request, number):
    # replaced by the e-mailed invoice. reportlab was removed from requirements in 2022.
    inv = Invoice.objects.get(number=number)
    return HttpResponse("INVOICE %s TOTAL %s" % (inv.number, inv.total), content_type="text/plain")


# ----------------------------------------------------------------- clubs


def club_list(request):
    clubs = Club.objects.filter(active=True).prefetch_related("hours")
    return render(request, "clubs.html", {"clubs": clubs, "now": timezone.now()})


def club_detail(request, code):
    club = get_object_or_404(Club, code=code)
    return render(request, "club.html", {"club": club, "hours": club.hours.all(),
                                         "open_now": club.is_open_at(timezone.now())})


# ----------------------------------------------------------------- referrals


@login_required
def refer_a_friend(request):
    member = request.user.member
    form = ReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["friend_email"].lower()
        ref, created = Referral.objects.get_or_create(referrer=member, friend_email=email)
        if created:
            send_email(None, "referral", to=email,
                       subject="%s thinks you'd like PulseFit" % member.first_name,
                       body=form.cleaned_data["message"] or "Join with their code %s for "
                       "no joining fee." % member.member_no)
        messages.success(request, "Invite sent!")
        return redirect("refer")
    return render(request, "refer.html", {"form": form,
                                          "referrals": member.referrals_made.all()})
