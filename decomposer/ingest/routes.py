"""HTTP routes: Flask/FastAPI/Bottle decorators, ``add_url_rule``, Django URL patterns,
Pyramid's named routes, the URL tables of web.py, Tornado and webapp2, Falcon's resources
and CherryPy's object tree.

A router's own prefix is applied where it is declared in the same module
(``Blueprint(..., url_prefix="/orders")``, ``APIRouter(prefix="/orders")``); Django's
``path("orders/", include("shop.orders.urls"))`` and ``register_blueprint(bp,
url_prefix=...)`` / ``include_router(router, prefix=...)`` are recorded and composed across
modules when names are resolved. Pyramid declares a route's pattern under a name in one
place (``config.add_route("lift", "/lifts/{id}")``) and binds views to the name in another
(``@view_config(route_name="lift")``, ``config.add_view(view, route_name="lift")``): the
view's path is the name until names are resolved, then the pattern.

Bottle declares routes with decorators imported from it (``from bottle import post``,
``@post("/loans/<loan_id:int>")``) as well as on an app (``@app.route(..., method="POST")``),
and writes a placeholder's name first: in a module that imports bottle, it is stored the
Flask way (``<int:loan_id>``). web.py maps regular expressions to classes in a module-level tuple
(``urls = ("/members/(\\d+)", "MemberView", ...)``); Tornado and webapp2 in the list given
to their application (``Application([(r"/story/([0-9]+)", StoryHandler), url(...)])``);
Falcon adds a resource per path (``app.add_route("/things/{id}", ThingResource())``). A
handler class defined in the module answers the methods it defines (web.py's ``GET``,
Tornado's and webapp2's ``get``, Falcon's ``on_get``); one defined elsewhere, any.

CherryPy publishes objects: an exposed method (``@cherrypy.expose``, ``index.exposed =
True``, or every public method of a class with ``exposed = True``) answers at its object's
path plus its name (``index``: the path itself). The path comes from the tree: mounts
(``cherrypy.tree.mount(Root(), "/")``, ``cherrypy.quickstart(Root())``) and the objects
held in attributes (``customers = CustomersHandler()`` in the class or ``self.admin =
AdminRoot()`` in ``__init__``). Each module records its edges of that tree; a route's path
is its object's name until names are resolved, then the path. An object no mount reaches
has no URL to tell."""

from __future__ import annotations

import ast
import re
from dataclasses import replace

from decomposer.ingest.astutil import const_str, dotted, keyword
from decomposer.model import Route

_VERBS = {"get", "post", "put", "delete", "patch", "head", "options"}
_HTTP_METHODS = ("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")
_BOTTLE_DECORATORS = _VERBS | {"route"}
_BOTTLE_FILTERS = {"int", "float", "path"}
# <name>, <name:filter> or <name:re:expression>, Bottle's placeholders
_BOTTLE_PLACEHOLDER = re.compile(r"<(\w+)(?::(\w+)(?::[^>]*)?)?>")
_DOTTED = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*")  # a class as web.py names it
# webapp2's route templates: <name> or <name:regex>, as Pyramid writes them with braces
_WEBAPP2_PLACEHOLDER = re.compile(r"<(\w+)((?::[^>]*)?)>")
_DJANGO_PATTERNS = {"path", "re_path", "url"}
# Flask-RESTX's and Flask-RESTPlus' ``Namespace("awards")`` is under ``/awards`` unless
# given a ``path``; its ``Api(blueprint)`` is under the blueprint's prefix.
_ROUTERS = {"Blueprint": "url_prefix", "APIRouter": "prefix", "Namespace": "path",
            "Api": "prefix"}
# How a router is registered on another: the keyword of its prefix (Flask-RESTX's path may
# come second), and whether that prefix replaces the router's own (Flask's) or is prepended
_REGISTRATIONS = {"register_blueprint": ("url_prefix", "flask"),
                  "include_router": ("prefix", "fastapi"),
                  "add_namespace": ("path", "flask")}
PYRAMID_ROUTE = "pyramid-route:"  # path of a Pyramid view until its route name is looked up
CHERRYPY_OBJECT = "cherrypy-object:"  # path of an exposed method until its object's is known


