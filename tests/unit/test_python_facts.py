"""Facts of one module: symbols, imports, name uses, string references, routes, SQL."""

from __future__ import annotations

import textwrap

from decomposer.ingest.python_facts import extract_python_facts
from decomposer.ingest.source import parse_source
from decomposer.model import Import, ModuleFacts


def facts(src: str, module: str = "shop.views", *, package: bool = False) -> ModuleFacts:
    text = textwrap.dedent(src).lstrip("\n")
    parsed = parse_source(text.encode(), "x.py")
    path = module.replace(".", "/") + ("/__init__.py" if package else ".py")
    return extract_python_facts(parsed.tree, parsed.text, module=module, path=path,
                                is_package=package)


def symbol(f: ModuleFacts, sid: str):
    return next(s for s in f.symbols if s.id == sid)


def refs(f: ModuleFacts, source: str | None = None, kind: str | None = None) -> set[str]:
    return {r.target for r in f.refs if (source is None or r.source == source)
            and (kind is None or r.kind == kind)}


# ------------------------------------------------------------------ symbols

def test_a_docstring_of_blank_lines_is_no_docstring():
    f = facts('''
        class WizardBase:
            """

            """
            def step(self):
                """  Moves on.  """
        ''')
    wizard = symbol(f, "shop.views:WizardBase")
    assert wizard.docstring is None
    assert wizard.signatures[0].docstring == "Moves on."


def test_every_top_level_class_and_function_is_a_symbol_with_a_module_id():
    f = facts("""
        import os

        def helper():
            pass

        async def fetch():
            pass

        class Order:
            def ship(self):
                def inner():
                    pass
                return inner
    """)
    assert [(s.id, s.kind, s.name, s.module) for s in f.symbols] == [
        ("shop.views:helper", "function", "helper", "shop.views"),
        ("shop.views:fetch", "function", "fetch", "shop.views"),
        ("shop.views:Order", "class", "Order", "shop.views"),
    ]
    assert symbol(f, "shop.views:fetch").signatures[0].is_async


def test_definitions_under_module_level_if_try_and_with_are_symbols():
    f = facts("""
        try:
            from fast import speedup
        except ImportError:
            def speedup(x):
                return x
        if DEBUG:
            class Tracer:
                pass
        else:
            def tracer():
                pass
        with context():
            def inside():
                pass
        for i in range(3):
            def not_top_level():
                pass
    """)
    assert [s.name for s in f.symbols] == ["speedup", "Tracer", "tracer", "inside"]


def test_a_redefinition_keeps_the_first_span_and_one_symbol():
    f = facts("""
        if PY2:
            def compat():
                return 2
        else:
            def compat():
                return 3
    """)
    assert [(s.id, s.line) for s in f.symbols] == [("shop.views:compat", 2)]


def test_methods_roll_up_into_their_class():
    f = facts("""
        class Order:
            \"\"\"An order.\"\"\"
            status = "new"

            def ship(self, carrier: str, *, fast: bool = False) -> bool:
                \"\"\"Ship it.\"\"\"
                return True

            async def refresh(self):
                pass
    """)
    order = symbol(f, "shop.views:Order")
    assert [s.id for s in f.symbols] == ["shop.views:Order"]
    assert [sig.name for sig in order.signatures] == ["ship", "refresh"]
    ship = order.signatures[0]
    assert [(p.name, p.annotation, p.default, p.kind) for p in ship.params] == [
        ("self", None, None, "positional"), ("carrier", "str", None, "positional"),
        ("fast", "bool", "False", "keyword")]
    assert (ship.returns, ship.docstring, ship.line) == ("bool", "Ship it.", 5)
    assert order.docstring == "An order."
    assert order.string_attrs == (("status", "new"),)


def test_line_span_starts_at_the_first_decorator_and_loc_skips_blanks_and_comments():
    f = facts("""
        import x


        @decorate
        @other(1)
        def handler(a):
            # a comment

            return a
        # trailing comment
    """)
    handler = symbol(f, "shop.views:handler")
    assert (handler.line, handler.end_line, handler.loc) == (4, 9, 4)
    assert handler.decorators == ("decorate", "other")
    assert f.loc == 5


