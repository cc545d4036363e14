"""Repository-wide facts: tables through class attributes, unknown and inferred tables,
edges with counts and evidence, route handlers, symbols that tests reach."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from decomposer.ingest.cache import FactsCache
from decomposer.ingest.parse import parse_files
from decomposer.ingest.resolve import resolve_facts
from decomposer.ingest.scan import scan
from decomposer.ingest.schema import migration_order
from decomposer.model import CoChange, Facts, History


def build(root: Path, files: dict[str, str], history: History | None = None) -> Facts:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    found = scan(root)
    outcomes = parse_files(found, cache=FactsCache(None), jobs=1)
    return resolve_facts(found, outcomes, history or History(available=False))


DAO = """
    from app.db import query


    class BaseDao:
        table = None

        def all(self):
            return query("SELECT * FROM %s" % self.table)

        def remove(self, key):
            return query("DELETE FROM " + self.table + " WHERE id = %s", key)


    class StaffDao(BaseDao):
        table = "staff"


    class AuditDao(BaseDao):
        table = "public.Audit_Log"


    def load_orders():
        return query("SELECT o.id FROM orders o JOIN customers c ON c.id = o.customer_id")


    def save_ledger(amount):
        return query("INSERT INTO ledger (amount) VALUES (%s)", amount)


    def read_remote():
        return query("SELECT * FROM remote_things")


    def catalog():
        return query("SELECT table_name FROM information_schema.tables")
"""
SCHEMA = """
    CREATE TABLE customers (id INT PRIMARY KEY);
    CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT REFERENCES customers(id));
    CREATE TABLE staff (id INT PRIMARY KEY);
