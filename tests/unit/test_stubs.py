"""Generated artifacts: golden files for every generator, and the rules behind them.

Regenerate the golden files after an intended change with
``DECOMPOSER_UPDATE_GOLDEN=1 python -m pytest tests/unit/test_stubs.py``.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from test_stubs_inputs import tiny_analysis

from decomposer.errors import UsageError
from decomposer.model import Route
from reports.stubs import GENERATORS, generate
from reports.stubs.naming import comment_text, go_string, pascal, service_names
from reports.stubs.routes import http_routes
from reports.stubs.sql_schema import cut_foreign_keys
from reports.stubs.types import from_python, from_sql

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "stubs"


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> tuple[Path, tuple]:
    out = tmp_path_factory.mktemp("stubs")
    return out, generate(tiny_analysis(), out)


def _files(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text() for p in sorted(root.rglob("*"))
            if p.is_file()}


@pytest.mark.parametrize("kind", ["proto", "go", "sql", "events", "gateway", "contracts"])
def test_generator_output_matches_its_golden_files(output, kind):
    out, artifacts = output
    produced = {a.path: (out / a.path).read_text() for a in artifacts if a.kind == kind}
    assert produced
    if os.environ.get("DECOMPOSER_UPDATE_GOLDEN"):
        for path, text in produced.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(text)
    golden = _files(GOLDEN)
    assert produced == {p: golden.get(p) for p in produced}


def test_golden_folder_has_no_stale_files(output):
    _, artifacts = output
    assert set(_files(GOLDEN)) == {a.path for a in artifacts}


def test_output_is_deterministic(tmp_path):
    first = generate(tiny_analysis(), tmp_path / "a")
    second = generate(tiny_analysis(), tmp_path / "b")
    assert first == second
    assert _files(tmp_path / "a") == _files(tmp_path / "b")


def test_artifacts_are_sorted_and_relative(output):
    _, artifacts = output
    paths = [a.path for a in artifacts]
    assert paths == sorted(paths) and not any(p.startswith("/") for p in paths)


def test_unknown_target_or_dialect_is_a_usage_error(tmp_path):
    assert "go" in GENERATORS
    with pytest.raises(UsageError, match="did you mean 'go'"):
        generate(tiny_analysis(), tmp_path, target="goo")
    with pytest.raises(UsageError, match="mysql"):
        generate(tiny_analysis(), tmp_path, schema_dialect="mysq")


def test_mysql_schema_uses_backquotes(tmp_path):
    generate(tiny_analysis(), tmp_path, schema_dialect="mysql")
    text = (tmp_path / "schemas" / "orders.sql").read_text()
    assert "CREATE TABLE `orders`.`orders`" in text and '"orders"' not in text


def test_docstrings_cannot_break_out_of_comments(output):
    out, _ = output
    proto = (out / "services/orders/api/orders/v1/orders.proto").read_text()
    assert "*/" not in proto and "/*" not in proto and proto.isascii()
    assert "Create an order." in proto


def test_names_are_safe_for_go_and_proto():
    names = service_names(["package", "billing-v2", "Catalog Ünits", "shared-utils", "9lives"])
    assert names["package"].go_package == "packagev1"
    assert names["billing-v2"].proto_package == "billing_v2.v1"
    assert names["Catalog Ünits"].slug == "catalog-units"
    assert names["shared-utils"].slug == "shared-utils-2"  # the kernel module keeps its name
    assert names["9lives"].slug == "c-9lives"
    assert pascal("get_2fa_code") == "Get2FaCode"  # what protoc-gen-go would make of it


def test_text_is_escaped_for_go_strings_and_comments():
    assert go_string('a "b" \\ é\n') == '"a \\"b\\" \\\\ \\u00e9\\u000a"'
    assert comment_text("x */ y\nz") == "x * / y z"


def test_types_follow_hints_then_defaults_then_names():
    assert from_python("Optional[int]").proto == "int64"
    assert from_python("list[Order]", entities={"Order": "Order"}).repeated
    assert from_python(None, "True").kind == "bool"
    assert from_python(None, None, "created_at").proto == ".google.protobuf.Timestamp"
    assert from_sql("NUMERIC(10,2)").kind == "decimal"
    assert from_sql("INT(11) UNSIGNED").kind == "int"
    assert from_sql("money_t").kind == "string"


def test_model_field_types_become_sql_types():
    # before: a Django project's schemas were all TEXT and its messages all strings
    from reports.stubs.sql_schema import _portable_type

    sql = {t: _portable_type(t, in_key=False)[0] for t in (
        "AutoField", "ForeignKey", "CharField", "DecimalField", "DateTimeField",
        "BooleanField", "id", "reference person", "double", "upload", "BIGSERIAL",
        "LargeBinary")}
    assert sql == {"AutoField": "SERIAL", "ForeignKey": "INT", "CharField": "TEXT",
                   "DecimalField": "DECIMAL", "DateTimeField": "TIMESTAMP",
                   "BooleanField": "BOOLEAN", "id": "SERIAL", "reference person": "INT",
                   "double": "DOUBLE PRECISION", "upload": "TEXT", "BIGSERIAL": "BIGSERIAL",
                   "LargeBinary": "BLOB"}
    assert [from_sql(t).kind for t in ("IntegerField", "ForeignKeyField", "DateField")] == [
        "int", "int", "timestamp"]
    # sizes the model states (ingest writes them as CharField(120), DecimalField(10, 2))
    assert [_portable_type(t, in_key=False)[0] for t in ("CharField(120)",
                                                         "DecimalField(10, 2)")] == [
        "VARCHAR(120)", "DECIMAL(10, 2)"]
    # SQLObject's columns, Storm's properties, and Odoo's, which ingest writes as SQL types
    assert [_portable_type(t, in_key=False)[0] for t in (
        "StringCol(100)", "IntCol", "BoolCol", "DateTimeCol", "VARCHAR(64)", "NUMERIC")] == [
        "VARCHAR(100)", "INT", "BOOLEAN", "TIMESTAMP", "VARCHAR(64)", "DECIMAL"]
    assert [_portable_type(t, in_key=False)[0] for t in (
        "Int", "Unicode", "Bool", "DateTime", "RawStr", "Decimal")] == [
        "INT", "TEXT", "BOOLEAN", "TIMESTAMP", "BLOB", "DECIMAL"]


def test_route_parameters_are_named_once_per_place():
    routes = {(r.method, r.gin_path): r for r in http_routes(tiny_analysis())}
    assert ("GET", "/orders/:id") in routes and ("GET", "/orders/:id/lines") in routes
    assert routes[("GET", "/orders/:id")].params[0].original == "order_id"
    assert ("GET", "/invoices/:invoice_id") in routes  # "<id>.pdf" becomes a whole parameter
    assert {m for m, p in routes if p == "/items/:pk"} == {"GET", "POST", "PUT", "PATCH",
                                                           "DELETE"}


def test_routes_that_coincide_after_normalising_keep_the_first_handler():
    analysis = tiny_analysis()
    extra = Route("shop.billing.api:invoice_pdf", "/invoices/<int:invoice_id>", ("GET",),
                  "flask", "shop/billing/api.py", 20, "shop.billing.api")
    facts = replace(analysis.facts, routes=analysis.facts.routes + (extra,))
    routes = [r for r in http_routes(replace(analysis, facts=facts))
              if r.gin_path == "/invoices/:invoice_id"]
    assert len(routes) == 1


def test_pyramid_placeholders_with_a_pattern_become_parameters():
    # {id:\d+} constrains the id to digits (an int, as Flask's <int:id>); *subpath is the
    # rest of the path. Before, the pattern's characters were kept as text ("idd").
    analysis = tiny_analysis()
    extra = (Route("resort.views:toggle", "/lifts/{lift_id:\\d+}/toggle", ("POST",),
                   "pyramid", "resort/views.py", 9, "resort.views"),
             Route("resort.views:static", "/static/*subpath", ("GET",), "pyramid",
                   "resort/views.py", 19, "resort.views"))
    facts = replace(analysis.facts, routes=analysis.facts.routes + extra)
    routes = {r.gin_path: r for r in http_routes(replace(analysis, facts=facts))}
    assert routes["/lifts/:lift_id/toggle"].params[0].converter == "int"
    assert routes["/static/:subpath"].params[0].converter == "path"


def test_webpy_groups_become_parameters_typed_by_their_expression():
    # web.py's unnamed groups: (\d+) is an int, (\d+|new) a string
    analysis = tiny_analysis()
    extra = (Route("dairy:MemberEdit", "/members/(\\d+)/edit", ("GET", "POST"), "webpy",
                   "dairy.py", 20, "dairy"),
             Route("dairy:FarmEdit", "/farms/(\\d+|new)", ("GET",), "webpy", "dairy.py", 21,
                   "dairy"))
    facts = replace(analysis.facts, routes=analysis.facts.routes + extra)
    found = http_routes(replace(analysis, facts=facts))
    routes = {r.gin_path: r for r in found}
    assert routes["/members/:param/edit"].params[0].converter == "int"
    assert {r.method for r in found if r.handler == "dairy:MemberEdit"} == {"GET", "POST"}
    assert routes["/farms/:param"].params[0].converter == ""


def test_cross_context_foreign_keys_are_cut_and_listed():
    cut = cut_foreign_keys(tiny_analysis())
    assert [(c.table, c.ref_table, c.ref_context) for c in cut] == [
        ("orders", "customers", "billing-v2")]


def test_shared_read_table_becomes_a_replica_fed_by_events(output):
    out, _ = output
    sql = (out / "schemas/orders.sql").read_text()
    assert '"orders"."customers_replica"' in sql and "CustomerCreated" in sql
    assert '"orders"."customers" ' not in sql


def test_chatty_calls_become_one_aggregate_rpc(output):
    out, _ = output
    proto = (out / "services/billing-v2/api/billing-v2/v1/billing-v2.proto").read_text()
    assert "rpc BatchOrdersCalls(" in proto
    assert "rpc PriceFor(" not in proto and "message PriceForRequest" in proto


def test_only_services_using_the_kernel_replace_shared_utils(output):
    out, _ = output
    assert "replace shared-utils => ../shared-utils" in (out / "services/orders/go.mod"
                                                         ).read_text()
    assert "shared-utils" not in (out / "services/package/go.mod").read_text()


def test_events_and_gateway_are_plain_data(output):
    out, _ = output
    events = yaml.safe_load((out / "events/billing-v2.yaml").read_text())
    assert set(events["channels"]) == {"billing-v2.customers.created",
                                       "billing-v2.customers.renamed"}
    gateway = json.loads((out / "gateway/krakend.json").read_text())
    assert gateway["version"] == 3


def test_every_go_field_has_a_tag_that_holds_its_column_name():
    from reports.stubs.go_service import _go_tag

    assert _go_tag("created_at") == '`db:"created_at" json:"created_at"`'
    assert _go_tag("Émail") == '`db:"Émail" json:"Émail"`'  # a tag is UTF-8 text
    # nothing left to hold: mapped to nothing, and the line keeps gofmt's alignment
    assert _go_tag('" `') == '`db:"-" json:"-"`'
