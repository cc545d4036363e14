"""
Old code kept around "just in case". Most of this is not called any more.
TODO: delete after the 2020 audit (it is now 2022...)
"""
import csv
import datetime

from django.db import connection
from django.http import HttpResponse


def legacy_float_money(value):
    """Pre-Decimal money formatting from the PHP days. DO NOT USE."""
    try:
        return "%.2f" % float(value)
    except (TypeError, ValueError):
        return "0.00"


def legacy_date(value):
    if not value:
        return ""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.strftime("%d/%m/%Y")
    return str(value)


def export_adopters_csv_v1(request):
    """v1 adopter export for the fundraising team. Replaced by the admin action."""
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="adopters.csv"'
    writer = csv.writer(response)
    writer.writerow(["Adopter", "Email", "Animal", "Package", "Start", "End"])
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT a.adopter_name, a.adopter_email, an.name, a.package,
                   a.start_date, a.end_date
            FROM core_adoption a
            JOIN animals_animal an ON an.id = a.animal_id
            ORDER BY a.start_date DESC
            """
        )
        for row in cursor.fetchall():
            writer.writerow([row[0], row[1], row[2], row[3],
                             legacy_date(row[4]), legacy_date(row[5])])
    return response


def old_rota_excel(week_start):
    """Rota export for the old Excel template. The keepers now use the app."""
    rows = []
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT k.staff_number, k.first_name || ' ' || k.last_name, s.date,
                   s.start_time, s.end_time, s.section
            FROM animals_shift s
            JOIN animals_keeper k ON k.id = s.keeper_id
            WHERE s.date >= %s AND s.date < %s
            ORDER BY k.last_name, s.date
            """,
            [week_start, week_start + datetime.timedelta(days=7)],
        )
        for r in cursor.fetchall():
            rows.append("\t".join(str(x) for x in r))
    return "\n".join(rows)


def old_feed_cost_per_animal():
    # Was used by the 2018 budget spreadsheet. Numbers were wrong anyway
    # (ignored refused feeds).
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT fl.animal_id, SUM(fl.quantity * fi.unit_cost)
            FROM animals_feedinglog fl
            JOIN animals_feeditem fi ON fi.id = fl.item_id
            GROUP BY fl.animal_id
            """
        )
        return dict(cursor.fetchall())
