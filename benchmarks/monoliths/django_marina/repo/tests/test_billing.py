from decimal import Decimal

from django.test import TestCase

from boats.models import Owner
from main import billing


class BillingTests(TestCase):
    def setUp(self):
        self.owner = Owner.objects.create(account_ref='C00001', first_name='Ann', surname='Test')

    def test_totals(self):
        inv = billing.create_invoice(self.owner, source='berth')
        billing.add_line(inv, 'Berth', Decimal('100.00'))
        inv.refresh_from_db()
        self.assertEqual(inv.gross_total, Decimal('120.00'))

    def test_payment_marks_paid(self):
        inv = billing.create_invoice(self.owner, source='berth')
        billing.add_line(inv, 'Berth', Decimal('10.00'))
        billing.issue_invoice(inv, send=False)
        billing.record_payment(inv, Decimal('12.00'), 'card')
        inv.refresh_from_db()
        self.assertEqual(inv.status, 'paid')
