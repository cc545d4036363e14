import datetime
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.db.models import Count, F, Max, Prefetch, Q, Sum
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from animals.feeding import consume_stock, diet_sheet_for_day
from animals.forms import (AnimalForm, BulkFeedingForm, FeedingLogForm, LeaveRequestForm,
                           MedicalRecordForm, ShiftForm, TransferForm, VetVisitForm, WeighInForm)
from animals.models import (Animal, FeedingLog, FeedItem, FeedPurchaseOrder, FeedStock, Keeper,
                            LeaveRequest, MedicalRecord, Shift, ShiftSwap, Species, VetVisit,
                            WeighIn)
from animals.rota import rota_grid, week_shifts
from utils.dates import parse_date_or_none, start_of_week, today_local
from utils.decorators import group_required, staff_required


# ---------------------------------------------------------------------------
# Animal register
# ---------------------------------------------------------------------------

class AnimalListView(LoginRequiredMixin, ListView):
    template_name = "animals/animal_list.html"
    paginate_by = 100

    def get_queryset(self):
        qs = Animal.objects.select_related("species", "enclosure")
        status = self.request.GET.get("status", "onsite")
        if status == "onsite":
            qs = qs.on_site()
        elif status:
            qs = qs.filter(status=status)
        if self.request.GET.get("q"):
            q = self.request.GET["q"]
            qs = qs.filter(Q(name__icontains=q) | Q(species__common_name__icontains=q)
                           | Q(zims_id=q) | Q(microchip=q))
        return qs.order_by("species__common_name", "name")


class AnimalDetailView(LoginRequiredMixin, DetailView):
    model = Animal
    template_name = "animals/animal_detail.html"

    def get_queryset(self):
        return Animal.objects.select_related("species", "enclosure")

    def get_context_data(self, **kwargs):
        ctx = super(AnimalDetailView, self).get_context_data(**kwargs)
        a = self.object
        ctx["records"] = a.medical_records.select_related("recorded_by")[:50]
        ctx["visits"] = a.vet_visits.select_related("vet").prefetch_related("prescriptions")
        ctx["weights"] = a.weights.all()[:26]
        ctx["transfers"] = a.transfers.all()
        ctx["diet"] = a.diet_plans.filter(active=True).prefetch_related("lines__item").first()
        ctx["recent_feeds"] = a.feedings.select_related("item", "keeper")[:20]
        return ctx


class AnimalCreateView(LoginRequiredMixin, CreateView):
    model = Animal
    form_class = AnimalForm
    template_name = "animals/animal_form.html"


class AnimalUpdateView(LoginRequiredMixin, UpdateView):
    model = Animal
    form_class = AnimalForm
    template_name = "animals/animal_form.html"


@login_required
def add_medical_record(request, pk):
    animal = get_object_or_404(Animal, pk=pk)
    form = MedicalRecordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        rec = form.save(commit=False)
        rec.animal = animal
        rec.recorded_by = Keeper.objects.filter(user=request.user).first()
        rec.save()
        return redirect("animals:detail", pk=pk)
    return render(request, "animals/record_form.html", {"form": form, "animal": animal})


@group_required("vets")
def add_vet_visit(request, pk):
    animal = get_object_or_404(Animal, pk=pk)
    form = VetVisitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        visit = form.save(commit=False)
        visit.animal = animal
        visit.save()
        # quarantine handled in animals.signals
        return redirect("animals:detail", pk=pk)
    return render(request, "animals/vet_visit_form.html", {"form": form, "animal": animal})


@login_required
def record_weight(request, pk):
    animal = get_object_or_404(Animal, pk=pk)
    form = WeighInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        w = form.save(commit=False)
        w.animal = animal
        w.keeper = Keeper.objects.filter(user=request.user).first()
        w.save()
        Animal.objects.filter(pk=pk).update(last_weight_kg=w.weight_kg)
        return redirect("animals:detail", pk=pk)
    return render(request, "animals/weight_form.html", {"form": form, "animal": animal})


@group_required("curators")
def record_transfer(request, pk):
    animal = get_object_or_404(Animal, pk=pk)
    form = TransferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        t = form.save(commit=False)
        t.animal = animal
        t.approved_by = request.user
        t.save()
        if t.direction == "out":
            animal.status = "transferred"
            animal.enclosure = None
            animal.is_adoptable = False
            animal.save()
        return redirect("animals:detail", pk=pk)
    return render(request, "animals/transfer_form.html", {"form": form, "animal": animal})


@login_required
def weight_chart_json(request, pk):
    data = list(WeighIn.objects.filter(animal_id=pk).order_by("weighed_on")
                .values_list("weighed_on", "weight_kg"))
    return JsonResponse({"points": [[d.isoformat(), float(w)] for d, w in data]})


@group_required("vets")
def quarantine_board(request):
    animals = (Animal.objects.in_quarantine().select_related("species", "enclosure")
               .annotate(last_visit=Max("vet_visits__visit_date")))
    return render(request, "animals/quarantine.html", {"animals": animals})


