"""Cases met on real public code bases (Trac, Redash, django-oscar), reduced to a few lines."""

from __future__ import annotations

from pathlib import Path

from decomposer.ingest.cache import FactsCache
from decomposer.ingest.parse import parse_files, parse_one
from decomposer.ingest.resolve import resolve_facts
from decomposer.ingest.scan import scan
from decomposer.model import Facts, History, Parsed, SourceFile


def _facts(tmp_path: Path, files: dict[str, str]) -> Facts:
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    found = scan(tmp_path)
    outcomes = parse_files(found, cache=FactsCache(None), jobs=1)
    return resolve_facts(found, outcomes, History(available=False))


def _edges(facts: Facts, kind: str) -> set[tuple[str, str]]:
    return {(d.source, d.target) for d in facts.dependencies if d.kind == kind}


# ------------------------------------------------------------------ Trac


def test_a_string_of_only_whitespace_is_not_an_internal_error() -> None:
    # trac/util/tests/text.py tests text helpers on strings such as "\u3000" * 12
    text = 'def test():\n    assert strip("\\u3000" * 12) == ""\n'
    source = SourceFile("t.py", "python", len(text), module="t")
    outcome = parse_one((source, text.encode(), None))
    assert isinstance(outcome, Parsed)


def test_a_temporary_table_of_an_upgrade_script_is_not_part_of_the_schema(tmp_path) -> None:
    facts = _facts(tmp_path, {"app/upgrade.py": (
        "def do_upgrade(cursor):\n"
        "    cursor.execute('CREATE TEMPORARY TABLE ticket_old AS SELECT * FROM ticket')\n"
        "    cursor.execute('CREATE TABLE ticket (id integer PRIMARY KEY, summary text)')\n"
        "    cursor.execute('INSERT INTO ticket (id, summary) SELECT id, summary"
        " FROM ticket_old')\n"
    )})
    assert {t.name for t in facts.schema.tables} == {"ticket"}


# ------------------------------------------------------------------ Redash


def test_tables_that_only_tests_create_are_not_invented(tmp_path) -> None:
    # Redash's query-runner tests create "persons" in a throw-away database.
    facts = _facts(tmp_path, {
        "app/schema.sql": "CREATE TABLE queries (id integer PRIMARY KEY, q text);\n",
        "app/store.py": (
            "def save(cursor):\n    cursor.execute('INSERT INTO queries (q) VALUES (1)')\n"
        ),
        "tests/test_runner.py": (
            "def test_run(cursor):\n"
            "    cursor.execute('CREATE TABLE persons (id integer, name text)')\n"
            "    cursor.execute('SELECT name FROM persons')\n"
        ),
    })
    assert {t.name for t in facts.schema.tables} == {"queries"}


# ------------------------------------------------------------------ django-oscar

_OSCAR_LOADING = (
    "def get_class(module_label, classname):\n    pass\n\n"
    "def get_classes(module_label, classnames):\n    pass\n\n"
    "def get_model(app_label, model_name):\n    pass\n"
)


def test_names_bound_by_string_loaders_at_module_level_resolve(tmp_path) -> None:
    facts = _facts(tmp_path, {
        "shop/__init__.py": "",
        "shop/core/__init__.py": "",
        "shop/core/loading.py": _OSCAR_LOADING,
        "shop/apps/__init__.py": "",
        "shop/apps/offer/__init__.py": "",
        "shop/apps/offer/applicator.py": "class Applicator:\n    def apply(self):\n        pass\n",
        "shop/apps/basket/__init__.py": "",
        "shop/apps/basket/forms.py": "class LineForm:\n    pass\n\nclass VoucherForm:\n    pass\n",
        "shop/apps/basket/models.py": (
            "from django.db import models\n\n"
            "class Basket(models.Model):\n    status = models.CharField(max_length=9)\n"
        ),
        "shop/apps/basket/views.py": (
            "from shop.core.loading import get_class, get_classes, get_model\n\n"
            'Applicator = get_class("offer.applicator", "Applicator")\n'
            'LineForm, VoucherForm = get_classes("basket.forms", ("LineForm", "VoucherForm"))\n'
            'Basket = get_model("basket", "basket")\n\n'
            "def view(request):\n"
            "    Applicator().apply()\n"
            "    LineForm()\n"
            "    return Basket.objects.filter(status='open')\n"
        ),
    })
    calls = _edges(facts, "call")
    assert ("shop.apps.basket.views:view", "shop.apps.offer.applicator:Applicator") in calls
    assert ("shop.apps.basket.views:view", "shop.apps.basket.forms:LineForm") in calls
    assert ("shop.apps.basket.views:view", "table:basket_basket") in _edges(facts, "reads")


