from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.generic import CreateView, DetailView

from common.dates import today
from common.decorators import role_required
from common.exceptions import SISError
from common.views import StaffRequiredMixin
from core.models import StaffMember
from hr.forms import LeaveRequestForm
from hr.models import LeaveRequest
from hr.services import approve_leave


class LeaveRequestCreateView(StaffRequiredMixin, CreateView):
    form_class = LeaveRequestForm
    template_name = "hr/leave_form.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        form.instance.staff = self.request.user.staff_profile
        messages.success(self.request, "Leave request sent to your principal")
        return super(LeaveRequestCreateView, self).form_valid(form)


@role_required("admin")
def leave_queue(request):
    pending = LeaveRequest.objects.filter(status="pending").select_related("staff")
    return render(request, "hr/leave_queue.html", {"pending": pending})


@role_required("admin")
def approve(request, pk):
    leave = get_object_or_404(LeaveRequest, pk=pk)
    if request.method == "POST":
        try:
            n = approve_leave(leave, request.user.staff_profile)
        except SISError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Approved; %d classes need cover" % n)
    return redirect("leave-queue")


class StaffDetailView(StaffRequiredMixin, DetailView):
    model = StaffMember
    template_name = "hr/staff_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super(StaffDetailView, self).get_context_data(**kwargs)
        ctx["certifications"] = self.object.certifications.all()
        ctx["leave"] = self.object.leave_requests.all()[:10]
        ctx["sections"] = self.object.sections.filter(term__end_date__gte=today()).select_related("course")
        return ctx
