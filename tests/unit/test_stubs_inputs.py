"""A small, hostile Analysis for the generator tests (golden files and real builds).

Context names that are keywords or carry a hyphen, docstrings that try to close comments,
non-ASCII text, reserved SQL words, unknown column types, a cross-context foreign key, a
shared read table, conflicting route parameter names and a chatty pair.
"""

from __future__ import annotations

from decomposer.model import (
    Analysis,
    Column,
    Context,
    Decomposition,
    Dependency,
    Facts,
    ForeignKey,
    History,
    Index,
    Param,
    Relation,
    Route,
    Scan,
    Schema,
    Signature,
    Symbol,
    Table,
    TableAccess,
    TableOwnership,
)


def _fn(sid: str, line: int, params=(), returns=None, doc=None, file="shop/x.py") -> Symbol:
    module, _, name = sid.partition(":")
    return Symbol(sid, module, name, "function", file, line, line + 3, 3, 1,
                  signatures=(Signature(name, tuple(params), returns, line, docstring=doc),),
                  docstring=doc)


def _cls(sid: str, line: int, methods, file="shop/x.py") -> Symbol:
    module, _, name = sid.partition(":")
    return Symbol(sid, module, name, "class", file, line, line + 20, 20, 3,
                  signatures=tuple(methods))


SYMBOLS = (
    _fn("shop.orders.views:create_order", 10,
        (Param("customer_id", "int"), Param("note", None, "'rush */ now'"),
         Param("items", "list[OrderLine]"), Param("args", kind="varargs")),
        "Order", 'Create an order. */ /* Ünïcode\nsecond line', file="shop/orders/views.py"),
    _fn("shop.orders.views:order_detail", 30, (Param("order_id", "int"),),
        file="shop/orders/views.py"),
    _fn("shop.orders.views:order_lines", 40, (Param("id", "int"),), file="shop/orders/views.py"),
    _cls("shop.orders.models:OrderDAO", 5,
         (Signature("get", (Param("self"), Param("order_id", "int")), None, 6),
          Signature("list_for_customer", (Param("self"), Param("customer_id", "int"),
                                          Param("since", "Optional[date]", "None")),
                    "list[Order]", 9),
          Signature("_private", (Param("self"),), None, 12)), file="shop/orders/models.py"),
    _fn("shop.billing.api:price_for", 3, (Param("code", "str"), Param("qty", default="1")),
        "Decimal", "Price of one code.", file="shop/billing/api.py"),
    _fn("shop.billing.api:tax_for", 9, (Param("amount", "Decimal"),), "Decimal",
        file="shop/billing/api.py"),
    _fn("shop.billing.api:invoice_pdf", 15, (Param("invoice_id", "int"),), "bytes",
        file="shop/billing/api.py"),
    _fn("shop.package.handlers:type", 2, (Param("select", "bool", "True"),), "None",
        file="shop/package/handlers.py"),
    _fn("shop.catalog.items:item", 4, (Param("pk", "int"),), "dict",
        file="shop/catalog/items.py"),
    _fn("shop.common:fmt_money", 1, (Param("x", "float"),), "str", file="shop/common.py"),
)

TABLES = (
    Table("orders", columns=(
        Column("id", "SERIAL", False, True), Column("customer_id", "INTEGER", False),
        Column("status", "VARCHAR(20)", False, default="'new'"),
        Column("total", "NUMERIC(10,2)", True, default="0"),
        Column("paid", "BOOLEAN", False, default="0"),
        Column("created_at", "TIMESTAMP", False, default="datetime('now')"),
        Column("select", "TEXT")),
        primary_key=("id",), foreign_keys=(ForeignKey(("customer_id",), "customers", ("id",)),),
        indexes=(Index("orders_status_idx", ("status",)),), source="schema.sql:1"),
    Table("order_lines", columns=(
        Column("id", "INTEGER", False, True), Column("order_id", "INTEGER", False),
        Column("sku", "VARCHAR(32)"), Column("qty", "INT(11) UNSIGNED", default="1")),
        primary_key=("id",), foreign_keys=(ForeignKey(("order_id",), "orders", ()),),
        source="schema.sql:12"),
    Table("customers", columns=(
        Column("id", "INTEGER", False, True), Column("name", "TEXT", False),
        Column("kind", "ENUM('a','b')"), Column("balance", "money_t")),
        primary_key=("id",), indexes=(Index("", ("name",), unique=True),),
        source="schema.sql:20"),
    Table("user", columns=(Column("id", "BIGINT", False, True), Column("Émail", "TEXT"),
                           Column("data", "BLOB")), primary_key=("id",)),
    Table("items", columns=(Column("pk", "INTEGER", False, True),
                            Column("price", "DOUBLE"), Column("tags", "JSON")),
          primary_key=("pk",)),
)