def test_string_loaders_that_load_from_each_other_do_not_recurse(tmp_path) -> None:
    facts = _facts(tmp_path, {
        "p/__init__.py": "",
        "p/a.py": 'X = get_class("b", "X")\n\ndef f():\n    X()\n',
        "p/b.py": 'X = get_class("a", "X")\n\ndef g():\n    X()\n',
    })
    assert not _edges(facts, "call")


def test_a_model_whose_base_comes_from_a_star_import_has_its_table(tmp_path) -> None:
    # Oscar's models.py: "from .abstract_models import *", concrete models under an if
    facts = _facts(tmp_path, {
        "store/__init__.py": "",
        "store/order/__init__.py": "",
        "store/order/abstract_models.py": (
            "from django.db import models\n\n"
            "class AbstractOrder(models.Model):\n"
            "    number = models.CharField(max_length=9)\n\n"
            "    class Meta:\n        abstract = True\n        app_label = 'order'\n"
        ),
        "store/order/models.py": (
            "from store.order.abstract_models import *\n\n"
            "if not is_model_registered('order', 'Order'):\n"
            "    class Order(AbstractOrder):\n        pass\n"
        ),
        "store/order/views.py": (
            "from store.order.models import Order\n\n"
            "def orders():\n    return Order.objects.all()\n"
        ),
    })
    assert ("store.order.views:orders", "table:order_order") in _edges(facts, "reads")
    assert any(t.name == "order_order" and t.defined_by == "store.order.models:Order"
               for t in facts.schema.tables)


def test_a_model_whose_base_is_imported_by_name_has_its_table(tmp_path) -> None:
    # Oscar's partner/models.py: "from ...abstract_models import AbstractPartner", and no
    # word in the file that says "model" to a quick scan
    facts = _facts(tmp_path, {
        "store/__init__.py": "",
        "store/partner/__init__.py": "",
        "store/partner/abstract_models.py": (
            "from django.db import models\n\n"
            "class AbstractPartner(models.Model):\n"
            "    name = models.CharField(max_length=9)\n\n"
            "    class Meta:\n        abstract = True\n        app_label = 'partner'\n"
        ),
        "store/partner/models.py": (
            "from store.partner.abstract_models import AbstractPartner\n"
            "from collections import OrderedDict\n\n"
            "if not is_registered('partner', 'Partner'):\n"
            "    class Partner(AbstractPartner):\n        pass\n\n"
            "class Ordering(OrderedDict):\n    pass\n"
        ),
    })
    tables = {t.name: t.defined_by for t in facts.schema.tables}
    assert tables == {"partner_partner": "store.partner.models:Partner"}


# ------------------------------------------------------------------ Saleor


def test_classes_that_only_look_like_django_models_get_no_table(tmp_path) -> None:
    facts = _facts(tmp_path, {
        "app/__init__.py": "",
        "app/models.py": (
            "from django.db import models\n\n"
            "class Order(models.Model):\n    number = models.CharField(max_length=9)\n"
        ),
        # graphene types say "class Meta: abstract = True" too
        "app/mutations.py": (
            "import graphene\n\n"
            "class BaseMutation(graphene.Mutation):\n"
            "    class Meta:\n        abstract = True\n\n"
            "class FileUpload(BaseMutation):\n    pass\n"
        ),
        # a pydantic base of the project, named like a model
        "app/editorjs.py": (
            "from pydantic import BaseModel as UnsafeBaseModel\n\n"
            "class StrictBaseModel(UnsafeBaseModel):\n    pass\n\n"
            "class EditorJSBlock(StrictBaseModel):\n    pass\n"
        ),
        # a query expression with an output field
        "app/expressions.py": (
            "from django.db.models import JSONField\n"
            "from django.db.models.expressions import Expression\n\n"
            "class JsonConcatenate(Expression):\n    output_field = JSONField()\n"
        ),
    })
    assert {t.name for t in facts.schema.tables} == {"app_order"}


