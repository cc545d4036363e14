import datetime
from decimal import Decimal

from django.test import TestCase

from core.models import School, Student
from meals.billing import charge, deposit, get_or_create_account, income_eligibility
from meals.models import MenuItem


class MealBillingTest(TestCase):
    def setUp(self):
        school = School.objects.create(code="HVM01", name="Harlow Middle", kind="middle", lowest_grade=6,
                                       highest_grade=8)
        self.student = Student.objects.create(state_id="2234567890", local_id="HVM0100001", first_name="Ben",
                                              last_name="Ng", birth_date=datetime.date(2011, 1, 2), gender="M",
                                              grade_level=7, school=school)
        MenuItem.objects.create(code="LUNCH", name="Lunch", price_paid=Decimal("3.25"), price_reduced=Decimal("0.40"))

    def test_account_created_on_registration(self):
        self.assertIsNotNone(get_or_create_account(self.student).pin)

    def test_charge_and_deposit(self):
        account = get_or_create_account(self.student)
        deposit(account, "10.00")
        charge(account, "LUNCH")
        account.refresh_from_db()
        self.assertEqual(account.balance, Decimal("6.75"))

    def test_income_table(self):
        self.assertEqual(income_eligibility(4, 30000), "free")
        self.assertEqual(income_eligibility(4, 50000), "reduced")
        self.assertEqual(income_eligibility(4, 90000), "paid")
