import json

from django.contrib import messages
from django.http import HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from crm import recurring
from crm.forms import SegmentForm, MailingForm, VolunteerForm
from crm.mailings import prepare_mailing, send_mailing
from crm.models import RecurringGift, Segment, Mailing, Volunteer
from crm.segments import refresh_segment, segment_queryset
from utils.decorators import staff_required, group_required, json_view
from utils.gateway import verify_webhook


@staff_required
def recurring_gift_list(request):
    status = request.GET.get("status", "active")
    gifts = RecurringGift.objects.filter(status=status).select_related("supporter")[:500]
    return render(request, "crm/recurring_list.html", {"gifts": gifts, "status": status})


@staff_required
@require_POST
def recurring_gift_cancel(request, pk):
    gift = get_object_or_404(RecurringGift, pk=pk)
    recurring.cancel_recurring_gift(gift, request.POST.get("reason", "supporter request"))
    messages.info(request, "Regular gift cancelled")
    return redirect("supporter_detail", pk=gift.supporter_id)


@csrf_exempt
@require_POST
def gateway_webhook(request):
    if not verify_webhook(request.body, request.headers.get("X-Signature")):
        return HttpResponseForbidden()
    for event in json.loads(request.body).get("events", []):
        recurring.apply_gateway_event(event)
    return HttpResponse("ok")


@group_required("fundraising")
def segment_edit(request, pk=None):
    segment = get_object_or_404(Segment, pk=pk) if pk else None
    form = SegmentForm(request.POST or None, instance=segment)
    if request.method == "POST" and form.is_valid():
        seg = form.save(commit=False)
        seg.rules = form.rules()
        seg.save()
        refresh_segment(seg)
        return redirect("segment_edit", pk=seg.pk)
    return render(request, "crm/segment_form.html", {"form": form, "segment": segment})


@group_required("fundraising")
@json_view
def segment_preview(request, pk):
    segment = get_object_or_404(Segment, pk=pk)
    qs = segment_queryset(segment)
    return {"count": qs.count(), "sample": list(qs.values_list("ref", flat=True)[:20])}


@group_required("fundraising")
def mailing_edit(request, pk=None):
    mailing = get_object_or_404(Mailing, pk=pk) if pk else None
    form = MailingForm(request.POST or None, instance=mailing)
    if request.method == "POST" and form.is_valid():
        m = form.save()
        n = prepare_mailing(m)
        messages.success(request, "%d recipients" % n)
        return redirect("mailing_edit", pk=m.pk)
    return render(request, "crm/mailing_form.html", {"form": form, "mailing": mailing})


@group_required("fundraising")
@require_POST
def mailing_send_now(request, pk):
    mailing = get_object_or_404(Mailing, pk=pk)
    sent = send_mailing(mailing)
    messages.success(request, "Sent %d" % sent)
    return redirect("mailing_edit", pk=pk)


@staff_required
def volunteer_list(request):
    qs = Volunteer.objects.select_related("supporter").order_by("supporter__last_name")
    if request.GET.get("status"):
        qs = qs.filter(status=request.GET["status"])
    if request.GET.get("skill"):
        qs = qs.filter(skills__icontains=request.GET["skill"])
    return render(request, "crm/volunteer_list.html", {"volunteers": qs})


@staff_required
def volunteer_edit(request, pk):
    volunteer = get_object_or_404(Volunteer, pk=pk)
    form = VolunteerForm(request.POST or None, instance=volunteer)
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect("volunteer_list")
    return render(request, "crm/volunteer_form.html", {"form": form, "volunteer": volunteer})
