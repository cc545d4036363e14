from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from common.decorators import member_required, staff_required
from facilities.services import open_ticket
from frontdesk import services
from frontdesk.forms import GuestRegistrationForm, IssueReportForm, ParcelForm
from frontdesk.models import Parcel, Visit
from members.models import Member


@member_required
def register_guest(request):
    form = GuestRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        services.register_visit(request.user.member, d["name"], d["expected_at"], d["email"], d["company"],
                                d["purpose"], d["day_pass"], location=request.location)
        messages.success(request, "Reception will expect %s" % d["name"])
        return redirect("members:home")
    return render(request, "frontdesk/register_guest.html", {"form": form})


@staff_required
def expected_visitors(request):
    today = timezone.localdate()
    visits = Visit.objects.filter(location=request.location, expected_at__date=today) \
        .select_related("visitor", "host").order_by("expected_at")
    return render(request, "frontdesk/expected.html", {"visits": visits})


@staff_required
@require_POST
def visitor_checkin(request, pk):
    visit = get_object_or_404(Visit, pk=pk)
    card = services.check_in_visitor(visit, request.user)
    if card:
        messages.info(request, "Give temporary card %s" % card.uid)
    return redirect("frontdesk:expected")


@staff_required
@require_POST
def visitor_checkout(request, pk):
    services.check_out_visitor(get_object_or_404(Visit, pk=pk))
    return redirect("frontdesk:expected")


@staff_required
def parcel_inbox(request):
    form = ParcelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        member = Member.objects.filter(email__iexact=form.cleaned_data["recipient_email"]).first()
        if member is None:
            form.add_error("recipient_email", "No such member")
        else:
            services.log_parcel(member, request.location, form.cleaned_data["carrier"],
                                form.cleaned_data["tracking"], form.cleaned_data["shelf"])
            return redirect("frontdesk:parcels")
    parcels = Parcel.objects.filter(location=request.location, collected_at__isnull=True).select_related("recipient")
    return render(request, "frontdesk/parcels.html", {"form": form, "parcels": parcels})


@staff_required
def report_issue(request):
    form = IssueReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        ticket = open_ticket(location=request.location, reported_by=request.user, **form.cleaned_data)
        messages.success(request, "Ticket #%s opened" % ticket.pk)
        return redirect("frontdesk:expected")
    return render(request, "frontdesk/report_issue.html", {"form": form})