ROUTES = (
    Route("shop.orders.views:create_order", "/orders/new", ("GET", "POST"), "flask",
          "shop/orders/views.py", 9, "shop.orders.views"),
    Route("shop.orders.views:order_detail", "/orders/<int:order_id>", ("GET",), "flask",
          "shop/orders/views.py", 29, "shop.orders.views"),
    Route("shop.orders.views:order_lines", "/orders/<int:id>/lines", ("GET",), "flask",
          "shop/orders/views.py", 39, "shop.orders.views"),
    Route("shop.billing.api:invoice_pdf", "/invoices/<int:invoice_id>.pdf", ("GET",), "flask",
          "shop/billing/api.py", 14, "shop.billing.api"),
    Route("shop.catalog.items:item", "^items/(?P<pk>\\d+)/$", ("ANY",), "django",
          "shop/urls.py", 3, "shop.urls"),
    Route("shop.package.handlers:type", "/type/{kind}", ("DELETE",), "fastapi",
          "shop/package/handlers.py", 1, "shop.package.handlers"),
    Route("shop.legacy:home", "/", ("GET",), "flask", "shop/legacy.py", 1, "shop.legacy"),
)

DEPENDENCIES = (
    Dependency("shop.orders.views:create_order", "shop.billing.api:price_for", "call", 4),
    Dependency("shop.orders.views:create_order", "shop.billing.api:tax_for", "call", 3),
    Dependency("shop.billing.api:price_for", "shop.orders.models:OrderDAO", "call", 1),
    Dependency("shop.orders.views:create_order", "shop.common:fmt_money", "call", 1),
    Dependency("shop.orders.views", "shop.billing.api", "import", 1),
    Dependency("shop.orders.views", "shop.orders.models", "import", 1),
    Dependency("shop.billing.api", "shop.common", "import", 1),
)

CONTEXTS = (
    Context("orders", tuple(s.id for s in SYMBOLS if s.module.startswith("shop.orders")),
            ("shop.orders.models", "shop.orders.views"), ("order_lines", "orders"),
            ("customers",)),
    Context("billing-v2", tuple(s.id for s in SYMBOLS if s.module.startswith("shop.billing")),
            ("shop.billing.api",), ("customers",), ()),
    Context("package", ("shop.package.handlers:type",), ("shop.package.handlers",), ("user",),
            ()),
    Context("Catalog Ünits", ("shop.catalog.items:item",), ("shop.catalog.items",), ("items",),
            ()),
)


def tiny_analysis() -> Analysis:
    facts = Facts(
        scan=Scan("/repo", "", ()), outcomes=(), symbols=SYMBOLS,
        modules=tuple(sorted({s.module for s in SYMBOLS})), dependencies=DEPENDENCIES,
        routes=ROUTES, schema=Schema(TABLES),
        accesses=(TableAccess("shop.orders.models:OrderDAO", "orders", "read", 7, "sql", "x"),
                  TableAccess("shop.orders.views:create_order", "orders", "write", 11, "sql",
                              "x")),
        history=History(available=False))
    decomposition = Decomposition(
        contexts=CONTEXTS, shared_kernel=("shop.common:fmt_money",),
        relations=(Relation("orders", "billing-v2", "customer-supplier", "grpc", ("x",), 7),
                   Relation("orders", "billing-v2", "data-dependency", "events", ("x",),
                            reads=2, events=("CustomerCreated", "CustomerRenamed"))),
        ownership=tuple(TableOwnership(t, c.name) for c in CONTEXTS for t in c.tables),
        metrics={}, chatty_pairs=(("orders", "billing-v2", 7),))
    return Analysis(facts=facts, decomposition=decomposition)


def test_tiny_analysis_is_consistent():
    analysis = tiny_analysis()
    owned = [t for c in analysis.decomposition.contexts for t in c.tables]
    assert len(owned) == len(set(owned))
    assert {t for t in owned} <= {t.name for t in analysis.facts.schema.tables}