class RouteCollector:
    def __init__(self, module: str, path: str) -> None:
        self.module = module
        self.path = path
        self.routes: list[Route] = []
        self.includes: list[tuple[str, str]] = []  # (URL prefix, included module)
        # Django: module-level lists of patterns (name -> first and last line), and the
        # include()s of one of them in this module: (URL prefix, list name, line)
        self.url_lists: dict[str, tuple[int, int]] = {}
        self.local_includes: list[tuple[str, str, int]] = []
        # (prefix, router, framework, the router or app it is registered on)
        self.registrations: list[tuple[str, str, str, str]] = []
        self.prefixes: dict[str, str] = {}  # router variable -> its URL prefix
        self.route_patterns: list[tuple[str, str]] = []  # Pyramid: (route name, pattern)
        self.default_routes: dict[str, str] = {}  # Pyramid: class -> its @view_defaults route
        self.bottle = False  # the module imports bottle: its placeholders put the name first
        self.bottle_names: dict[str, str] = {}  # local name -> bottle's route or verb
        self.webpy = False  # the module imports web.py
        self.url_tables = ""  # "tornado" or "webapp2": the module imports it
        self.falcon = False  # the module imports falcon
        self.cherrypy = False  # the module imports cherrypy
        # CherryPy: (parent class id, attribute, class as named here); a mount has no
        # parent, and its URL prefix as the attribute
        self.object_tree: list[tuple[str, str, str]] = []

    def imports(self, body: list[ast.stmt]) -> None:
        """What the module's top-level imports say of its web framework."""
        for node in body:
            if isinstance(node, ast.Import):  # import cherrypy.lib binds cherrypy too
                names = {a.name.partition(".")[0] for a in node.names}
                self.bottle |= "bottle" in names
                self.webpy |= "web" in names
                self.cherrypy |= "cherrypy" in names
                self.url_tables = next(iter(sorted({"tornado", "webapp2"} & names)),
                                       self.url_tables)
                self.falcon |= "falcon" in names
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                root = node.module.partition(".")[0]
                self.cherrypy |= root == "cherrypy"
                if root in ("tornado", "webapp2"):
                    self.url_tables = root
                self.falcon |= root == "falcon"
            if isinstance(node, ast.ImportFrom) and node.module == "bottle" and not node.level:
                self.bottle = True
                self.bottle_names.update({a.asname or a.name: a.name for a in node.names
                                          if a.name in _BOTTLE_DECORATORS})

    def router(self, name: str, value: ast.AST) -> None:
        """``bp = Blueprint("orders", __name__, url_prefix="/orders")`` at module level;
        web.py's ``urls = ("/", "Index", "/members/(\\d+)", "MemberView")``."""
        if self.webpy and isinstance(value, (ast.Tuple, ast.List)):
            self._webpy_urls(value)
            return
        if self.url_tables and isinstance(value, (ast.Tuple, ast.List)):
            self.url_table(value)  # handlers = [(r"/", MainHandler), ...]
            return
        if isinstance(value, (ast.Tuple, ast.List)):  # api_urls = [path(...), ...]
            self.url_lists[name] = (value.lineno, value.end_lineno or value.lineno)
        if not isinstance(value, ast.Call):
            return
        called = (dotted(value.func) or "").rpartition(".")[2]
        # a subclass is named after its base as often as not (indico's IndicoBlueprint)
        kind = next((kind for kind in _ROUTERS if called.endswith(kind)), None)
        prefix = _keyword_str(value, _ROUTERS[kind]) if kind else None
        if kind == "Namespace" and prefix is None and value.args:
            label = const_str(value.args[0])
            prefix = "/" + label.strip("/") if label else None
        elif kind == "Api" and value.args:  # Api(bp, prefix="/v1"): under bp's prefix too
            prefix = join_paths(self.prefixes.get(dotted(value.args[0]) or "", ""),
                                prefix or "").rstrip("/") or None
        if prefix:
            self.prefixes[name] = prefix

    def _route(self, node: ast.Call, handler: str, url: str, methods: tuple[str, ...],
               framework: str) -> Route:
        owner = dotted(node.func.value) if isinstance(node.func, ast.Attribute) else None
        router = owner if owner and "." not in owner else ""
        prefix = self.prefixes.get(router, "")
        return Route(handler, join_paths(prefix, url) if prefix else url, methods, framework,
                     self.path, node.lineno, self.module, router, prefix)

    def decorator(self, node: ast.AST, handler: str) -> None:
        """``@app.route("/x", methods=[...])``, ``@router.post("/x")`` on ``handler``;
        Pyramid's ``@view_config(route_name="x")``."""
        called = (dotted(node.func) or "").rpartition(".")[2] if isinstance(node, ast.Call) else ""
        if called == "view_config":
            self._pyramid_view(node, handler)
            return
        if called == "view_defaults":
            name = _keyword_str(node, "route_name")  # for the class's methods (seen next)
            if name:
                self.default_routes[handler] = name
            return
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in self.bottle_names:  # from bottle import post; @post("/x")
            verb = self.bottle_names[node.func.id]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            verb = node.func.attr
        else:
            return
        url = _first_str(node)
        if url is None or not (verb in ("route", "api_route", "websocket") or verb in _VERBS):
            return
        if verb in ("route", "api_route"):
            methods = _methods(node) or _one_or_more_methods(node, "method") or ("GET",)
            framework = "flask" if verb == "route" else "fastapi"
        else:
            methods = (verb.upper(),)
            framework = "fastapi" if verb != "websocket" else "websocket"
        if self.bottle and framework != "websocket":
            url, framework = _BOTTLE_PLACEHOLDER.sub(_flask_placeholder, url), "bottle"
        self.routes.append(self._route(node, handler, url, methods, framework))

    def published_class(self, node: ast.ClassDef, sid: str) -> None:
        """CherryPy: the class's exposed methods, and the objects its attributes hold."""
        if not self.cherrypy:
            return
        exposed_class = False
        exposed: set[str] = set()
        for stmt in node.body:
            if isinstance(stmt, ast.Assign) and _is_true(stmt.value):
                for target in stmt.targets:
                    if isinstance(target, ast.Name) and target.id == "exposed":
                        exposed_class = True
                    elif isinstance(target, ast.Attribute) and target.attr == "exposed" \
                            and isinstance(target.value, ast.Name):  # index.exposed = True
                        exposed.add(target.value.id)
            elif isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call):
                self._held(sid, stmt.targets, stmt.value)
        for stmt in node.body:
            if not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            if stmt.name == "__init__":
                for inner in stmt.body:  # self.admin = AdminRoot()
                    if isinstance(inner, ast.Assign) and isinstance(inner.value, ast.Call):
                        self._held(sid, inner.targets, inner.value, owner="self")
            elif stmt.name == "default":  # whatever path is left below the object
                continue
            elif stmt.name in exposed or (exposed_class and not stmt.name.startswith("_")) \
                    or any(_decorator_last(d) == "expose" for d in stmt.decorator_list):
                segment = "" if stmt.name == "index" else stmt.name
                self.routes.append(Route(sid, CHERRYPY_OBJECT + segment, ("ANY",), "cherrypy",
                                         self.path, stmt.lineno, self.module))

    def _held(self, sid: str, targets: list[ast.expr], value: ast.Call,
              owner: str | None = None) -> None:
        made = dotted(value.func)
        if not made:
            return
        for target in targets:
            if owner is None and isinstance(target, ast.Name):
                name = target.id
            elif owner and isinstance(target, ast.Attribute) and dotted(target.value) == owner:
                name = target.attr
            else:
                continue
            self.object_tree.append((sid, name, made))

    def _webpy_urls(self, value: ast.Tuple | ast.List) -> None:
        """Pairs of a URL expression and the name of the class that answers it; anything
        else in the tuple means it is no URL mapping."""
        items = [const_str(e) for e in value.elts]
        if len(items) < 2 or len(items) % 2 or any(i is None for i in items):
            return
        pairs = list(zip(items[::2], items[1::2]))
        paths = [_expression_path(url) for url, _ in pairs]
        if not all(path and _DOTTED.fullmatch(handler)
                   for path, (_, handler) in zip(paths, pairs)):
            return
        for path, (_, handler), node in zip(paths, pairs, value.elts[::2]):
            self.routes.append(Route(handler, path, ("ANY",), "webpy", self.path, node.lineno,
                                     self.module))

    def apply_local_includes(self) -> None:
        """``path("api/v1/", include(api_urls))`` with ``api_urls = [...]`` in this module:
        the list's routes are under that prefix, once per include (healthchecks serves
        one list under ``api/v1/`` and ``api/v2/``), and not at the module's root."""
        if not self.local_includes:
            return
        included = {name for _, name, _ in self.local_includes}

        def list_at(line: int) -> str | None:
            return next((name for name, (first, last) in self.url_lists.items()
                         if first <= line <= last), None)

        def prefixes(name: str, depth: int = 0) -> list[str]:
            found = []
            for url, target, line in self.local_includes:
                if target != name:
                    continue
                outer = list_at(line)
                heads = prefixes(outer, depth + 1) if outer in included and depth < 8 else [""]
                found += [join_paths(head, url) if head else url for head in heads]
            return found

        out = []
        for route in self.routes:
            name = list_at(route.line) if route.framework == "django" else None
            if name not in included:
                out.append(route)
                continue
            out += [replace(route, path=join_paths(head, route.path))
                    for head in dict.fromkeys(prefixes(name))]
        self.routes = out

    def answer(self, classes: dict[str, list[str]]) -> None:
        """A handler class defined here answers the HTTP methods it defines, as its framework
        names them; ``classes``: class name -> its method names."""
        out = []
        for route in self.routes:
            local = route.handler.removeprefix(self.module + ":")  # decorated: a symbol id
            names = classes.get(local) if route.framework in _CLASS_METHODS else None
            methods = _answered(route.framework, names) if names else ()
            out.append(replace(route, methods=methods) if methods else route)
        self.routes = out

    def url_table(self, table: ast.AST) -> None:
        """Tornado's and webapp2's ``[(pattern, Handler), url(pattern, Handler), ...]``:
        a list all of whose entries are such pairs, or no URL table. Tornado apps build it
        in their Application's ``__init__`` (``handlers = [...]``) as often as not."""
        if not self.url_tables or not isinstance(table, (ast.List, ast.Tuple)) \
                or not table.elts:
            return
        found = []
        for entry in table.elts:
            parts = entry.elts if isinstance(entry, ast.Tuple) else entry.args if (
                isinstance(entry, ast.Call)) else []
            pattern = const_str(parts[0]) if len(parts) >= 2 else None
            handler = dotted(parts[1]) if pattern is not None else None
            path = _expression_path(pattern) if pattern is not None else None
            if not path or not handler:
                return
            if isinstance(entry, ast.Call) and self.url_tables == "webapp2":  # a template
                path = _WEBAPP2_PLACEHOLDER.sub(r"{\1\2}", path)
            found.append(Route(handler, path, ("ANY",), self.url_tables, self.path,
                               entry.lineno, self.module))
        self.routes += found

    def call(self, node: ast.Call, name: str | None, source: str) -> None:
        """``path("orders/", views.orders)`` and ``app.add_url_rule("/x", view_func=f)``."""
        last = (name or "").rpartition(".")[2]
        if last in _DJANGO_PATTERNS and len(node.args) >= 2 and not self.url_tables:
            # (Tornado's url() is an entry of its URL table, read with the table)
            url = _first_str(node)
            included = _included(node.args[1])
            if url is not None and included in self.url_lists:
                self.local_includes.append((url, included, node.lineno))
                return
            if url is not None and included:
                self.includes.append((url, included))
                return
            view = _view_name(node.args[1])
            if url is not None and view:
                self.routes.append(Route(view, "/" + url.lstrip("^/").rstrip("$"), ("ANY",),
                                         "django", self.path, node.lineno, self.module))
        elif last == "add_url_rule":
            url = _first_str(node)
            view = next((k.value for k in node.keywords if k.arg == "view_func"), None)
            if view is None and len(node.args) >= 3:
                view = node.args[2]
            name = _view_name(view) if view is not None else None
            if url is not None and name:
                self.routes.append(self._route(node, name, url, _methods(node) or ("GET",),
                                               "flask"))
        elif last in ("Application", "WSGIApplication") and self.url_tables:
            self.url_table(node.args[0] if node.args else keyword(node, "handlers")
                            or keyword(node, "routes"))
        elif last == "add_route" and self.falcon and len(node.args) >= 2 \
                and const_str(node.args[1]) is None:  # app.add_route("/x", XResource())
            path, resource = const_str(node.args[0]), node.args[1]
            handler = dotted(resource.func if isinstance(resource, ast.Call) else resource)
            if path is not None and handler:
                self.routes.append(Route(handler, "/" + path.lstrip("/"), ("ANY",), "falcon",
                                         self.path, node.lineno, self.module))
        elif last == "add_route":  # Pyramid: config.add_route("lift", "/lifts/{id}")
            name = const_str(node.args[0]) if node.args else _keyword_str(node, "name")
            pattern = (const_str(node.args[1]) if len(node.args) > 1
                       else _keyword_str(node, "pattern") or _keyword_str(node, "path"))
            if name and pattern is not None:
                self.route_patterns.append((name, pattern))
        elif last == "add_view":  # Pyramid: config.add_view(view, route_name="lift")
            view = node.args[0] if node.args else keyword(node, "view")
            handler = _view_name(view) if view is not None else None
            if handler:
                self._pyramid_view(node, handler)
        elif last in ("mount", "quickstart") and (name or "").startswith("cherrypy") \
                and node.args and isinstance(node.args[0], ast.Call):
            root = dotted(node.args[0].func)  # cherrypy.tree.mount(Root(), "/shop")
            prefix = (const_str(node.args[1]) if len(node.args) > 1
                      else _keyword_str(node, "script_name")) or ""
            if root:
                self.object_tree.append(("", prefix, root))
        elif last == "add_resource" and len(node.args) >= 2:
            # Flask-RESTful: api.add_resource(AlertResource, "/alerts/<id>", "/a/<id>")
            resource = dotted(node.args[0])
            for url in filter(None, map(const_str, node.args[1:])):
                if resource:
                    self.routes.append(self._route(node, resource, url, ("GET",), "flask"))
        elif last in _REGISTRATIONS and node.args:
            prefix_keyword, framework = _REGISTRATIONS[last]
            router = dotted(node.args[0])
            prefix = _keyword_str(node, prefix_keyword)
            if last == "add_namespace" and len(node.args) > 1:  # api.add_namespace(ns, "/x")
                prefix = const_str(node.args[1])
            # a router added to another (dispatch's APIRouter(prefix="/{organization}"),
            # a Flask blueprint nesting one, a namespace added to an Api over a blueprint):
            # under the includer's own prefix too
            owner = dotted(node.func.value) if isinstance(node.func, ast.Attribute) else None
            head = self.prefixes.get(owner or "", "")
            named = dotted(keyword(node, prefix_keyword))
            if prefix is None and named and not head:
                prefix = NAMED_PREFIX + named  # prefix=settings.API_V1_STR: told when resolved
            elif head:
                prefix, framework = join_paths(head, prefix or "").rstrip("/"), (
                    framework if prefix else "prepend")
            if router:  # without a prefix too: a link of a chain of routers
                self.registrations.append((prefix or "", router,
                                           framework if prefix else "prepend", owner or ""))

    def _pyramid_view(self, node: ast.Call, handler: str) -> None:
        name = _keyword_str(node, "route_name") or self.default_routes.get(handler)
        if name:  # no route name: a traversal or exception view, not a URL of its own
            self.routes.append(Route(handler, PYRAMID_ROUTE + name,
                                     _one_or_more_methods(node, "request_method") or ("ANY",),
                                     "pyramid", self.path, node.lineno, self.module))


