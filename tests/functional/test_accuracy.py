"""Clustering against known true partitions: the bundled sample and the evaluation monoliths.

The floors sit below the figures measured when the defaults were chosen (README), so a
change that makes contexts clearly worse fails here; benchmarks/accuracy.py prints them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from decomposer import pipeline
from decomposer.config import load_config
from decomposer.demo import materialize

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from accuracy import contract_assignment, score  # noqa: E402

CASES = {
    "legacy_shop": (ROOT / "samples/legacy_shop", ROOT / "samples/legacy_shop.history.json",
                    ROOT / "samples/legacy_shop.expected.json"),
    **{name: (ROOT / f"benchmarks/monoliths/{name}/repo",
              ROOT / f"benchmarks/monoliths/{name}/history.json",
              ROOT / f"benchmarks/monoliths/{name}/truth.json")
       for name in ("flask_godmodule", "sqlalchemy_layers", "django_lying", "bottle_hotel",
                    "layers_payroll", "django_property", "fastapi_rental", "django_tickets",
                    "flask_delivery", "flask_vetclinic", "django_gym", "layers_insurance",
                    "py2_wholesale", "django_schools", "layers_permits", "flat_newspaper",
                    "flat_busco", "flat_dairy", "layers_wine", "layers_homecare",
                    "django_cowork", "django_marina", "flat_water", "layers_ski",
                    "django_dental", "django_parking", "flat_library", "layers_ground",
                    "django_charity", "flat_sports", "layers_freight", "django_housing",
                    "batch_telecom", "django_theatre", "flat_dealer", "pyramid_lab",
                    "flat_brewery", "layers_farm", "django_garage", "flask_festival",
                    "flat_pharmacy", "layers_waste", "django_university", "flask_carshare",
                    "flat_laundry", "layers_solar", "django_zoo", "flask_bakery")},
}
# (ARI, MoJoFM, table ownership, contexts off the truth). The evaluation monoliths were
# measured at ARI 0.69-0.92, MoJoFM 85-97, ownership 0.87-1.00; the bundled sample at
# 0.63 / 76 / 0.82. Written blind and below the bar: django_tickets at
# 0.71 / 85 / 0.84 when its floor was set (0.75 / 88 / 0.92 now), layers_permits at
# 0.69 / 89 / 0.91 and flat_newspaper at 0.58 / 81 / 0.82 (Direct Debit apart from the
# rest of billing, customer service with the subscribers). The last six, written blind in
# session 16 (0.65 and 0.63 on arrival; nothing was tuned to them): layers_wine at
# 0.66 / 83 / 0.91 (its pricing apart from sales, the wine catalogue with the orders) and
# django_marina at 0.68 / 82 / 0.78 (boats with the yard's work orders, security split
# between its gate codes and the staff app that holds its fobs); 0.73 and 0.72 since a
# function's own imports are followed. Their floors guard against getting worse. Four
# more, written blind in session 17 and measured before any change: django_dental at
# 0.59 / 76 / 0.77 (its payments with the staff of the accounts app that holds both, its
# clinical charting spread over the invoices, lab orders and treatment plans that use it).
# Three more, written blind after that session's changes: flat_library, layers_ground and
# django_charity at 0.74 / 88 / 0.95, 0.86 / 94 / 1.00 and 0.70 / 86 / 0.91 (usual floors).
# Three more, written blind in session 18 and measured before anything was looked at:
# flat_sports and layers_freight at 0.80 / 92 / 0.98 and 0.79 / 90 / 0.98 (usual floors),
# django_housing at 0.65 / 85 / 0.90 with 10 contexts for 8 (room allocation split into
# applications and assignments, its cards apart from its keys, hall staff with residents).
# Four more, written blind in session 19 and measured before any change: pyramid_lab at
# 0.72 / 83 / 0.88 and django_theatre at 0.67 / 87 / 0.89 (usual floors: 0.72 and 0.70
# now), batch_telecom at 0.68 / 82 / 0.89 (its subscribers' accounts with the dunning of
# collections, its subscribers with provisioning; 0.64 / 81 / 0.83 now) and flat_dealer
# at 0.56 / 75 / 0.82 (a Python 2 god module of handlers whose implicit relative imports
# were not followed; 0.62 / 78 / 0.82 now). Its truth leaves out the five symbols of its
# deliberately broken file, which no parser reads. Four more, written blind in session 20
# and measured before any change (ARI over seeds 42 / 7 / 1 / 100): layers_farm (package
# by layer on the SQLAlchemy ORM) 0.79 / 0.74 / 0.79 / 0.86, django_garage (apps that lie)
# 0.83 / 0.85 / 0.85 / 0.84, flask_festival (one models.py and one views.py for every
# context) 0.73 / 0.75 / 0.74 / 0.73, all over the bar, and flat_brewery (web.py god
# modules on psycopg2) 0.80 / 0.75 / 0.77 / 0.73, whose table ownership is 0.83 at seeds 7
# and 100 (its own floor). Four more, written blind in session 21 and measured before any
# change: flat_pharmacy (god modules on pymysql) 0.78 / 0.80 / 0.80 / 0.78, layers_waste
# (package by layer) 0.78 / 0.75 / 0.79 / 0.78, django_university (apps that lie) 0.81 at
# every seed, all over the bar, and flask_carshare 0.66 / 0.63 / 0.63 / 0.65 with
# ownership 0.79-0.82: its queries.py of SQL constants, executed by other modules, was
# read as nobody's (0.77 / 86 / 0.90 at every seed since; usual floors for all four).
# Four more, written blind later in session 21, measured before any change: layers_solar
# (package by layer, repository classes) 0.76 / 0.79 / 0.72 / 0.79 and django_zoo (apps
# that lie) 0.82 at every seed (usual floors); flat_laundry (god modules on psycopg2) at
# 0.59 / 77 / 0.77 (quality's rejects and rewash merged into the plant's wash batches as
# too small, its complaints with the customers) and flask_bakery (peewee, a services.py
# god module) at 0.70 / 86 / 0.91 with 10 contexts for 8 (wholesale cut in two, products
# with the shops' allergens), missing at every seed; their floors guard against worse.
# Since a ModelForm's or generic view's declared model is read as used (it was skipped),
# django_gym's table ownership is 0.84 at seed 42 (0.92 before; 0.92 at seed 1 now).
FLOORS = {"legacy_shop": (0.55, 70, 0.8, 2), "django_tickets": (0.65, 80, 0.8, 2),
          "flat_newspaper": (0.52, 76, 0.78, 2), "layers_wine": (0.6, 78, 0.85, 2),
          "django_marina": (0.6, 78, 0.74, 2), "django_dental": (0.52, 70, 0.72, 2),
          "django_housing": (0.55, 80, 0.85, 2), "batch_telecom": (0.58, 76, 0.78, 2),
          "flat_dealer": (0.56, 74, 0.77, 2), "flat_brewery": (0.68, 80, 0.8, 2),
          "flat_laundry": (0.55, 74, 0.75, 2), "flask_bakery": (0.64, 80, 0.84, 2),
          "django_gym": (0.68, 82, 0.8, 2)}
MONOLITH_FLOORS = (0.68, 82, 0.85, 2)


@pytest.mark.parametrize("name", sorted(CASES))
def test_contexts_match_the_true_partition(name: str, tmp_path: Path) -> None:
    source, plan, truth_path = CASES[name]
    repo = materialize(source, plan, tmp_path / "repo")
    config = load_config(repo).with_flags(repo=str(repo), use_cache=False)
    decomposition = pipeline.run(config, upto="context map").values["decomposition"]
    truth = json.loads(truth_path.read_text())

    result = score(contract_assignment(decomposition), decomposition.shared_kernel, truth)

    ari, mojofm, ownership, off = FLOORS.get(name, MONOLITH_FLOORS)
    assert result["symbols_missing"] == 0
    assert result["ari"] >= ari, result
    assert result["mojofm"] >= mojofm, result
    assert result["table_ownership"] >= ownership, result
    assert abs(result["contexts_found"] - result["contexts_true"]) <= off, result


SCHEMAS = """
CREATE TABLE customers (id int PRIMARY KEY, name text, email text);
CREATE TABLE customer_addresses (id int PRIMARY KEY, customer_id int REFERENCES customers(id),
  street text);
