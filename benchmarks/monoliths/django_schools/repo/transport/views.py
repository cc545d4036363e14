from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.generic import ListView

from common.decorators import role_required, staff_required
from common.exceptions import SISError
from common.views import StaffRequiredMixin
from core.models import Student
from legacy.models import BusRoute
from transport.forms import RiderAssignmentForm
from transport.services import (assign_rider, distance_to_school, eligible_for_transport, nearest_stops,
                                riders_for_route, route_load, route_seats)


class RouteListView(StaffRequiredMixin, ListView):
    template_name = "transport/route_list.html"

    def get_queryset(self):
        return BusRoute.objects.filter(active=True).select_related("driver", "vehicle").prefetch_related("schools")

    def get_context_data(self, **kwargs):
        ctx = super(RouteListView, self).get_context_data(**kwargs)
        ctx["loads"] = dict((r.id, (route_load(r), route_seats(r))) for r in ctx["object_list"])
        return ctx


@staff_required
def route_detail(request, pk):
    route = get_object_or_404(BusRoute.objects.select_related("driver", "vehicle"), pk=pk)
    return render(request, "transport/route_detail.html",
                  {"route": route, "stops": route.stops.all(), "riders": riders_for_route(route)})


@role_required("admin", "office")
def assign(request, student_id):
    student = get_object_or_404(Student, pk=student_id)
    form = RiderAssignmentForm(student, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assign_rider(student, form.cleaned_data["stop"], form.cleaned_data["direction"],
                         by=request.user.staff_profile, starts_on=form.cleaned_data["starts_on"],
                         override=form.cleaned_data["override"], reason=form.cleaned_data["reason"])
        except SISError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Bus assignment saved")
            return redirect("student-detail", pk=student.pk)
    return render(request, "transport/assign.html",
                  {"form": form, "student": student, "eligible": eligible_for_transport(student),
                   "distance": distance_to_school(student), "suggested": nearest_stops(student)})
