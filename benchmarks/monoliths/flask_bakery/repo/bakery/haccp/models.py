import datetime

from peewee import (BooleanField, CharField, DateField, DateTimeField,
                    FloatField, ForeignKeyField, IntegerField, TextField)

from bakery.db import BaseModel
from bakery.models import Ingredient, Product, Shop


class Equipment(BaseModel):
    shop = ForeignKeyField(Shop, backref="equipment")
    name = CharField()  # "Walk-in fridge", "Deck oven 2" ...
    kind = CharField(default="fridge")  # fridge / freezer / oven / hot_hold / probe
    min_c = FloatField(null=True)
    max_c = FloatField(null=True)
    probe_id = CharField(null=True, unique=True)
    active = BooleanField(default=True)

    class Meta:
        table_name = "haccp_equipment"


class Reading(BaseModel):
    equipment = ForeignKeyField(Equipment, backref="readings")
    value_c = FloatField()
    taken_at = DateTimeField(default=datetime.datetime.utcnow, index=True)
    source = CharField(default="manual")  # manual / probe
    taken_by = CharField(null=True)
    out_of_range = BooleanField(default=False)

    class Meta:
        table_name = "haccp_readings"


class CleaningSchedule(BaseModel):
    shop = ForeignKeyField(Shop)
    task = CharField()
    area = CharField(null=True)
    frequency = CharField(default="daily")  # daily / weekly / monthly
    due_by = CharField(default="close")  # open / midday / close
    active = BooleanField(default=True)

    class Meta:
        table_name = "cleaning_schedules"


class CleaningCheck(BaseModel):
    schedule = ForeignKeyField(CleaningSchedule, backref="checks")
    check_date = DateField(default=datetime.date.today)
    done = BooleanField(default=True)
    done_by = CharField(null=True)
    signed_off_by = CharField(null=True)
    comment = TextField(null=True)

    class Meta:
        table_name = "cleaning_checks"


class AllergenDeclaration(BaseModel):
    # One row per (ingredient, allergen) from the supplier spec sheet,
    # or per (product, allergen) for "may contain" cross-contact notes.
    ingredient = ForeignKeyField(Ingredient, null=True, backref="allergens")
    product = ForeignKeyField(Product, null=True, backref="allergen_notes")
    allergen = CharField()  # one of the 14 UK allergens
    level = CharField(default="contains")  # contains / may_contain
    spec_sheet_url = CharField(null=True)
    verified_on = DateField(null=True)

    class Meta:
        table_name = "allergen_declarations"


class Incident(BaseModel):
    shop = ForeignKeyField(Shop)
    occurred_at = DateTimeField(default=datetime.datetime.utcnow)
    category = CharField()  # temperature / pest / allergen / foreign_body / other
    description = TextField()
    corrective_action = TextField(null=True)
    reported_by = CharField(null=True)
    closed = BooleanField(default=False)
    equipment_id = IntegerField(null=True)
    severity = IntegerField(default=1)

    class Meta:
        table_name = "haccp_incidents"


UK_ALLERGENS = [
    "celery", "cereals_gluten", "crustaceans", "eggs", "fish", "lupin", "milk",
    "molluscs", "mustard", "tree_nuts", "peanuts", "sesame", "soya", "sulphites",
]

HACCP_MODELS = [Equipment, Reading, CleaningSchedule, CleaningCheck, AllergenDeclaration, Incident]