def test_complexity_counts_decision_points_and_classes_sum_their_methods():
    f = facts("""
        def simple():
            return 1

        def branchy(a, b, items):
            if a and b or not a:
                pass
            elif b:
                pass
            for i in items:
                while i:
                    i -= 1
            try:
                pass
            except ValueError:
                pass
            x = 1 if a else 2
            return [y for y in items if y if y > 1]

        class Service:
            def one(self):
                return 1

            def two(self, a):
                if a:
                    return 1
                return 2
    """)
    assert symbol(f, "shop.views:simple").complexity == 1
    # 1 + if(1) + and/or(2) + elif(1) + for(1) + while(1) + except(1) + ifexp(1)
    #   + comprehension(1 + 2 ifs)
    assert symbol(f, "shop.views:branchy").complexity == 12
    service = symbol(f, "shop.views:Service")
    assert (service.complexity, service.max_method_complexity) == (3, 2)


# ------------------------------------------------------------------ imports

def test_imports_absolute_aliased_relative_and_star():
    f = facts("""
        import os
        import shop.utils
        import shop.db as database
        from . import models
        from .models import Order as O, Customer
        from ..core import billing
        from shop.helpers import *

        def use():
            from shop.mail import send
    """, module="shop.orders.views")
    assert sorted(f.imports, key=lambda i: i.line) == [
        Import("shop.orders.views", "os", "os", 1),
        Import("shop.orders.views", "shop.utils", "shop", 2),
        Import("shop.orders.views", "shop.db", "database", 3),
        Import("shop.orders.views", "shop.orders.models", "models", 4, is_from=True),
        Import("shop.orders.views", "shop.orders.models.Order", "O", 5, is_from=True),
        Import("shop.orders.views", "shop.orders.models.Customer", "Customer", 5,
               is_from=True),
        Import("shop.orders.views", "shop.core.billing", "billing", 6, is_from=True),
        Import("shop.orders.views", "shop.helpers", "*", 7, is_from=True),
        Import("shop.orders.views:use", "shop.mail.send", "send", 10, is_from=True),
    ]


def test_relative_imports_in_a_package_init_start_at_the_package_itself():
    f = facts("from .models import Order\nfrom . import views\n", module="shop.orders",
              package=True)
    assert [i.target for i in f.imports] == ["shop.orders.models.Order", "shop.orders.views"]


def test_relative_import_beyond_the_top_is_dropped():
    f = facts("from ...far import thing\n", module="shop.views")
    assert f.imports == ()


# ------------------------------------------------------------------ calls and references

def test_calls_and_references_keep_names_as_written_and_skip_locals():
    f = facts("""
        import shop.utils
        from shop.core import Response, codes, compute, logger

        def view(request, amount):
            total = compute(amount)
            shop.utils.format_money(total)
            request.user.save()
            log = logger.info
            return Response(total, status=codes.OK)
    """)
    assert refs(f, "shop.views:view", "call") == {"compute", "shop.utils.format_money",
                                                  "Response"}
    assert refs(f, "shop.views:view", "reference") == {"logger.info", "codes.OK"}


def test_local_types_are_substituted_for_later_calls():
    f = facts("""
        from shop.models import Customer, Order, Product

        def place(data):
            o = Order(data)
            o.save()
            c: Customer = load(data)
            c.notify()
            p = Product.objects.get(pk=1)
            p.reserve()
            return o.total
    """)
    assert {"Order.save", "Customer.notify", "Product.reserve",
            "Order.total"} <= refs(f, "shop.views:place")


def test_parameter_annotations_type_the_parameter():
    f = facts("""
        from shop.models import Gateway, Order

        def pay(order: "Order", gateway: Optional[Gateway] = None):
            order.mark_paid()
            gateway.charge()
    """)
    assert {"Order.mark_paid", "Gateway.charge"} <= refs(f, "shop.views:pay", "call")


