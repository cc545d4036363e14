"""Import students from the state SSID extract (CSV, one row per student).

    python manage.py import_students /path/to/extract.csv --school HVE01
"""
import csv

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from common.dates import parse_date
from core.models import School, Student
from core.services import register_student

GENDERS = {"FEMALE": "F", "MALE": "M", "F": "F", "M": "M"}


class Command(BaseCommand):
    help = "Import or update students from the state SSID extract"

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--school", required=True)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options):
        try:
            school = School.objects.get(code=options["school"])
        except School.DoesNotExist:
            raise CommandError("no school %s" % options["school"])
        created = updated = 0
        with open(options["path"], newline="", encoding="latin-1") as fh:
            rows = list(csv.DictReader(fh))
        with transaction.atomic():
            for row in rows:
                ssid = row["SSID"].strip()
                data = self.row_to_data(row, school)
                student = Student.all_objects.filter(state_id=ssid).first()
                if student:
                    for key, value in data.items():
                        setattr(student, key, value)
                    student.save()
                    updated += 1
                else:
                    register_student(dict(data, state_id=ssid))
                    created += 1
            if options["dry_run"]:
                transaction.set_rollback(True)
        self.stdout.write("created %d, updated %d" % (created, updated))

    def row_to_data(self, row, school):
        grade = row["GRADE"].strip().upper()
        level = {"PK": -1, "TK": -1, "KN": 0, "K": 0}.get(grade)
        if level is None:
            level = int(grade)
        return {
            "first_name": row["FIRST"].strip().title(),
            "last_name": row["LAST"].strip().title(),
            "birth_date": parse_date(row["DOB"]),
            "gender": GENDERS.get(row["GENDER"].strip().upper(), "X"),
            "grade_level": level,
            "school": school,
        }
