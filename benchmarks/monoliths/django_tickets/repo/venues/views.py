from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render

from common.decorators import staff_required
from venues.forms import SeatMapUploadForm
from venues.models import Hall, Venue
from venues.seatmap import SeatMapError, build_seats, parse_seatmap_csv


def venue_list(request):
    venues = Venue.objects.alive().order_by("name")
    return render(request, "venues/list.html", {"venues": venues})


def venue_detail(request, slug):
    venue = get_object_or_404(Venue.objects.alive(), slug=slug)
    return render(request, "venues/detail.html", {"venue": venue, "halls": venue.halls.all()})


def hall_seatmap(request, hall_id):
    hall = get_object_or_404(Hall, pk=hall_id)
    sections = []
    for section in hall.sections.prefetch_related("seats"):
        sections.append({
            "code": section.code,
            "name": section.name,
            "seats": [{"id": s.id, "row": s.row, "number": s.number, "accessible": s.is_accessible}
                      for s in section.seats.all() if s.is_active],
        })
    return JsonResponse({"hall": hall.name, "sections": sections})


@staff_required
def seatmap_upload(request):
    form = SeatMapUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["csv_file"].read().decode("utf-8-sig")
        try:
            created = build_seats(form.cleaned_data["hall"], parse_seatmap_csv(text),
                                  replace=form.cleaned_data["replace"])
        except SeatMapError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"{created} seats created")
            return redirect("venues:list")
    return render(request, "venues/seatmap_upload.html", {"form": form})
