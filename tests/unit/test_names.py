"""Names as written -> symbol ids: imports, aliases, re-exports, stars, self, Django labels."""

from __future__ import annotations

import textwrap

import pytest

from decomposer.ingest.names import Namespace
from decomposer.ingest.python_facts import extract_python_facts
from decomposer.ingest.source import parse_source


def module(name: str, src: str, *, package: bool = False):
    text = textwrap.dedent(src).lstrip("\n")
    path = name.replace(".", "/") + ("/__init__.py" if package else ".py")
    return extract_python_facts(parse_source(text.encode(), path).tree, text, module=name,
                                path=path, is_package=package)


@pytest.fixture(scope="module")
def names() -> Namespace:
    return Namespace([
        module("shop", "from shop.models import Order\n", package=True),
        module("shop.models", """
            class Model:
                def save(self):
                    pass

            class Order(Model):
                status = "new"

                def ship(self):
                    pass

            class Customer(Model):
                pass
        """),
        module("shop.orders", "", package=True),
        module("shop.orders.models", "class Order:\n    pass\n"),
        module("shop.helpers", """
            from shop.models import Customer

            def fmt(x):
                return x
        """),
        module("shop.repos", """
            class Repository:
                def find(self):
                    pass
        """),
        module("shop.base", """
            from shop.repos import Repository

            class Service:
                repo = Repository()

                def validate(self):
                    pass
        """),
        module("shop.views", """
            import shop.models
            import shop.models as m
            from shop import Order as O
            from shop.helpers import *
            from . import models
            from .base import Service

            def view():
                pass

            class PaymentService(Service):
                def pay(self):
                    pass
        """),
    ])


@pytest.mark.parametrize("raw, expected", [
    ("O", "shop.models:Order"),  # alias of a name re-exported by the package __init__
    ("O.ship", "shop.models:Order"),  # a method rolls up into its class
    ("O.save", "shop.models:Model"),  # an inherited method belongs to the base
    ("O.status", "shop.models:Order"),  # a class attribute
    ("O.objects.filter", "shop.models:Order"),  # manager chains are uses of the model
    ("m.Customer", "shop.models:Customer"),  # aliased module
    ("shop.models.Customer.save", "shop.models:Model"),  # "import a.b" binds a
    ("models.Order", "shop.models:Order"),  # from . import models
    ("fmt", "shop.helpers:fmt"),  # star import
    ("Customer", "shop.models:Customer"),  # star import of a re-imported name
    ("view", "shop.views:view"),  # same module
    ("PaymentService.validate", "shop.base:Service"),
    ("unknown.thing", None),
    ("len", None),
    ("shop.models", None),  # a module is not a symbol
])
def test_names_resolve_like_a_reader_would(names, raw, expected):
    assert names.resolve("shop.views:view", raw) == expected


def test_self_methods_resolve_up_the_class_hierarchy(names):
    assert names.resolve("shop.views:PaymentService", "self.pay") == "shop.views:PaymentService"
    assert names.resolve("shop.views:PaymentService", "self.validate") == "shop.base:Service"
    assert names.resolve("shop.views:PaymentService", "self.missing") is None
    assert names.resolve("shop.views", "self.pay") is None  # no class at module level


def test_attribute_typed_in_a_base_class_resolves_in_the_base_module(names):
    # Repository is imported by shop.base, not by shop.views: the base's imports count.
    assert names.resolve("shop.views:PaymentService", "self.repo.find") == \
        "shop.repos:Repository"


def test_module_level_import_is_seen_from_inside_a_symbol(names):
    assert names.resolve("shop.views:PaymentService", "m.Customer") == "shop.models:Customer"


def test_bases_are_resolved_to_internal_classes_only(names):
    assert names.bases("shop.models:Order") == ("shop.models:Model",)
    assert names.bases("shop.views:PaymentService") == ("shop.base:Service",)
    assert names.bases("shop.models:Model") == ()


def test_lookup_of_absolute_names_follows_reexports(names):
    assert names.lookup("shop.Order") == "shop.models:Order"
    assert names.lookup("shop.helpers.Customer") == "shop.models:Customer"
    assert names.lookup("shop.models.Order.ship") == "shop.models:Order"
    assert names.lookup("shop.nothing") is None
    assert names.lookup("requests.get") is None


@pytest.mark.parametrize("raw, expected", [
    ("shop.models.Customer", "shop.models:Customer"),  # a loader's dotted path
    ("orders.Order", "shop.orders.models:Order"),  # Django "app.Model"
    ("shop.Order", "shop.models:Order"),  # re-export wins over the label
    ("Customer", "shop.models:Customer"),  # a name the module can see
    ("billing.Invoice", None),
])
def test_string_references_resolve_dotted_paths_and_django_labels(names, raw, expected):
    assert names.resolve_string("shop.views:view", raw) == expected


def test_ambiguous_django_label_resolves_to_nothing():
    ns = Namespace([module("one.a.models", "class Item:\n    pass\n"),
                    module("two.a.models", "class Item:\n    pass\n")])
    assert ns.resolve_string("x", "a.Item") is None


def test_reexport_cycles_end_without_an_answer():
    ns = Namespace([module("p", "from q import thing\n", package=True),
                    module("q", "from p import thing\n", package=True)])
    assert ns.lookup("p.thing") is None


def test_attribute_types_that_point_at_themselves_do_not_loop():
    ns = Namespace([module("m", """
        class A:
            def __init__(self):
                self.a = self.B()
                self.B = self.A()
                self.A = self.B()
    """)])
    assert ns.resolve("m:A", "self.a.find") is None
