import datetime

from django.test import TestCase, override_settings

from attendance.helpers import attendance_rate, is_locked, recompute_daily_summary
from attendance.models import AttendanceRecord
from core.models import School, Student


class AttendanceHelpersTest(TestCase):
    def setUp(self):
        self.school = School.objects.create(code="HVE01", name="Harlow Elementary", kind="elementary")
        self.student = Student.objects.create(state_id="1234567890", local_id="HVE0100001", first_name="Ana",
                                              last_name="Ruiz", birth_date=datetime.date(2015, 3, 4), gender="F",
                                              grade_level=3, school=self.school)

    @override_settings(ATTENDANCE_LOCK_DAYS=5)
    def test_lock(self):
        self.assertTrue(is_locked(datetime.date(2000, 1, 1)))

    def test_full_day_absent(self):
        day = datetime.date(2023, 9, 12)
        AttendanceRecord.objects.create(student=self.student, date=day, status="A")
        summary = recompute_daily_summary(self.student, day)
        self.assertEqual(summary.status, "absent")
        self.assertEqual(attendance_rate(self.student, day, day), 0.0)
