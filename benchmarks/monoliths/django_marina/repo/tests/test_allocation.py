from decimal import Decimal

from django.test import TestCase

from main.allocation import _fits
from main.models import Berth, Pontoon


class FitTests(TestCase):
    def test_too_long(self):
        p = Pontoon.objects.create(code='A', name='A')
        b = Berth(pontoon=p, number='1', length_m=Decimal('10'), width_m=Decimal('3.5'))
        boat = type('B', (), {'loa_m': Decimal('10'), 'beam_m': Decimal('3'), 'draft_m': Decimal('1.5')})()
        self.assertFalse(_fits(b, boat))
