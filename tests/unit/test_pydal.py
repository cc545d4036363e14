"""pyDAL (web2py, py4web): tables from ``define_table`` and their uses through ``db``."""

from __future__ import annotations

import ast
import textwrap

from decomposer.ingest.pydal import extract_pydal, may_use_pydal
from tests.unit.test_resolve import build

# A web2py application: models run before each controller, with ``db`` a global.
WEB2PY_APP = {
    "shop/models/db.py": """
        db = DAL("sqlite://storage.sqlite")
        auth = Auth(db)
        auth.define_tables(username=False)

        db.define_table("product",
            Field("name", requires=IS_NOT_EMPTY()),
            Field("price", "double"),
            format="%(name)s")
        db.define_table("cart_order",
            Field("buyer", "reference auth_user"),
            Field("status"))
        db.define_table("order_line",
            Field("cart_order", db.cart_order),
            Field("product", "reference product"),
            Field("quantity", "integer"))
    """,
    "shop/controllers/default.py": """
        def catalog():
            rows = db(db.product.price > 0).select(orderby=db.product.name)
            return dict(rows=rows)

        def buy():
            order_id = db.cart_order.insert(buyer=auth.user_id, status="new")
            db.order_line.insert(cart_order=order_id, product=request.vars.product)
            db.commit()
            return order_id

        def cancel():
            db(db.cart_order.id == request.args(0)).update(status="cancelled")
            db(db.order_line.cart_order == request.args(0)).delete()

        def edit_product():
            return dict(form=SQLFORM(db.product, request.args(0)))

        def rename():
            db.product[request.args(0)] = dict(name=request.vars.name)
            return db.product(request.args(0))
    """,
}


def _accesses(facts, source):
    return sorted({(a.table, a.mode) for a in facts.accesses if a.source == source})


def test_define_table_makes_tables_with_their_references(tmp_path):
    # before: a web2py application had no table at all
    facts = build(tmp_path, WEB2PY_APP)
    tables = {t.name: t for t in facts.schema.tables}
    assert {"product", "cart_order", "order_line", "auth_user", "auth_membership"} <= set(tables)
    line = tables["order_line"]
    assert [c.name for c in line.columns] == ["id", "cart_order", "product", "quantity"]
    assert line.primary_key == ("id",)
    assert {(fk.columns, fk.ref_table) for fk in line.foreign_keys} == {
        (("cart_order",), "cart_order"), (("product",), "product")}
    assert [(fk.columns, fk.ref_table) for fk in tables["cart_order"].foreign_keys] == [
        (("buyer",), "auth_user")]


def test_a_controller_reads_and_writes_through_the_global_db(tmp_path):
    facts = build(tmp_path, WEB2PY_APP)
    assert _accesses(facts, "shop.controllers.default:catalog") == [("product", "read")]
    # db.commit is no table: dropped when the uses meet the tables
    assert _accesses(facts, "shop.controllers.default:buy") == [
        ("cart_order", "write"), ("order_line", "write")]
    # a set's update and delete change the query's (first) table
    assert _accesses(facts, "shop.controllers.default:cancel") == [
        ("cart_order", "write"), ("order_line", "write")]
    assert _accesses(facts, "shop.controllers.default:edit_product") == [("product", "write")]
    assert _accesses(facts, "shop.controllers.default:rename") == [
        ("product", "read"), ("product", "write")]
    # the definitions' references are keys, not uses of the model file
    assert not _accesses(facts, "shop.models.db")
    assert all(a.via == "orm" for a in facts.accesses)


def test_a_joined_set_changes_only_its_first_table():
    text = textwrap.dedent("""
        def archive(oid):
            db((db.cart_order.id == oid) & (db.order_line.cart_order == db.cart_order.id)
               ).update(status="archived")
    """)
    _, uses = extract_pydal(ast.parse(text), text, module="m", path="m.py")
    assert {(u.table, u.mode) for u in uses} == {("cart_order", "write"), ("order_line", "read")}


def test_a_legacy_table_keeps_the_primary_key_it_names():
    text = textwrap.dedent("""
        db.define_table("CUSTOMER", Field("CUS_CODE", "integer"), Field("CUS_NAME"),
                        primarykey=["CUS_CODE"], migrate=False)
    """)
    (table,), _ = extract_pydal(ast.parse(text), text, module="m", path="m.py")
    assert (table.name, table.primary_key) == ("customer", ("CUS_CODE",))
    assert [c.name for c in table.columns] == ["CUS_CODE", "CUS_NAME"]


def test_a_table_name_held_in_a_variable_is_followed():
    # Sahana Eden defines every table as tablename = "..."; define_table(tablename, ...)
    text = textwrap.dedent("""
        class S3OrgModel(S3Model):
            def model(self):
                define_table = self.define_table
                tablename = "org_sector"
                define_table(tablename, Field("name"))
                tablename = "org_site"
                define_table(tablename, Field("sector_id", "reference org_sector"))
    """)
    tables, _ = extract_pydal(ast.parse(text), text, module="m", path="m.py")
    assert [t.name for t in tables] == ["org_sector", "org_site"]
    assert tables[1].foreign_keys[0].ref_table == "org_sector"


def test_db_names_in_a_code_base_without_pydal_make_no_access(tmp_path):
    # Flask-SQLAlchemy's db.session is no use of a table named session, nor sqlite3's
    # db.execute of one named execute: only define_table's tables take db.<name> uses
    facts = build(tmp_path, {"app/models.py": """
        from flask_sqlalchemy import SQLAlchemy
        db = SQLAlchemy()

        class Session(db.Model):
            __tablename__ = "session"
            id = db.Column(db.Integer, primary_key=True)
    """, "app/views.py": """
        import sqlite3
        from app.models import db

        def orders():
            return sqlite3.connect("x.db").execute("SELECT id FROM orders").fetchall()

        def log(entry):
            db.session.add(entry)
            db.session.commit()
    """, "app/schema.sql": "CREATE TABLE execute (id INT);"})
    assert "session" in {t.name for t in facts.schema.tables}
    assert _accesses(facts, "app.views:orders") == [("orders", "read")]
    assert _accesses(facts, "app.views:log") == []


def test_the_byte_gate_takes_dal_names_and_not_module_attributes():
    for text in (b"rows = db(db.product).select()", b"s3db['org_site']", b"x = mydb.t",
                 b"current.db.order", b'db.define_table("t")'):
        assert may_use_pydal(text), text
    for text in (b"from django.db import models", b"x = self.mydb.t", b"db = 1", b""):
        assert not may_use_pydal(text), text