"""


@pytest.fixture(scope="module")
def dao_facts(tmp_path_factory) -> Facts:
    return build(tmp_path_factory.mktemp("dao"), {
        "app/__init__.py": "", "app/db.py": "def query(sql, *args):\n    return sql\n",
        "app/dao.py": DAO, "schema.sql": SCHEMA,
        "tests/test_dao.py": """
            from app.dao import StaffDao, load_orders

            def test_staff():
                StaffDao().all()
                assert load_orders()
        """,
    })


def _pairs(facts: Facts, kind: str) -> set[tuple[str, str]]:
    """(source, target) of every dependency of ``kind``."""
    return {(d.source, d.target) for d in facts.dependencies if d.kind == kind}


def _accesses(facts: Facts) -> set[tuple[str, str, str, str, bool]]:
    return {(a.source, a.table, a.mode, a.via, a.known) for a in facts.accesses}


def test_a_table_named_by_a_subclass_attribute_is_used_by_that_subclass(dao_facts):
    got = {a for a in _accesses(dao_facts) if a[3] == "attr"}
    assert got == {
        ("app.dao:StaffDao", "staff", "read", "attr", True),
        ("app.dao:StaffDao", "staff", "write", "attr", True),
        ("app.dao:AuditDao", "audit_log", "read", "attr", True),
        ("app.dao:AuditDao", "audit_log", "write", "attr", True),
    }
    evidence = {a.evidence for a in dao_facts.accesses if a.source == "app.dao:StaffDao"}
    assert "SELECT * FROM __attr_table__ [table = 'staff']" in evidence


def test_sql_tables_are_read_and_written_by_the_symbol_holding_the_sql(dao_facts):
    got = {a for a in _accesses(dao_facts) if a[3] == "sql"}
    assert got == {
        ("app.dao:load_orders", "orders", "read", "sql", True),
        ("app.dao:load_orders", "customers", "read", "sql", True),
        ("app.dao:save_ledger", "ledger", "write", "sql", True),
        ("app.dao:read_remote", "remote_things", "read", "sql", False),
    }  # information_schema is the database's catalog: left out


def test_written_tables_no_ddl_declares_are_inferred_and_read_only_ones_stay_unknown(
        dao_facts):
    origins = {t.name: t.origin for t in dao_facts.schema.tables}
    assert origins == {"audit_log": "code", "customers": "sql", "ledger": "code",
                       "orders": "sql", "staff": "sql"}
    assert "remote_things" not in origins


def test_edges_carry_kind_count_and_file_line_evidence(dao_facts):
    deps = {(d.source, d.target, d.kind): d for d in dao_facts.dependencies}
    call = deps[("app.dao:BaseDao", "app.db:query", "call")]
    assert (call.count, call.evidence) == (2, ("app/dao.py:8", "app/dao.py:11"))
    assert deps[("app.dao:StaffDao", "app.dao:BaseDao", "inherit")].evidence == (
        "app/dao.py:14",)
    assert deps[("app.dao", "app.db", "import")].count == 1
    assert ("app.dao:StaffDao", "table:staff", "reads") in deps
    assert ("app.dao:save_ledger", "table:ledger", "writes") in deps
    assert ("table:orders", "table:customers", "fk") in deps
    assert not any(k == "reads" and t == "table:remote_things" for _, t, k in deps)


def test_test_modules_are_not_application_symbols_but_mark_what_they_reach(dao_facts):
    assert dao_facts.tested == ("app.dao:StaffDao", "app.dao:load_orders")
    assert all(not s.id.startswith("tests.") for s in dao_facts.symbols)
    assert "tests.test_dao" not in dao_facts.modules
    assert dao_facts.modules == ("app", "app.dao", "app.db")


def test_route_handlers_resolve_to_symbol_ids(tmp_path):
    facts = build(tmp_path, {
        "shop/__init__.py": "",
        "shop/views.py": "def order_list(request):\n    pass\n",
        "shop/urls.py": """
            from django.urls import path
            from . import views

            urlpatterns = [path("orders/", views.order_list), path("x/", views.gone)]
        """,
    })
    assert {(r.path, r.handler) for r in facts.routes} == {
        ("/orders/", "shop.views:order_list"), ("/x/", "views.gone")}


def test_django_include_prefixes_are_composed_down_the_chain(tmp_path):
    facts = build(tmp_path, {
        "site/__init__.py": "", "shop/__init__.py": "", "shop/orders/__init__.py": "",
        "site/urls.py": """
            from django.urls import include, path
            from shop import urls as shop_urls
            urlpatterns = [path("shop/", include(shop_urls)), path("", home)]
        """,
        "shop/urls.py": """
            from django.urls import include, path, re_path
            urlpatterns = [re_path(r"^orders/", include("shop.orders.urls"))]
        """,
        "shop/orders/views.py": "def order_list(request):\n    pass\n",
        "shop/orders/urls.py": """
            from django.urls import path
            from . import views
            urlpatterns = [path("", views.order_list), path("<int:pk>/", views.order_list)]
        """,
    })
    assert sorted(r.path for r in facts.routes if r.handler.endswith("order_list")) == [
        "/shop/orders/", "/shop/orders/<int:pk>/"]


def test_a_web_app_whose_routes_are_not_read_is_told(tmp_path):
    # Kotti: Pyramid views found by traversal (@view_config without a route name)
    facts = build(tmp_path / "kotti", {"kotti/views.py": """
        from pyramid.view import view_config

        @view_config(name="edit", permission="edit")
        def edit(context, request):
            pass
    """})
    assert not facts.routes
    assert any("no HTTP route found, though the code imports pyramid" in w
               for w in facts.warnings)
    plain = build(tmp_path / "batch", {"jobs.py": "import os\n\ndef nightly():\n    pass\n"})
    assert not any("HTTP route" in w for w in plain.warnings)


def test_a_prefix_given_where_a_blueprint_or_router_is_registered_is_added(tmp_path):
    facts = build(tmp_path, {
        "shop/__init__.py": "",
        "shop/orders.py": """
            bp = Blueprint("orders", __name__, url_prefix="/orders")

            @bp.route("/<int:order_id>")
            def show(order_id):
                pass
        """,
        "shop/items.py": """
            router = APIRouter(prefix="/items")

            @router.get("/{item_id}")
            def item(item_id):
                pass
        """,
        "shop/app.py": """
            from shop import items
            from shop.orders import bp as orders_bp
            app.register_blueprint(orders_bp, url_prefix="/shop/orders")
            api.include_router(items.router, prefix="/api")
        """,
    })
    # Flask's url_prefix at registration replaces the blueprint's; FastAPI's is prepended
    assert sorted(r.path for r in facts.routes) == [
        "/api/items/{item_id}", "/shop/orders/<int:order_id>"]


def test_a_router_included_by_a_router_with_a_prefix_is_under_both(tmp_path):
    # dispatch: routers included by APIRouter(prefix="/{organization}")
    facts = build(tmp_path, {
        "api/__init__.py": "",
        "api/tags.py": """
            from fastapi import APIRouter
            router = APIRouter()

            @router.get("/{tag_id}")
            def get_tag(tag_id: int):
                pass
        """,
        "api/terms.py": """
            from fastapi import APIRouter
            router = APIRouter(prefix="/terms")

            @router.get("/")
            def terms():
                pass
        """,
        "api/main.py": """
            from fastapi import APIRouter
            from api import tags, terms

            org_router = APIRouter(prefix="/{organization}")
            org_router.include_router(tags.router, prefix="/tags")
            org_router.include_router(terms.router)
        """,
    })
    assert sorted(r.path for r in facts.routes) == [
        "/{organization}/tags/{tag_id}", "/{organization}/terms/"]


def test_a_prefix_named_by_a_setting_reaches_routers_down_a_chain_across_modules(tmp_path):
    # the full-stack FastAPI template: main.py includes api_router under
    # settings.API_V1_STR, a pydantic setting's default; api/main.py includes the routers
    facts = build(tmp_path, {
        "app/__init__.py": "",
        "app/core/__init__.py": "",
        "app/core/config.py": """
            API_PREFIX = "/api"

            class Settings(BaseSettings):
                API_V1_STR: str = "/api/v1"
                PROJECT_NAME: str = "Full Stack"

            settings = Settings()
        """,
        "app/api/__init__.py": "",
        "app/api/items.py": """
            from fastapi import APIRouter
            router = APIRouter(prefix="/items")

            @router.get("/{item_id}")
            def read_item(item_id: int):
                pass
        """,
        "app/api/users.py": """
            from fastapi import APIRouter
            router = APIRouter()

            @router.get("/users/me")
            def read_me():
                pass
        """,
        "app/api/main.py": """
            from fastapi import APIRouter
            from app.api import items, users

            api_router = APIRouter()
            api_router.include_router(items.router)
            api_router.include_router(users.router, prefix="/accounts")
        """,
        "app/main.py": """
            from fastapi import FastAPI
            from app.api.main import api_router
            from app.core.config import settings

            app = FastAPI()
            app.include_router(api_router, prefix=settings.API_V1_STR)
        """,
        "app/admin.py": """
            from fastapi import APIRouter, FastAPI
            from app.core import config
            router = APIRouter()

            @router.get("/health")
            def health():
                pass

            admin = FastAPI()
            admin.include_router(router, prefix=config.API_PREFIX)
        """,
    })
    assert sorted(r.path for r in facts.routes) == [
        "/api/health", "/api/v1/accounts/users/me", "/api/v1/items/{item_id}"]


def test_flask_restx_namespaces_are_under_their_path_and_their_apis_blueprint(tmp_path):
    # CTFd: Resources on namespaces of other modules, added to an Api over a blueprint
    # with url_prefix="/api/v1". A namespace is under "/<name>" unless given a path, and
    # add_namespace's path replaces it; a Resource answers the methods it defines.
    facts = build(tmp_path, {
        "ctf/__init__.py": "",
        "ctf/awards.py": """
            from flask_restx import Namespace, Resource
            awards_namespace = Namespace("awards", description="...")

            @awards_namespace.route("/<award_id>")
            class Award(Resource):
                def get(self, award_id):
                    pass

                def delete(self, award_id):
                    pass
        """,
        "ctf/teams.py": """
            from flask_restx import Namespace, Resource
            teams = Namespace("teams", path="/groups")

            @teams.route("/")
            class TeamList(Resource):
                def post(self):
                    pass
        """,
        "ctf/api.py": """
            from flask import Blueprint
            from flask_restx import Api
            from ctf.awards import awards_namespace
            from ctf import teams

            api = Blueprint("api", __name__, url_prefix="/api/v1")
            API = Api(api)
            API.add_namespace(awards_namespace, "/prizes")
            API.add_namespace(teams.teams)
        """,
    })
    assert sorted((r.path, r.methods) for r in facts.routes) == [
        ("/api/v1/groups/", ("POST",)), ("/api/v1/prizes/<award_id>", ("GET", "DELETE"))]


def test_flask_restful_resources_are_routes_under_their_apis_prefix(tmp_path):
    # redash: api.add_resource(AlertResource, "/api/alerts/<alert_id>", ...), each path a
    # route answering the methods the Resource defines
    facts = build(tmp_path, {
        "dash/__init__.py": "",
        "dash/api.py": """
            from flask import Blueprint
            from flask_restful import Api, Resource

            bp = Blueprint("v2", __name__, url_prefix="/v2")
            api = Api(bp)
            plain = Api()


            class AlertResource(Resource):
                def get(self, alert_id):
                    pass

                def post(self, alert_id):
                    pass


            api.add_resource(AlertResource, "/alerts/<alert_id>", "/a/<alert_id>",
                             endpoint="alert")
            plain.add_resource(AlertResource, "/alerts", endpoint="alerts")
        """,
    })
    assert sorted((r.path, r.handler, r.methods) for r in facts.routes) == [
        ("/alerts", "dash.api:AlertResource", ("GET", "POST")),
        ("/v2/a/<alert_id>", "dash.api:AlertResource", ("GET", "POST")),
        ("/v2/alerts/<alert_id>", "dash.api:AlertResource", ("GET", "POST"))]


def test_pyramid_views_take_the_pattern_of_the_route_they_name(tmp_path):
    # The pattern is declared under a name in one module and views bind to the name in
    # others, or take their class's @view_defaults; a view without a route name (an
    # exception view) or naming no declared route has no URL.
    facts = build(tmp_path, {
        "resort/__init__.py": "",
        "resort/routes.py": """
            def includeme(config):
                config.add_route("lift", "/lifts/{id}")
                config.add_route(name="passes", pattern="passes")
                config.add_route("home", "/")
        """,
        "resort/views.py": """
            from pyramid.view import view_config, view_defaults

            @view_config(route_name="lift", renderer="json", request_method="GET")
            def lift_status(request):
                pass

            @view_config(context=Exception)
            def oops(exc, request):
                pass

            class PassViews:
                @view_config(route_name="passes", request_method=("GET", "HEAD"))
                def listing(self):
                    pass

            @view_defaults(route_name="lift", permission="ops")
            class LiftViews:
                @view_config(request_method="POST")
                def toggle(self):
                    pass

            @view_config(route_name="nowhere")
            def lost(request):
                pass

            def home(request):
                pass

            def includeme(config):
                config.add_view(home, route_name="home")
        """,
    })
    assert {(r.handler, r.path, r.methods, r.framework) for r in facts.routes} == {
        ("resort.views:lift_status", "/lifts/{id}", ("GET",), "pyramid"),
        ("resort.views:PassViews", "/passes", ("GET", "HEAD"), "pyramid"),
        ("resort.views:LiftViews", "/lifts/{id}", ("POST",), "pyramid"),
        ("resort.views:home", "/", ("ANY",), "pyramid"),
    }


def test_bottle_routes_by_bare_decorators_put_the_placeholder_name_first(tmp_path):
    # from bottle import post: @post is a route; Bottle writes <name:filter>, stored the
    # Flask way; method= gives an app route's methods. A @post of a module without bottle
    # is nobody's route.
    facts = build(tmp_path, {
        "app.py": """
            import bottle
            from bottle import route, post as bottle_post

            app = bottle.Bottle()

            @bottle_post("/loans/<loan_id:int>/lost")
            def loan_lost(loan_id):
                pass

            @route("/files/<name:path>")
            def download(name):
                pass

            @app.route("/holds/<code:re:[A-Z]+>", method=["GET", "POST"])
            def hold(code):
                pass
        """,
        "other.py": """
            from mylib import post

            @post("/nowhere")
            def not_a_route():
                pass
        """,
    })
    assert {(r.handler, r.path, r.methods, r.framework) for r in facts.routes} == {
        ("app:loan_lost", "/loans/<int:loan_id>/lost", ("POST",), "bottle"),
        ("app:download", "/files/<path:name>", ("GET",), "bottle"),
        ("app:hold", "/holds/<code>", ("GET", "POST"), "bottle"),
    }


def test_webpy_url_tuples_map_expressions_to_the_classes_that_answer_them(tmp_path):
    # A class answers the HTTP methods it defines; one defined in another module answers
    # any. A tuple of strings that is no URL mapping, or one of a module without web.py,
    # is no route.
    facts = build(tmp_path, {
        "views/__init__.py": "",
        "views/reports.py": "class Aged:\n    def GET(self):\n        pass\n",
        "main.py": """
            import web
            import views.reports

            urls = (
                '/', 'Index',
                '/members/(\\d+)/edit', 'MemberEdit',
                '/reports/aged', 'views.reports.Aged',
            )
            COLUMNS = ('name', 'Name', 'email', 'Email')

            class Index:
                def GET(self):
                    pass

            class MemberEdit:
                def GET(self, member_id):
                    pass

                def POST(self, member_id):
                    pass

                def _form(self):
                    pass

            app = web.application(urls, globals())
        """,
        "plain.py": "urls = ('/a', 'A')\n\nclass A:\n    def GET(self):\n        pass\n",
    })
    assert {(r.handler, r.path, r.methods, r.framework) for r in facts.routes} == {
        ("main:Index", "/", ("GET",), "webpy"),
        ("main:MemberEdit", "/members/(\\d+)/edit", ("GET", "POST"), "webpy"),
        ("views.reports:Aged", "/reports/aged", ("ANY",), "webpy"),
    }


def test_tornado_webapp2_and_falcon_handlers_answer_the_methods_they_define(tmp_path):
    # Tornado's URL table passed to its Application or kept in a list (at module level or
    # in the Application's __init__); webapp2's, with a Route template; Falcon's
    # resources. A list that is not all (pattern, handler) pairs is no URL table.
    facts = build(tmp_path, {
        "blog.py": """
            import tornado.web
            from tornado.web import url

            class StoryHandler(tornado.web.RequestHandler):
                def get(self, story_id):
                    pass

                def post(self, story_id):
                    pass

            class FeedHandler(tornado.web.RequestHandler):
                def get(self):
                    pass

            handlers = [(r"/feed", FeedHandler)]
            CHOICES = [("draft", "Draft"), ("live", "Live")]

            def make_app():
                return tornado.web.Application([
                    url(r"/story/([0-9]+)", StoryHandler, name="story"),
                ])

            class App(tornado.web.Application):
                def __init__(self):
                    handlers = [(r"/atom", FeedHandler)]
                    super().__init__(handlers)
        """,
        "gae.py": """
            import webapp2

            class ProductHandler(webapp2.RequestHandler):
                def get(self, product_id):
                    pass

            app = webapp2.WSGIApplication([
                webapp2.Route(r"/products/<product_id:\\d+>", ProductHandler),
                ("/", ProductHandler),
            ])
        """,
        "api.py": """
            import falcon

            class ThingResource:
                def on_get(self, req, resp, thing_id):
                    pass

                def on_delete(self, req, resp, thing_id):
                    pass

            app = falcon.App()
            app.add_route("/things/{thing_id:int}", ThingResource())
        """,
    })
    assert {(r.handler, r.path, r.methods, r.framework) for r in facts.routes} == {
        ("blog:FeedHandler", "/feed", ("GET",), "tornado"),
        ("blog:FeedHandler", "/atom", ("GET",), "tornado"),
        ("blog:StoryHandler", "/story/([0-9]+)", ("GET", "POST"), "tornado"),
        ("gae:ProductHandler", "/products/{product_id:\\d+}", ("GET",), "webapp2"),
        ("gae:ProductHandler", "/", ("GET",), "webapp2"),
        ("api:ThingResource", "/things/{thing_id:int}", ("GET", "DELETE"), "falcon"),
    }


def test_cherrypy_methods_answer_at_the_path_of_the_object_that_holds_them(tmp_path):
    # The tree: a mount, attributes of the class and of __init__, across modules. index is
    # the object's own path; exposed = True publishes every public method; an object no
    # mount reaches, a method not exposed, or the catch-all default has no URL.
    facts = build(tmp_path, {
        "handlers.py": """
            import cherrypy

            class Customers(object):
                @cherrypy.expose
                def index(self):
                    pass

                @cherrypy.expose()
                def view(self, id):
                    pass

                def _load(self):
                    pass

                @cherrypy.expose
                def default(self, *rest):
                    pass

            class Users(object):
                exposed = True

                def create(self):
                    pass

                def _hash(self):
                    pass

            class Orphan(object):
                @cherrypy.expose
                def lost(self):
                    pass
        """,
        "app.py": """
            import cherrypy.lib  # binds cherrypy too
            import handlers

            class Admin(object):
                users = handlers.Users()

                def index(self):
                    pass
                index.exposed = True

            class Root(object):
                customers = handlers.Customers()

                def __init__(self):
                    self.admin = Admin()

                @cherrypy.expose
                def health(self):
                    pass

            def build():
                return cherrypy.tree.mount(Root(), "/water", {})
        """,
    })
    assert {(r.handler, r.path, r.framework) for r in facts.routes} == {
        ("handlers:Customers", "/water/customers", "cherrypy"),
        ("handlers:Customers", "/water/customers/view", "cherrypy"),
        ("handlers:Users", "/water/admin/users/create", "cherrypy"),
        ("app:Admin", "/water/admin", "cherrypy"),
        ("app:Root", "/water/health", "cherrypy"),
    }


def test_a_signal_handler_connected_to_a_sender_refers_to_that_model(tmp_path):
    # post_save.connect(handler, sender=Model) says what @receiver(post_save, sender=Model)
    # says: the handler serves that model, also when connected from a function; a
    # handler imported from elsewhere is not this module's to tie
    facts = build(tmp_path, {
        "shop/__init__.py": "",
        "shop/models.py": "class StockRecord:\n    pass\n\nclass Order:\n    pass\n",
        "shop/receivers.py": """
            from django.db.models.signals import post_save
            from shop import models
            from shop.models import StockRecord
            from shop.mail import send_mail

            def send_alerts(sender, instance, **kwargs):
                pass

            def order_saved(sender, instance, **kwargs):
                pass

            post_save.connect(send_alerts, sender=StockRecord)
            post_save.connect(send_mail, sender=StockRecord)

            def ready():
                post_save.connect(order_saved, sender=models.Order)
        """,
        "shop/mail.py": "def send_mail(sender, **kwargs):\n    pass\n",
    })
    assert {("shop.receivers:send_alerts", "shop.models:StockRecord"),
            ("shop.receivers:order_saved", "shop.models:Order")} <= _pairs(facts, "reference")
    assert ("shop.mail:send_mail", "shop.models:StockRecord") not in _pairs(facts, "reference")


def test_calls_into_third_party_code_and_builtins_make_no_edges(tmp_path):
    facts = build(tmp_path, {
        "a.py": "import requests\n\ndef f():\n    return len(requests.get('x'))\n",
    })
    assert [d for d in facts.dependencies if d.kind == "call"] == []


def test_calls_through_a_functions_own_imports_are_calls(tmp_path):
    # Legacy code imports inside a function to break an import cycle; the names it binds
    # are followed like module imports, and a local variable still resolves to nothing.
    facts = build(tmp_path, {
        "billing.py": "def run_cycle(n):\n    pass\n",
        "core.py": "def routes_due(day):\n    pass\n\ndef last_reading(m):\n    pass\n",
        "jobs.py": """
            def nightly():
                import core
                from billing import run_cycle
                from core import last_reading as last
                import json
                core.routes_due(3)
                run_cycle(1)
                json.dumps(last(7))
                job = object()
                job.run_cycle()
        """,
    })
    calls = {d.target for d in facts.dependencies if d.source == "jobs:nightly"
             and d.kind == "call"}
    assert calls == {"core:routes_due", "billing:run_cycle", "core:last_reading"}


def test_cochange_history_becomes_edges_between_known_symbols(tmp_path):
    history = History(available=True, symbol_cochange=(
        CoChange("a:f", "a:g", 4), CoChange("a:f", "gone:h", 9)))
    facts = build(tmp_path, {"a.py": "def f():\n    pass\n\ndef g():\n    pass\n"}, history)
    cochange = [d for d in facts.dependencies if d.kind == "cochange"]
    assert [(d.source, d.target, d.count) for d in cochange] == [("a:f", "a:g", 4)]


def test_failed_files_are_kept_as_outcomes_and_add_no_symbols(tmp_path):
    facts = build(tmp_path, {"ok.py": "def f():\n    pass\n", "bad.py": "def (:\n"})
    assert [s.id for s in facts.symbols] == ["ok:f"]
    assert len(facts.outcomes) == 2


def test_imports_are_read_from_a_folder_the_code_runs_from(tmp_path):
    # pgAdmin: code in web/pgadmin/, run from web/, imported as ``pgadmin.*``; ids stay
    # paths from the repository's root. A namespace folder imported by its own name
    # (lib/ below) is no such root.
    facts = build(tmp_path, {
        "web/app.py": "from pgadmin.utils import render\n\n\ndef main():\n    render()\n",
        "web/pgadmin/__init__.py": "",
        "web/pgadmin/utils/__init__.py": "def render():\n    pass\n",
        "web/pgadmin/browser.py": ("import pgadmin.utils as u\n\n\n"
                                   "def show():\n    u.render()\n"),
        "lib/shop/__init__.py": "",
        "lib/shop/orders.py": ("from lib.shop.stock import reserve\nimport stock\n\n\n"
                               "def place():\n    reserve()\n    stock.reserve()\n"),
        "lib/shop/stock.py": "def reserve():\n    pass\n",
    })
    calls = _pairs(facts, "call")
    assert ("web.app:main", "web.pgadmin.utils:render") in calls
    assert ("web.pgadmin.browser:show", "web.pgadmin.utils:render") in calls
    assert ("lib.shop.orders:place", "lib.shop.stock:reserve") in calls
    imports = _pairs(facts, "import")
    assert ("web.app", "web.pgadmin.utils") in imports
    assert not any(t == "lib.shop.stock" and s != "lib.shop.orders" for s, t in imports)


def test_imports_are_read_from_a_folder_holding_the_package_of_its_name(tmp_path):
    # reddit: setup.py in r2/, the package in r2/r2/, imported as ``r2.models``; Django's
    # default layout is the same (mysite/manage.py, mysite/mysite/settings.py). A name
    # that only fits as written (run from the root) still resolves as written.
    facts = build(tmp_path, {
        "r2/setup.py": "",
        "r2/r2/__init__.py": "",
        "r2/r2/models/__init__.py": "from r2.models.link import Link\n",
        "r2/r2/models/link.py": "class Link:\n    pass\n",
        "r2/r2/controllers.py": ("from r2.models import Link\nimport r2.lib.utils as u\n\n\n"
                                 "def front():\n    Link()\n    u.tidy()\n"),
        "r2/r2/lib/__init__.py": "",
        "r2/r2/lib/utils.py": "def tidy():\n    pass\n",
        "r2/tools.py": "from r2.tools_extra import fix\n\n\ndef run():\n    fix()\n",
        "r2/tools_extra.py": "def fix():\n    pass\n",
    })
    calls = _pairs(facts, "call")
    assert ("r2.r2.controllers:front", "r2.r2.models.link:Link") in calls
    assert ("r2.r2.controllers:front", "r2.r2.lib.utils:tidy") in calls
    assert ("r2.tools:run", "r2.tools_extra:fix") in calls
    imports = _pairs(facts, "import")
    assert ("r2.r2.controllers", "r2.r2.models") in imports


def test_table_names_built_around_a_value_are_filled_in_or_left_out(tmp_path):
    facts = build(tmp_path, {
        "app/db.py": '''
            class Store:
                classname = None

                def load(self, db, key):
                    db.execute("SELECT * FROM _%s WHERE id = %%s" % self.classname, key)

                def audit(self, db, name):
                    db.execute("INSERT INTO %s_history (note) VALUES ('x')" % name)
                    db.execute("CREATE TABLE %s_log (id INT)" % name)


            class Issues(Store):
                classname = "issue"
        ''',
    })
    assert facts.schema.tables == ()  # no name with a hole becomes a table
    assert {(a.source, a.table, a.mode) for a in facts.accesses} == {
        ("app.db:Issues", "_issue", "read")}


def test_a_moved_model_keeps_its_current_table_and_inherits_an_abstract_db_table(tmp_path):
    # Oscar: the communication app's first migration still says db_table="customer_email";
    # a later AlterModelTable gave the model its default name, as the model says now.
    facts = build(tmp_path, {
        "shop/__init__.py": "",
        "shop/communication/__init__.py": "",
        "shop/communication/models.py": '''
            from django.db import models


            class AbstractHierarchy(models.Model):
                depth = models.IntegerField()

                class Meta:
                    abstract = True
                    db_table = "product_category_hierarchy"


            class Hierarchy(AbstractHierarchy):
                pass


            class Email(models.Model):
                subject = models.CharField(max_length=100)
        ''',
        "shop/communication/migrations/__init__.py": "",
        "shop/communication/migrations/0001_initial.py": '''
            from django.db import migrations, models


            class Migration(migrations.Migration):
                operations = [
                    migrations.CreateModel(
                        name="Email",
                        fields=[("id", models.AutoField(primary_key=True)),
                                ("subject", models.CharField(max_length=100))],
                        options={"db_table": "customer_email"},
                    ),
                    migrations.CreateModel(
                        name="Hierarchy",
                        fields=[("id", models.AutoField(primary_key=True))],
                        options={"db_table": "product_category_hierarchy"},
                    ),
                ]
        ''',
        "shop/communication/migrations/0002_reset_table_names.py": '''
            from django.db import migrations


            class Migration(migrations.Migration):
                operations = [migrations.AlterModelTable(name="email", table=None)]
        ''',
    })
    tables = {t.name: t.defined_by for t in facts.schema.tables}
    assert tables == {
        "communication_email": "shop.communication.models:Email",
        "product_category_hierarchy": "shop.communication.models:Hierarchy"}


def test_tables_a_later_migration_drops_are_gone(tmp_path):
    facts = build(tmp_path, {
        "forum/__init__.py": "",
        "forum/models.py": '''
            from django.db import models


            class Thread(models.Model):
                title = models.CharField(max_length=100)
        ''',
        "forum/migrations/__init__.py": "",
        "forum/migrations/0001_initial.py": '''
            from django.db import migrations, models


            class Migration(migrations.Migration):
                operations = [
                    migrations.CreateModel(name="Thread", fields=[
                        ("id", models.AutoField(primary_key=True))]),
                    migrations.CreateModel(name="Poll", fields=[
                        ("id", models.AutoField(primary_key=True)),
                        ("threads", models.ManyToManyField(to="forum.Thread"))]),
                    migrations.CreateModel(name="Vote", fields=[
                        ("id", models.AutoField(primary_key=True))],
                        options={"db_table": "forum_votes"}),
                ]
        ''',
        "forum/migrations/0002_move_polls.py": '''
            from django.db import migrations


            class Migration(migrations.Migration):
                operations = [migrations.DeleteModel(name="Poll"),
                              migrations.DeleteModel("Vote")]
        ''',
        "alembic/versions/001_start.py": '''
            import sqlalchemy as sa
            from alembic import op


            def upgrade():
                op.create_table("legacy_log", sa.Column("id", sa.Integer()))
                op.create_table("audit", sa.Column("id", sa.Integer()))


            def downgrade():
                op.drop_table("audit")
        ''',
        "alembic/versions/002_cleanup.py": '''
            from alembic import op


            def upgrade():
                op.drop_table("legacy_log")
        ''',
    })
    assert {t.name for t in facts.schema.tables} == {"forum_thread", "audit"}


def test_columns_a_later_migration_removes_or_renames_are_gone(tmp_path):
    # The generated schema must not bring back a NOT NULL column the application no
    # longer fills (healthchecks' check.user_id, CTFd's users.bracket). A column dropped
    # and added again later stays; the model gives a renamed column its new name.
    facts = build(tmp_path, {
        "desk/__init__.py": "",
        "desk/models.py": '''
            from django.db import models


            class Ticket(models.Model):
                label = models.CharField(max_length=20)
        ''',
        "desk/migrations/__init__.py": "",
        "desk/migrations/0001_initial.py": '''
            from django.db import migrations, models


            class Migration(migrations.Migration):
                operations = [
                    migrations.CreateModel(name="Ticket", fields=[
                        ("id", models.AutoField(primary_key=True)),
                        ("user", models.ForeignKey("auth.User", models.CASCADE)),
                        ("old_label", models.CharField(max_length=20)),
                        ("code", models.CharField(max_length=8))]),
                ]
        ''',
        "desk/migrations/0002_cleanup.py": '''
            from django.db import migrations, models


            class Migration(migrations.Migration):
                operations = [
                    migrations.RemoveField(model_name="ticket", name="user"),
                    migrations.RenameField("ticket", "old_label", "label"),
                    migrations.RemoveField("ticket", "code"),
                ]
        ''',
        "desk/migrations/0003_code_again.py": '''
            from django.db import migrations, models


            class Migration(migrations.Migration):
                operations = [migrations.AddField("ticket", "code",
                                                  models.CharField(max_length=9))]
        ''',
        "alembic/versions/001_start.py": '''
            import sqlalchemy as sa
            from alembic import op


            def upgrade():
                op.create_table("users", sa.Column("id", sa.Integer()),
                                sa.Column("name", sa.String(length=128)),
                                sa.Column("bracket", sa.String(32)),
                                sa.Column("nick", sa.String(32)))


            def downgrade():
                op.drop_column("users", "name")
        ''',
        "alembic/versions/002_cleanup.py": '''
            from alembic import op


            def upgrade():
                op.drop_column("users", "bracket")
                op.alter_column("users", "nick", new_column_name="handle")
        ''',
    })
    columns = {t.name: {c.name: c.type for c in t.columns} for t in facts.schema.tables}
    assert columns["desk_ticket"] == {"id": "AutoField", "code": "CharField(9)",
                                      "label": "CharField(20)"}
    assert facts.schema.tables[0].foreign_keys == ()
    assert columns["users"] == {"id": "Integer", "name": "String(128)"}


def test_alembic_migrations_run_in_the_order_of_their_revisions_not_of_their_names(tmp_path):
    # Hash-named revisions (CTFd, indico): 0bad follows f00d, though it sorts first.
    # Across folders of migrations there is no order to tell, and a drop comes after.
    facts = build(tmp_path, {
        "migrations/versions/f00d_initial.py": '''
            import sqlalchemy as sa
            from alembic import op

            revision = "f00d"
            down_revision = None


            def upgrade():
                op.create_table("users", sa.Column("id", sa.Integer()),
                                sa.Column("bracket", sa.String(32)),
                                sa.Column("decay", sa.Integer()))
                op.create_table("legacy", sa.Column("id", sa.Integer()))
        ''',
        # a plugin's own chain drops a core column: a drop presupposes what it drops
        "ctf/plugins/dyn/migrations/93284_prefix.py": '''
            from alembic import op

            revision = "93284"
            down_revision = None


            def upgrade():
                op.drop_column("users", "decay")
        ''',
        "migrations/versions/0bad_cleanup.py": '''
            from alembic import op

            revision: str = "0bad"
            down_revision: str | None = "f00d"


            def upgrade():
                op.drop_column("users", "bracket")
                op.drop_table("legacy")
        ''',
    })
    assert {t.name: [c.name for c in t.columns] for t in facts.schema.tables} == {
        "users": ["id"]}


def test_whether_a_column_may_be_null_is_the_models_not_an_old_migrations(tmp_path):
    # redash: added NOT NULL, relaxed by a later alter_column, nullable=True in the model
    facts = build(tmp_path, {
        "app/__init__.py": "",
        "app/models.py": '''
            from sqlalchemy import Column, Integer, Text
            from sqlalchemy.orm import declarative_base

            Base = declarative_base()


            class Query(Base):
                __tablename__ = "queries"
                id = Column(Integer, primary_key=True)
                schedule = Column(Text, nullable=True)
                name = Column(Text, nullable=False)
        ''',
        "migrations/versions/a1_add.py": '''
            import sqlalchemy as sa
            from alembic import op

            revision = "a1"
            down_revision = None


            def upgrade():
                op.create_table("queries", sa.Column("id", sa.Integer(), nullable=False),
                                sa.Column("schedule", sa.Text(), nullable=False),
                                sa.Column("name", sa.Text(), nullable=True))
        ''',
    })
    (queries,) = facts.schema.tables
    assert {c.name: c.nullable for c in queries.columns} == {
        "id": False, "schedule": True, "name": False}


def test_a_key_column_without_a_type_has_the_type_of_the_column_it_references(tmp_path):
    # Kotti: Column(ForeignKey("nodes.id")) was TEXT in the generated schema
    facts = build(tmp_path, {
        "app/__init__.py": "",
        "app/models.py": '''
            from sqlalchemy import BigInteger, Column, ForeignKey, Integer, String
            from sqlalchemy.orm import declarative_base

            Base = declarative_base()


            class Node(Base):
                __tablename__ = "nodes"
                id = Column(BigInteger, primary_key=True)
                code = Column(String(8), unique=True)


            class Tag(Base):
                __tablename__ = "tags"
                id = Column(Integer, primary_key=True)
                node_id = Column(ForeignKey("nodes.id"))
                node_code = Column(ForeignKey("nodes.code"))
                owner_id = Column(Integer, ForeignKey("nodes.id"))
        ''',
    })
    tags = next(t for t in facts.schema.tables if t.name == "tags")
    assert {c.name: c.type for c in tags.columns} == {
        "id": "Integer", "node_id": "BigInteger", "node_code": "String(8)",
        "owner_id": "Integer"}


def test_the_order_of_alembic_revisions_follows_their_chains():
    assert migration_order({"m/c.py": ("c", "b"), "m/a.py": ("a",), "m/b.py": ("b", "a"),
                            "m/merge.py": ("m", "c", "x"), "m/x.py": ("x", "a"),
                            "m/loop1.py": ("l1", "l2"), "m/loop2.py": ("l2", "l1")}) == {
        "m/a.py": 0, "m/b.py": 1, "m/x.py": 1, "m/c.py": 2, "m/merge.py": 3}


def test_python_2_implicit_relative_imports_reach_the_modules_beside_the_importer(tmp_path):
    # "import db" in dealer/handlers.py is dealer/db.py when there is no top-level db
    # (Python 2 looks beside the importer first). A library of the same name as a module
    # of the project (celery.schedules beside the project's celery.py) stays the library,
    # and so does a standard library module (json beside a json.py) and a bare import in
    # a code base without Python 2 files (PyJWT's jwt beside Saleor's jwt.py).
    facts = build(tmp_path, {
        "dealer/__init__.py": "",
        "dealer/db.py": "def query(sql):\n    return sql\n",
        "dealer/celery.py": "def make_app():\n    pass\n",
        "dealer/json.py": "def dumps(x):\n    return x\n",

        "dealer/handlers.py": """
            import db
            from db import query as q
            from celery.schedules import crontab
            import json

            def stock_list():
                print "listing"
                return db.query("SELECT 1"), q("SELECT 2"), json.dumps({}), crontab()
        """,
    })
    calls = _pairs(facts, "call")
    assert ("dealer.handlers:stock_list", "dealer.db:query") in calls
    assert not {t for s, t in calls if t.startswith(("dealer.json", "dealer.celery"))}
    assert ("dealer.handlers", "dealer.db") in _pairs(facts, "import")
    assert ("dealer.handlers", "dealer.celery") not in _pairs(facts, "import")
    python3 = build(tmp_path / "py3", {
        "shop/__init__.py": "",
        "shop/jwt.py": "def make_token():\n    pass\n",
        "shop/tokens.py": "import jwt\n\n\ndef token():\n    return jwt.encode({})\n",
    })
    assert ("shop.tokens", "shop.jwt") not in _pairs(python3, "import")


def test_sqlalchemy_core_tables_are_used_through_the_names_they_are_bound_to(tmp_path):
    # Core: tables are Table objects bound to module names; the statements built on them
    # say what is read and written, in the 1.x forms (orders.insert(), select([orders]))
    # and the 2.0 ones (insert(orders)), also through a package that re-exports them.
    facts = build(tmp_path, {
        "app/__init__.py": "",
        "app/db/__init__.py": "from app.db.tables import orders, order_lines\n",
        "app/db/tables.py": """
            from sqlalchemy import MetaData, Table, Column, Integer, ForeignKey

            metadata = MetaData()
            orders = Table("orders", metadata, Column("id", Integer, primary_key=True))
            order_lines = Table("order_lines", metadata,
                                Column("id", Integer, primary_key=True),
                                Column("order_id", Integer, ForeignKey("orders.id")))
        """,
        "app/repo.py": """
            from sqlalchemy import select, insert
            from app.db.tables import orders
            from app.db import order_lines

            def place(conn):
                conn.execute(orders.insert().values(id=1))
                conn.execute(insert(order_lines).values(order_id=1))

            def lines_of(conn, order_id):
                return conn.execute(select([order_lines]).where(
                    order_lines.c.order_id == order_id)).fetchall()

            def close(conn, order_id):
                conn.execute(orders.update().where(orders.c.id == order_id).values(id=2))
        """,
    })
    assert {(s, t, m) for s, t, m, via, _ in _accesses(facts) if via == "orm"} == {
        ("app.repo:place", "orders", "write"),
        ("app.repo:place", "order_lines", "write"),
        ("app.repo:lines_of", "order_lines", "read"),
        ("app.repo:close", "orders", "write"),
    }


def test_sql_constants_of_a_queries_module_are_accessed_by_the_code_that_uses_them(tmp_path):
    # A legacy ``queries.py`` spells out the statements; the functions that execute them,
    # in other modules, read and write their tables (through a module alias, a from-import
    # and a package re-export). Names that hold no SQL (TIMEOUT) give nothing.
    facts = build(tmp_path, {
        "app/__init__.py": "",
        "app/sql/__init__.py": "from app.sql.queries import MEMBER_BY_ID\n",
        "app/sql/queries.py": '''
            INSERT_MEMBER = """
                INSERT INTO members (email, name)
                VALUES (%s, %s)
            """
            MEMBER_BY_ID = "SELECT * FROM members WHERE id = %s"
            CLOSE_TRIP = "UPDATE trips SET ended_at = now() WHERE id = %s"
            TIMEOUT = 30
        ''',
        "app/members.py": """
            from app.sql import queries as Q
            from app.sql import MEMBER_BY_ID

            def register(cur, email, name):
                cur.execute(Q.INSERT_MEMBER, (email, name))

            def member(cur, key):
                cur.execute(MEMBER_BY_ID, (key,))
                return cur.fetchone()
        """,
        "app/trips.py": """
            from app.sql.queries import CLOSE_TRIP, TIMEOUT

            def end_trip(cur, key):
                cur.execute(CLOSE_TRIP, (key,), timeout=TIMEOUT)
        """,
    })
    found = {(s, t, m) for s, t, m, _, _ in _accesses(facts) if ":" in s}
    assert found == {
        ("app.members:register", "members", "write"),
        ("app.members:member", "members", "read"),
        ("app.trips:end_trip", "trips", "write"),
    }
    kinds = {(d.source, d.target, d.kind) for d in facts.dependencies}
    assert ("app.members:register", "table:members", "writes") in kinds
    assert ("app.trips:end_trip", "table:trips", "writes") in kinds