CREATE TABLE customer_notes (id int PRIMARY KEY, customer_id int REFERENCES customers(id));
CREATE TABLE products (id int PRIMARY KEY, title text, price numeric);
CREATE TABLE product_categories (id int PRIMARY KEY, label text);
CREATE TABLE product_images (id int PRIMARY KEY, product_id int REFERENCES products(id));
ALTER TABLE products ADD COLUMN category_id int REFERENCES product_categories(id);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers(id),
  placed_at timestamp);
CREATE TABLE order_lines (id int PRIMARY KEY, order_id int REFERENCES orders(id),
  product_id int REFERENCES products(id), qty int);
CREATE TABLE order_payments (id int PRIMARY KEY, order_id int REFERENCES orders(id));
CREATE VIEW order_totals AS SELECT o.id, sum(l.qty) FROM orders o JOIN order_lines l
  ON l.order_id = o.id GROUP BY o.id;
"""


def test_a_bare_schema_clusters_its_tables_by_keys_and_names(tmp_path: Path) -> None:
    (tmp_path / "schema.sql").write_text(SCHEMAS)
    config = load_config(tmp_path).with_flags(repo=str(tmp_path), use_cache=False,
                                              use_history=False)
    assignment = pipeline.run(config, upto="cluster").values["clusters"].assignment
    groups = {
        "customers": ["customers", "customer_addresses", "customer_notes"],
        "products": ["products", "product_categories", "product_images"],
        "orders": ["orders", "order_lines", "order_payments"],
    }
    found = {name: {assignment[f"table:{t}"] for t in tables} for name, tables in groups.items()}
    assert all(len(contexts) == 1 for contexts in found.values()), found
    assert len({next(iter(c)) for c in found.values()}) == 3, found