def join_paths(prefix: str, path: str) -> str:
    """``/orders`` + ``/<id>`` -> ``/orders/<id>``; Django's ``^orders/`` + ``/<id>/`` too."""
    head = prefix.lstrip("^").rstrip("$").strip("/")
    tail = path.lstrip("^").rstrip("$").lstrip("/")
    return "/" + "/".join(p for p in (head, tail) if p) + ("/" if not tail and head else "")


def _included(node: ast.AST) -> str | None:
    """``include("shop.orders.urls")`` or ``include(orders_urls)``: what it names."""
    if not (isinstance(node, ast.Call) and (dotted(node.func) or "").endswith("include")
            and node.args):
        return None
    first = node.args[0]
    if isinstance(first, ast.Tuple) and first.elts:  # include((patterns, "app_name"))
        first = first.elts[0]
    text = const_str(first)
    return text if text is not None else dotted(first)


# A registration's prefix given by a name (``include_router(api_router,
# prefix=settings.API_V1_STR)``): the name, marked, until names are resolved.
NAMED_PREFIX = "name:"


def url_constants(tree: ast.Module) -> tuple[tuple[str, str], ...]:
    """Module-level strings that look like URL paths, for prefixes named elsewhere:
    ``API_PREFIX = "/api"``, and the string attributes of a settings object made here
    (``settings = Settings()`` with ``API_V1_STR: str = "/api/v1"`` in its class), as
    ``settings.API_V1_STR``."""
    out: list[tuple[str, str]] = []
    classes: dict[str, list[tuple[str, str]]] = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.ClassDef):
            classes[stmt.name] = [(n, text) for n, v in map(_assigned, stmt.body)
                                  if _is_path(text := const_str(v))]
            continue
        name, value = _assigned(stmt)
        if name is None:
            continue
        if _is_path(text := const_str(value)):
            out.append((name, text))
        elif isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
            out += [(f"{name}.{attr}", text) for attr, text in classes.get(value.func.id, ())]
    return tuple(out)