def test_self_and_cls_methods_stay_as_written_and_attribute_types_are_substituted():
    f = facts("""
        from typing import Generic
        from shop import Base, Gateway, Mailer, Meta, Repository, mixins

        class Service(Base, mixins.Auditable, Generic[T], metaclass=Meta):
            repo = Repository()
            mailer: Mailer

            def __init__(self):
                self.gateway = Gateway()

            def pay(self):
                self.gateway.charge()
                self.repo.find()
                self.mailer.send()
                self.validate()
                self.helper.run()
                return self

            @classmethod
            def make(cls):
                return cls.build()
    """)
    service = symbol(f, "shop.views:Service")
    assert service.attr_types == (("gateway", "Gateway"), ("mailer", "Mailer"),
                                  ("repo", "Repository"))
    assert service.bases == ("Base", "mixins.Auditable", "Generic[T]")
    calls = refs(f, "shop.views:Service", "call")
    assert {"Gateway.charge", "Repository.find", "Mailer.send", "self.validate",
            "self.helper.run", "cls.build"} <= calls
    assert refs(f, "shop.views:Service", "inherit") == {"Base", "mixins.Auditable", "Generic"}
    assert "Meta" in refs(f, "shop.views:Service", "reference")


def test_module_level_code_is_attributed_to_the_module():
    f = facts("""
        import os
        from shop import create_app, install_debugger, settings
        app = create_app(os.environ)
        if settings.DEBUG:
            install_debugger(app)
        try:
            import fast
        except ImportError:
            fast = None
    """)
    assert refs(f, "shop.views") >= {"create_app", "os.environ", "settings.DEBUG",
                                     "install_debugger"}


def test_names_the_module_never_binds_are_dropped_unless_a_star_import_could_bind_them():
    source = """
        from shop.models import Order

        def place(data):
            if not isinstance(data, dict) or len(data) > LIMIT:
                raise ValueError(data)
            check(data)
            return Order(data)

        def check(data):
            pass
    """
    assert refs(facts(source), "shop.views:place") == {"Order", "check"}
    assert refs(facts("from shop.rules import *\n" + textwrap.dedent(source)),
                "shop.views:place") == {"Order", "isinstance", "dict", "len", "LIMIT",
                                        "ValueError", "check"}


# ------------------------------------------------------------------ string references

def test_string_references_hidden_in_relations_and_loaders():
    f = facts("""
        class Order(models.Model):
            customer = models.ForeignKey("accounts.Customer", on_delete=models.CASCADE)
            parent = models.ForeignKey("self", on_delete=models.CASCADE)
            coupon = models.OneToOneField(to="promo.Coupon", on_delete=models.CASCADE)
            tags = models.ManyToManyField("Tag")
            items = relationship("OrderItem")

        def lazy():
            Model = apps.get_model("orders", "Order")
            handler = import_string("shop.handlers.Handler")
            backend = get_class("shop.backends.Backend")
            return Model, handler, backend
    """)
    assert refs(f, "shop.views:Order", "string") == {
        "accounts.Customer", "promo.Coupon", "Tag", "OrderItem"}
    assert refs(f, "shop.views:lazy", "string") == {
        "orders.Order", "shop.handlers.Handler", "shop.backends.Backend"}


# ------------------------------------------------------------------ routes

def test_flask_and_fastapi_decorators_are_routes_on_their_handler():
    f = facts("""
        @app.route("/orders", methods=["GET", "post"])
        def orders():
            pass

        @bp.route("/health")
        def health():
            pass

        @router.post("/items/{item_id}")
        async def create_item(item_id: int):
            pass

        @app.api_route("/any", methods=["PUT"])
        def anything():
            pass

        class OrderView:
            @router.delete("/orders/{id}")
            def remove(self, id):
                pass

        app.add_url_rule("/legacy", view_func=legacy_view, methods=["GET"])
    """)
    got = {(r.handler, r.path, r.methods, r.framework) for r in f.routes}
    assert got == {
        ("shop.views:orders", "/orders", ("GET", "POST"), "flask"),
        ("shop.views:health", "/health", ("GET",), "flask"),
        ("shop.views:create_item", "/items/{item_id}", ("POST",), "fastapi"),
        ("shop.views:anything", "/any", ("PUT",), "fastapi"),
        ("shop.views:OrderView", "/orders/{id}", ("DELETE",), "fastapi"),
        ("legacy_view", "/legacy", ("GET",), "flask"),
    }
    assert {r.module for r in f.routes} == {"shop.views"}


