from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from common.decorators import group_required
from common.models import ScreeningReport
from common.screening import ScreeningService


def healthcheck(request):
    return HttpResponse("ok")


@group_required("leasing")
def screening_queue(request):
    reports = ScreeningReport.objects.filter(decision__in=["pending", "conditional"]).select_related(
        "applicant", "applicant__unit"
    )
    return render(request, "common/screening_queue.html", {"reports": reports})


@require_POST
@group_required("leasing")
def screening_decide(request, pk):
    report = get_object_or_404(ScreeningReport, pk=pk)
    decision = request.POST.get("decision")
    if decision not in {"approved", "conditional", "declined"}:
        messages.error(request, "Unknown decision")
    else:
        ScreeningService().override(report, decision, request.user)
        messages.success(request, f"Applicant {decision}.")
    return redirect("screening-queue")