def _assigned(stmt: ast.stmt) -> tuple[str | None, ast.expr | None]:
    """``X = value`` or ``X: str = value`` -> (X, value)."""
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 \
            and isinstance(stmt.targets[0], ast.Name):
        return stmt.targets[0].id, stmt.value
    if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
        return stmt.target.id, stmt.value
    return None, None


def _is_path(text: str | None) -> bool:
    return text is not None and text.startswith("/") and len(text) < 200 and " " not in text


def _keyword_str(node: ast.Call, name: str) -> str | None:
    """The literal string passed as keyword ``name``, if any."""
    return const_str(keyword(node, name))


def _first_str(node: ast.Call) -> str | None:
    if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value,
                                                                           str):
        return node.args[0].value
    for kw in node.keywords:
        if kw.arg in ("rule", "path", "route") and isinstance(kw.value, ast.Constant):
            return str(kw.value.value)
    return None


def _methods(node: ast.Call, name: str = "methods") -> tuple[str, ...]:
    """The HTTP methods listed in keyword ``name`` (``methods=["GET", "POST"]``)."""
    value = keyword(node, name)
    if isinstance(value, (ast.List, ast.Tuple, ast.Set)):
        return tuple(str(e.value).upper() for e in value.elts if isinstance(e, ast.Constant))
    return ()