def test_django_urlpatterns_are_routes_with_raw_handler_names():
    f = facts("""
        from django.urls import include, path, re_path
        from . import views

        urlpatterns = [
            path("orders/", views.order_list),
            path("orders/<int:pk>/", views.OrderDetail.as_view(), name="detail"),
            re_path(r"^legacy/(?P<id>\\d+)$", views.legacy),
            url(r"^old/$", "shop.views.old"),
            path("api/", include("shop.api.urls")),
        ]
    """, module="shop.urls")
    got = {(r.handler, r.path, r.framework, r.line) for r in f.routes}
    assert got == {
        ("views.order_list", "/orders/", "django", 5),
        ("views.OrderDetail", "/orders/<int:pk>/", "django", 6),
        ("views.legacy", "/legacy/(?P<id>\\d+)", "django", 7),
        ("shop.views.old", "/old/", "django", 8),
    }
    assert f.route_includes == (("api/", "shop.api.urls"),)


def test_a_list_of_patterns_included_in_its_own_module_is_under_each_prefix():
    # healthchecks: one list under api/v1/ and api/v2/, another under ping/<uuid:code>/;
    # before, their routes sat at the root and collided with the pages' /checks/.
    f = facts("""
        from django.urls import include, path
        from . import views

        uuid_urls = [
            path("", views.ping),
            path("<int:exitstatus>", views.ping),
        ]
        api_urls = [
            path("checks/", views.checks),
            path("ping/", include(uuid_urls)),
        ]
        urlpatterns = [
            path("ping/<uuid:code>/", include(uuid_urls)),
            path("api/v1/", include(api_urls)),
            path("api/v2/", include(api_urls)),
            path("checks/", views.front_checks),
        ]
    """, module="hc.urls")
    assert sorted((r.path, r.handler) for r in f.routes) == [
        ("/api/v1/checks/", "views.checks"), ("/api/v1/ping/", "views.ping"),
        ("/api/v1/ping/<int:exitstatus>", "views.ping"),
        ("/api/v2/checks/", "views.checks"), ("/api/v2/ping/", "views.ping"),
        ("/api/v2/ping/<int:exitstatus>", "views.ping"),
        ("/checks/", "views.front_checks"),
        ("/ping/<uuid:code>/", "views.ping"), ("/ping/<uuid:code>/<int:exitstatus>", "views.ping")]
    assert f.route_includes == ()


def test_a_router_declared_with_a_prefix_lends_it_to_its_routes():
    f = facts("""
        orders = Blueprint("orders", __name__, url_prefix="/orders")
        api = APIRouter(prefix="/api/items", tags=["items"])

        @orders.route("/<int:order_id>")
        def show(order_id):
            pass

        @orders.route("/")
        def index():
            pass

        @api.get("/{item_id}")
        def item(item_id):
            pass

        @app.route("/plain")
        def plain():
            pass

        orders.add_url_rule("/old", view_func=show)

        # a subclass named after its base (indico's IndicoBlueprint) is one too
        events = ShopBlueprint("events", __name__, url_prefix="/event/<int:event_id>")
        events.add_url_rule("/manage", "manage", view_func=plain)
    """)
    assert sorted((r.path, r.handler) for r in f.routes) == [
        ("/api/items/{item_id}", "shop.views:item"),
        ("/event/<int:event_id>/manage", "plain"), ("/orders/", "shop.views:index"),
        ("/orders/<int:order_id>", "shop.views:show"), ("/orders/old", "show"),
        ("/plain", "shop.views:plain")]


# ------------------------------------------------------------------ SQL snippets

def _sql(f: ModuleFacts) -> set[tuple[str, str, str, bool]]:
    return {(s.source, s.text, s.how, s.executed) for s in f.sql}


def test_sql_from_literals_concatenation_percent_format_and_fstrings():
    f = facts("""
        def reports(db, status, limit):
            db.execute("SELECT id FROM orders WHERE status = %s", (status,))
            db.execute("SELECT id FROM " + "payments" + " WHERE amount > " + str(limit))
            db.execute("SELECT * FROM %s WHERE id = %d" % ("refunds", limit))
            db.execute("SELECT * FROM {} LIMIT {}".format("shipments", limit))
            db.execute(f"SELECT * FROM invoices WHERE total > {limit}")
            note = "UPDATE stock SET qty = qty - 1"
            greeting = "hello there"
    """)
    src = "shop.views:reports"
    assert _sql(f) == {
        (src, "SELECT id FROM orders WHERE status = %s", "literal", True),
        (src, "SELECT id FROM payments WHERE amount > __placeholder__", "concat", True),
        (src, "SELECT * FROM refunds WHERE id = __placeholder__", "format", True),
        (src, "SELECT * FROM shipments LIMIT __placeholder__", "format", True),
        (src, "SELECT * FROM invoices WHERE total > __placeholder__", "fstring", True),
        (src, "UPDATE stock SET qty = qty - 1", "literal", False),
    }