def test_code_in_a_hidden_folder_is_skipped_with_a_reason(tmp_path) -> None:
    # Saleor's .semgrep/ holds rule fixtures: "test_*" functions that are no module of it
    facts = _facts(tmp_path, {
        "app/views.py": "def index():\n    pass\n",
        ".semgrep/rules/no-print.py": "def test_ok():\n    pass\n",
    })
    assert [s.id for s in facts.symbols] == ["app.views:index"]
    assert any(s.path == ".semgrep/" and "hidden" in s.reason for s in facts.scan.skipped)


def test_later_django_migrations_name_a_db_table_model_by_its_real_table(tmp_path) -> None:
    # Property-management monolith: Invoice has db_table "rent_invoice"; 0002 adds a field
    # to "invoice" and another app points a foreign key at "core.invoice". Django itself
    # resolves both to rent_invoice; so must we, or phantom tables split contexts.
    facts = _facts(tmp_path, {
        "core/__init__.py": "",
        "core/migrations/__init__.py": "",
        "core/migrations/0001_initial.py": (
            "from django.db import migrations, models\n"
            "class Migration(migrations.Migration):\n"
            "    operations = [migrations.CreateModel(name='Invoice', fields=[\n"
            "        ('id', models.AutoField(primary_key=True)),\n"
            "        ('total', models.DecimalField(max_digits=9, decimal_places=2))],\n"
            "        options={'db_table': 'rent_invoice'})]\n"),
        "core/migrations/0002_more.py": (
            "from django.db import migrations, models\n"
            "class Migration(migrations.Migration):\n"
            "    operations = [migrations.AddField(model_name='invoice', name='note',\n"
            "        field=models.TextField(default=''))]\n"),
        "billing/__init__.py": "",
        "billing/migrations/__init__.py": "",
        "billing/migrations/0001_initial.py": (
            "from django.db import migrations, models\n"
            "class Migration(migrations.Migration):\n"
            "    operations = [migrations.CreateModel(name='Payment', fields=[\n"
            "        ('id', models.AutoField(primary_key=True)),\n"
            "        ('invoice', models.ForeignKey(on_delete=models.CASCADE,\n"
            "                                      to='core.invoice'))])]\n"),
    })
    tables = {t.name: t for t in facts.schema.tables}
    assert set(tables) == {"rent_invoice", "billing_payment"}
    assert {c.name for c in tables["rent_invoice"].columns} >= {"id", "total", "note"}
    assert [fk.ref_table for fk in tables["billing_payment"].foreign_keys] == ["rent_invoice"]


# ------------------------------------------------------------------ AdventureWorks


def test_a_utf16_script_from_sql_server_has_its_tables_and_keys_read(tmp_path) -> None:
    # instawdb.sql ships as UTF-16 with a BOM and CRLF; it used to be skipped as binary
    script = ("CREATE TABLE [Sales].[Customer] ([CustomerID] int NOT NULL PRIMARY KEY);\r\n"
              "GO\r\n"
              "CREATE TABLE [Sales].[SalesOrderHeader] ([SalesOrderID] int PRIMARY KEY,\r\n"
              "  [CustomerID] int REFERENCES [Sales].[Customer] ([CustomerID]));\r\nGO\r\n")
    (tmp_path / "instawdb.sql").write_bytes(b"\xff\xfe" + script.encode("utf-16-le"))
    facts = _facts(tmp_path, {})
    assert {t.name for t in facts.schema.tables} == {"customer", "salesorderheader"}
    assert [(t.name, k.ref_table) for t in facts.schema.tables for k in t.foreign_keys] == [
        ("salesorderheader", "customer")]


# ------------------------------------------------------------------ long concatenations


def test_sql_built_from_a_long_concatenation_keeps_its_file() -> None:
    # before: 500 strings joined by + made the whole file "too deeply nested to analyse"
    terms = " + ".join(f'" AND c{i} = 1"' for i in range(900))
    text = (f'def search(conn):\n    sql = "SELECT id FROM orders WHERE 1 = 1" + {terms}\n'
            "    return conn.execute(sql)\n\n\ndef other():\n    return 1\n")
    source = SourceFile("app/search.py", "python", len(text), module="app.search")
    outcome = parse_one((source, text.encode(), None))
    assert isinstance(outcome, Parsed)
    assert [s.id for s in outcome.facts.symbols] == ["app.search:search", "app.search:other"]
    assert ("orders", "read") in {(a.table, a.mode) for a in outcome.facts.accesses}
