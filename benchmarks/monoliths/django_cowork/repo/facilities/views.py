from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from common.decorators import member_required, staff_required
from common.pagination import paginate_queryset
from facilities import services
from facilities.models import MaintenanceTicket, TicketComment, Vendor
from frontdesk.forms import IssueReportForm


@staff_required
def ticket_list(request):
    qs = MaintenanceTicket.objects.exclude(status=MaintenanceTicket.DONE).select_related("location", "vendor")
    if request.GET.get("location"):
        qs = qs.filter(location__code=request.GET["location"])
    return render(request, "facilities/tickets.html",
                  {"page": paginate_queryset(request, qs.order_by("priority", "due_at"))})


@staff_required
def ticket_detail(request, pk):
    ticket = get_object_or_404(MaintenanceTicket, pk=pk)
    if request.method == "POST" and request.POST.get("body"):
        TicketComment.objects.create(ticket=ticket, author=request.user, body=request.POST["body"],
                                     internal=request.POST.get("internal") == "on")
        return redirect("facilities:ticket", pk=pk)
    return render(request, "facilities/ticket.html", {"ticket": ticket, "vendors": Vendor.objects.all()})


@member_required
def member_report_issue(request):
    form = IssueReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.open_ticket(location=request.location or request.user.member.home_location,
                             member=request.user.member, **form.cleaned_data)
        messages.success(request, "Thanks, the community team has been notified.")
        return redirect("members:home")
    return render(request, "facilities/report.html", {"form": form})


@staff_required
@require_POST
def assign_ticket(request, pk):
    ticket = get_object_or_404(MaintenanceTicket, pk=pk)
    services.assign_vendor(ticket, get_object_or_404(Vendor, pk=request.POST["vendor"]), request.user)
    return redirect("facilities:ticket", pk=pk)


@staff_required
@require_POST
def close_ticket(request, pk):
    services.close_ticket(get_object_or_404(MaintenanceTicket, pk=pk), request.user, request.POST.get("note", ""))
    return redirect("facilities:tickets")