def test_sql_constants_are_attributed_to_every_symbol_that_uses_them():
    f = facts("""
        ACTIVE = "SELECT id FROM products WHERE active = 1"

        def active(db):
            return db.query(ACTIVE)

        def shadow(ACTIVE):
            return ACTIVE
    """)
    assert {(s.source, s.how) for s in f.sql} == {("shop.views", "literal"),
                                                  ("shop.views:active", "constant")}


def test_instance_and_class_attributes_in_sql_become_attr_holes():
    f = facts("""
        class BaseDao:
            table = None

            def all(self):
                return db.query("SELECT * FROM %s" % self.table)

            def count(self):
                return db.query(f"SELECT count(*) FROM {self.table}")

            def fmt(self):
                return db.query("SELECT * FROM {t}".format(t=self.__class__.table))

            @classmethod
            def purge(cls):
                return db.execute("DELETE FROM " + cls.table)
    """)
    assert {s.text for s in f.sql} == {
        "SELECT * FROM __attr_table__", "SELECT count(*) FROM __attr_table__",
        "DELETE FROM __attr_table__"}
    assert {s.source for s in f.sql} == {"shop.views:BaseDao"}


def test_a_string_taken_as_sql_is_not_reported_again_in_pieces():
    f = facts("""
        def q(db, t):
            return db.execute("SELECT a FROM orders " + "WHERE b = 1 " + "AND c = " + t)
    """)
    assert [s.text for s in f.sql] == ["SELECT a FROM orders WHERE b = 1 AND c = __placeholder__"]


def test_a_module_level_instance_is_a_use_of_its_class_unless_a_local_hides_it():
    f = facts("""
        from shop.dao import EmailQueueDAO
        queue = EmailQueueDAO()

        def enqueue(to):
            queue.push(to)

        def shadowed():
            queue = []
            queue.append(1)
    """, module="shop.mailer")
    assert "EmailQueueDAO.push" in refs(f, "shop.mailer:enqueue")
    assert not any("EmailQueueDAO" in r for r in refs(f, "shop.mailer:shadowed"))


def test_docstrings_and_strings_standing_alone_are_never_sql():
    f = facts('''
        """select the best from each table in the shop"""


        def delete_system_info(db, key):
            """delete data from system_info table"""
            "update counters from the nightly job"
            db.execute("DELETE FROM system_info WHERE key = %s", key)
    ''')
    assert [s.text for s in f.sql] == ["DELETE FROM system_info WHERE key = %s"]


def test_a_hook_registered_by_a_call_is_recorded_as_its_decorator():
    # app.register_error_handler(E, handle) is @app.errorhandler(E) on handle; a function
    # only passed to something else, or a hook defined in another module, is not
    f = facts('''
        from flask import jsonify
        from shop.db import close_session

        def register(app):
            app.register_error_handler(ShopError, handle_shop_error)
            app.teardown_appcontext(_teardown)
            app.teardown_appcontext(close_session)
            app.add_template_filter(money)
            sorted(items, key=by_name)

        def handle_shop_error(exc):
            return jsonify(error=str(exc)), 400

        def _teardown(exc):
            pass

        def money(value):
            return "%.2f" % value

        def by_name(item):
            return item.name
        ''', "shop.api")
    assert symbol(f, "shop.api:handle_shop_error").decorators == ("app.errorhandler",)
    assert symbol(f, "shop.api:_teardown").decorators == ("app.teardown_appcontext",)
    assert symbol(f, "shop.api:money").decorators == ("app.template_filter",)
    assert symbol(f, "shop.api:by_name").decorators == ()
    assert symbol(f, "shop.api:register").decorators == ()
