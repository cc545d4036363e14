import datetime

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from common.dates import parse_date, school_year_bounds, school_year_for, school_year_label, today
from common.decorators import role_required, staff_required
from common.formatting import percent
from common.views import csv_response
from reports import queries
from reports.models import ReportCard


def _range(request):
    year = school_year_for()
    start, end = school_year_bounds(year)
    start = parse_date(request.GET["start"]) if request.GET.get("start") else start
    end = parse_date(request.GET["end"]) if request.GET.get("end") else min(end, today())
    return start, end


@role_required("admin")
def enrolment_report(request):
    year = int(request.GET.get("year") or school_year_for())
    rows = queries.enrolment_counts_by_school(year)
    if request.GET.get("format") == "csv":
        return csv_response("enrolment-%d.csv" % year, ["School", "Name", "Grade", "Students"],
                            [(r["code"], r["name"], r["grade_level"], r["students"]) for r in rows])
    return render(request, "reports/enrolment.html", {"rows": rows, "year": year, "label": school_year_label(year)})


@role_required("admin", "counsellor")
def attendance_report(request):
    start, end = _range(request)
    rows = queries.attendance_rate_by_school(start, end)
    for row in rows:
        row["rate"] = percent(row["days"] - row["absent"] - 0.5 * row["half"], row["days"])
    return render(request, "reports/attendance.html", {"rows": rows, "start": start, "end": end})


@role_required("admin")
def ridership_report(request):
    rows = queries.ridership_by_route()
    for row in rows:
        seats = row["seats"] or row["capacity"]
        row["load"] = percent(row["riders"], seats)
    return render(request, "reports/ridership.html", {"rows": rows})


@role_required("admin", "cafeteria")
def meal_claim_report(request):
    month = parse_date(request.GET["month"]) if request.GET.get("month") else today().replace(day=1)
    month_start = month.replace(day=1)
    month_end = (month_start + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    rows = queries.meal_claim_counts(month_start, month_end)
    if request.GET.get("format") == "csv":
        return csv_response("meal-claim-%s.csv" % month_start.strftime("%Y-%m"),
                            ["School", "Eligibility", "Meals"],
                            [(r["code"], r["eligibility"], r["meals"]) for r in rows])
    return render(request, "reports/meal_claim.html", {"rows": rows, "month": month_start})


@staff_required
def report_card_view(request, pk):
    card = get_object_or_404(ReportCard, pk=pk)
    if request.GET.get("pdf"):
        if not card.pdf:
            raise Http404("No PDF yet")
        return FileResponse(card.pdf.open("rb"), content_type="application/pdf")
    from reports.cards import card_context
    return render(request, "reports/card.html", card_context(card))
