import random

from legacy.pdf import render_certificate_v1
from legacy.services import generate_code


def test_codes_avoid_ambiguous_characters():
    code = generate_code(length=200, rng=random.Random(7))
    assert len(code) == 200
    assert not set(code) & set("0O1I")


def test_v1_certificate_mentions_the_course():
    assert "Django 101" in render_certificate_v1("Ada", "Django 101", "2021-01-01")
