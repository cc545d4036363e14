from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from common.decorators import group_required, staff_required
from main.forms import BuildingForm, CompleteWorkOrderForm, UnitForm, WorkOrderForm
from main.models import Building, Unit, Vendor, WorkOrder
from main.services import (
    complete_work_order,
    dispatch_work_order,
    occupancy_rate,
    open_work_order,
    vacancy_report,
)


@login_required
def building_list(request):
    buildings = Building.objects.alive().select_related("owner").prefetch_related("amenities")
    page = Paginator(buildings, 25).get_page(request.GET.get("page"))
    return render(request, "main/building_list.html", {"page": page})


@login_required
def building_detail(request, pk):
    building = get_object_or_404(Building, pk=pk)
    return render(request, "main/building_detail.html", {
        "building": building,
        "units": building.units.all(),
        "occupancy": occupancy_rate(building),
    })


@staff_required
def building_edit(request, pk=None):
    building = get_object_or_404(Building, pk=pk) if pk else None
    form = BuildingForm(request.POST or None, instance=building)
    if request.method == "POST" and form.is_valid():
        building = form.save()
        return redirect("building-detail", pk=building.pk)
    return render(request, "main/building_form.html", {"form": form})


@staff_required
def unit_edit(request, building_pk, pk=None):
    building = get_object_or_404(Building, pk=building_pk)
    unit = get_object_or_404(Unit, pk=pk, building=building) if pk else Unit(building=building)
    form = UnitForm(request.POST or None, instance=unit,
                    initial={"market_rent": unit.market_rent_cents / 100})
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect("building-detail", pk=building.pk)
    return render(request, "main/unit_form.html", {"form": form, "building": building})


@staff_required
def vacancies(request):
    return render(request, "main/vacancies.html", {"rows": vacancy_report()})


# --- maintenance desk ------------------------------------------------------


@group_required("maintenance", "managers")
def work_order_list(request):
    orders = WorkOrder.objects.select_related("unit", "unit__building", "vendor")
    status = request.GET.get("status")
    if status:
        orders = orders.filter(status=status)
    return render(request, "main/work_orders.html", {"orders": orders[:200], "status": status})


@group_required("maintenance", "managers")
def work_order_create(request):
    form = WorkOrderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        order = open_work_order(data["unit"], data["description"], data["trade"], priority=data["priority"])
        order.billable_to_tenant = data["billable_to_tenant"]
        order.save(update_fields=["billable_to_tenant"])
        messages.success(request, f"Work order #{order.pk} opened.")
        return redirect("work-order-list")
    return render(request, "main/work_order_form.html", {"form": form})


@require_POST
@group_required("maintenance", "managers")
def work_order_dispatch(request, pk):
    order = get_object_or_404(WorkOrder, pk=pk)
    vendor_id = request.POST.get("vendor")
    vendor = Vendor.objects.filter(pk=vendor_id).first() if vendor_id else None
    if dispatch_work_order(order, vendor) is None:
        messages.error(request, "No insured vendor available for this trade.")
    return redirect("work-order-list")


@group_required("maintenance", "managers")
def work_order_complete(request, pk):
    order = get_object_or_404(WorkOrder, pk=pk)
    form = CompleteWorkOrderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        complete_work_order(order, int(form.cleaned_data["cost"] * 100), form.cleaned_data["note"], request.user)
        return redirect("work-order-list")
    return render(request, "main/work_order_complete.html", {"form": form, "order": order})


@group_required("maintenance", "managers")
def vendor_list(request):
    return render(request, "main/vendors.html", {"vendors": Vendor.objects.order_by("trade", "name")})