# ---------------------------------------------------------------------------
# Feeding
# ---------------------------------------------------------------------------

@login_required
def feeding_log(request):
    keeper = Keeper.objects.filter(user=request.user).first()
    form = FeedingLogForm(request.POST or None, section=getattr(keeper, "section", None))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            log = form.save(commit=False)
            log.keeper = keeper
            log.save()
            if not log.refused:
                consume_stock(log.item, log.quantity)
        messages.success(request, "Feed logged")
        return redirect("animals:feeding_log")
    recent = FeedingLog.objects.select_related("animal", "item", "keeper")[:30]
    return render(request, "animals/feeding_log.html", {"form": form, "recent": recent})


@login_required
def bulk_feeding(request):
    form = BulkFeedingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        keeper = Keeper.objects.filter(user=request.user).first()
        item = form.cleaned_data["item"]
        qty = form.cleaned_data["quantity_each"]
        logs = [FeedingLog(animal=a, item=item, quantity=qty, keeper=keeper,
                           fed_at=form.cleaned_data["fed_at"])
                for a in form.cleaned_data["animals"]]
        with transaction.atomic():
            FeedingLog.objects.bulk_create(logs)
            consume_stock(item, qty * len(logs))
        return redirect("animals:feeding_log")
    return render(request, "animals/bulk_feeding.html", {"form": form})


@login_required
def diet_sheet(request):
    d = parse_date_or_none(request.GET.get("date")) or today_local()
    return render(request, "animals/diet_sheet.html",
                  {"date": d, "sheet": diet_sheet_for_day(d, request.GET.get("section"))})


@staff_required
def feed_store(request):
    items = (FeedItem.objects.select_related("supplier")
             .annotate(on_hand=Sum("stock__quantity")).order_by("category", "name"))
    open_pos = FeedPurchaseOrder.objects.filter(status__in=("draft", "sent", "part"))
    return render(request, "animals/feed_store.html", {"items": items, "open_pos": open_pos})


@staff_required
def receive_purchase_order(request, pk):
    po = get_object_or_404(FeedPurchaseOrder, pk=pk)
    if request.method == "POST":
        with transaction.atomic():
            for line in json.loads(po.lines_json):
                received = request.POST.get("recv_%s" % line["item_id"], line["qty"])
                stock, _ = FeedStock.objects.get_or_create(item_id=line["item_id"],
                                                           location="main store")
                FeedStock.objects.filter(pk=stock.pk).update(quantity=F("quantity") + received)
            po.status = "received"
            po.save(update_fields=["status"])
        return redirect("animals:feed_store")
    return render(request, "animals/receive_po.html",
                  {"po": po, "lines": json.loads(po.lines_json)})


# ---------------------------------------------------------------------------
# Rota
# ---------------------------------------------------------------------------

@login_required
def my_rota(request):
    keeper = get_object_or_404(Keeper, user=request.user)
    ws = start_of_week(parse_date_or_none(request.GET.get("week")) or today_local())
    shifts = week_shifts(ws).filter(keeper=keeper, published=True)
    return render(request, "animals/my_rota.html", {"keeper": keeper, "shifts": shifts, "week": ws})


@group_required("head_keepers")
def rota_editor(request):
    ws = start_of_week(parse_date_or_none(request.GET.get("week")) or today_local())
    form = ShiftForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect("%s?week=%s" % (request.path, ws.isoformat()))
    return render(request, "animals/rota_editor.html",
                  {"grid": rota_grid(ws), "week": ws, "form": form})


@login_required
def request_leave(request):
    keeper = get_object_or_404(Keeper, user=request.user)
    form = LeaveRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        lr = form.save(commit=False)
        lr.keeper = keeper
        lr.save()
        messages.info(request, "Leave requested")
        return redirect("animals:my_rota")
    return render(request, "animals/leave_form.html", {"form": form})


@group_required("head_keepers")
def approve_leave(request, pk):
    lr = get_object_or_404(LeaveRequest, pk=pk)
    approver = Keeper.objects.filter(user=request.user).first()
    lr.status = "approved" if request.POST.get("approve") else "declined"
    lr.approved_by = approver
    lr.save()
    if lr.status == "approved":
        # drop any unpublished shifts the keeper had in that period
        Shift.objects.filter(keeper=lr.keeper, date__gte=lr.start_date, date__lte=lr.end_date,
                             published=False).delete()
    return redirect("animals:rota_editor")


@login_required
def request_swap(request, shift_id):
    mine = get_object_or_404(Shift, pk=shift_id, keeper__user=request.user)
    other = get_object_or_404(Shift, pk=request.POST.get("other_shift"))
    ShiftSwap.objects.create(shift_from=mine, shift_to=other, requested_by=mine.keeper)
    return redirect("animals:my_rota")