def _is_true(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value is True


def _decorator_last(node: ast.AST) -> str:
    """``@cherrypy.expose`` or ``@cherrypy.expose()`` -> "expose"."""
    return (dotted(node.func if isinstance(node, ast.Call) else node) or "").rpartition(".")[2]


def _flask_placeholder(match: re.Match) -> str:
    """Bottle's ``<id:int>`` as Flask writes it (``<int:id>``); a regular expression or a
    filter of its own becomes a plain placeholder."""
    name, kind = match.group(1), match.group(2)
    return f"<{kind}:{name}>" if kind in _BOTTLE_FILTERS else f"<{name}>"


# How a handler class names the method that answers GET: web.py's GET, Tornado's and
# webapp2's get, Falcon's on_get.
# Flask: a class under ``@app.route`` or ``@ns.route`` (a MethodView, a Flask-RESTX Resource)
_CLASS_METHODS = {"webpy": "{}", "tornado": "{}", "webapp2": "{}", "falcon": "on_{}",
                  "flask": "{}"}


def _answered(framework: str, names: list[str]) -> tuple[str, ...]:
    """The HTTP methods a handler class defines, in the usual order."""
    style = _CLASS_METHODS[framework]
    lower = framework != "webpy"
    return tuple(m for m in _HTTP_METHODS
                 if style.format(m.lower() if lower else m) in names)


def _expression_path(pattern: str) -> str | None:
    """A URL table's regular expression as a path (``^/members/(\\d+)$`` ->
    ``/members/(\\d+)``); None for one that does not start at the root."""
    bare = pattern.lstrip("^")
    return "/" + bare.rstrip("$").lstrip("/") if bare.startswith("/") else None


def _one_or_more_methods(node: ast.Call, name: str) -> tuple[str, ...]:
    """One method or several in keyword ``name``: Bottle's ``method="POST"`` or
    ``method=["GET", "POST"]``, Pyramid's ``request_method=("GET", "HEAD")``."""
    text = const_str(keyword(node, name))
    return (text.upper(),) if text else _methods(node, name)


def _view_name(node: ast.AST) -> str | None:
    """``views.orders`` -> "views.orders"; ``OrderView.as_view()`` -> "OrderView"."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr == "as_view":
            node = node.func.value
        else:
            return None
    name = dotted(node)
    if name:
        return name
    return const_str(node)  # old Django: url(r"^x$", "app.views.f")
