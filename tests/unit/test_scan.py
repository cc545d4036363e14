"""The scan: what is kept, what is skipped and why, module names, a src/ layout."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from decomposer.errors import DecomposerError
from decomposer.ingest.scan import module_name, scan


def _write(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def _kept(result) -> list[str]:
    return [f.path for f in result.files]


def _reasons(result) -> dict[str, str]:
    return {s.path: s.reason for s in result.skipped}


def test_python_and_sql_files_are_kept_in_sorted_order_with_sizes(tmp_path):
    _write(tmp_path, {"b.py": "x = 1\n", "a/schema.sql": "CREATE TABLE t (id int);",
                      "a/__init__.py": "", "README.md": "hi", "data.csv": "1,2"})
    result = scan(tmp_path)
    assert _kept(result) == ["a/__init__.py", "a/schema.sql", "b.py"]
    assert {f.path: (f.kind, f.size) for f in result.files} == {
        "a/__init__.py": ("python", 0), "a/schema.sql": ("sql", 24), "b.py": ("python", 6)}
    assert result.root == str(tmp_path.resolve())
    assert result.skipped == ()  # files that are not ours to read are not listed


def test_module_names_follow_the_design_identifiers(tmp_path):
    _write(tmp_path, {"shop/__init__.py": "", "shop/orders/__init__.py": "",
                      "shop/orders/views.py": "", "manage.py": ""})
    modules = {f.path: (f.module, f.is_package) for f in scan(tmp_path).files}
    assert modules == {"manage.py": ("manage", False), "shop/__init__.py": ("shop", True),
                       "shop/orders/__init__.py": ("shop.orders", True),
                       "shop/orders/views.py": ("shop.orders.views", False)}


def test_src_layout_is_detected_and_module_names_drop_src(tmp_path):
    _write(tmp_path, {"src/shop/__init__.py": "", "src/shop/models.py": "",
                      "tests/test_models.py": ""})
    result = scan(tmp_path)
    assert result.source_root == "src"
    assert {f.module for f in result.files} == {"shop", "shop.models", "tests.test_models"}


def test_a_src_folder_without_python_is_not_a_src_layout(tmp_path):
    _write(tmp_path, {"src/readme.txt": "", "app.py": ""})
    assert scan(tmp_path).source_root == ""


def test_module_name_helper():
    assert module_name("src/pkg/__init__.py", "src") == "pkg"
    assert module_name("pkg/mod.py") == "pkg.mod"
    assert module_name("__init__.py") == "__init__"


def test_tests_and_migrations_are_classified(tmp_path):
    _write(tmp_path, {
        "tests/helpers.py": "", "app/test_views.py": "", "app/views_test.py": "",
        "conftest.py": "", "app/views.py": "", "app/migrations/0001_initial.py": "",
        "alembic/versions/3f2a_rates.py": "", "db/V3__add_orders.sql": "",
        "db/0007_orders.sql": "", "db/schema.sql": "", "wiki/_tests/wikibase.py": "",
    })
    files = {f.path: (f.is_test, f.is_migration) for f in scan(tmp_path).files}
    assert files == {
        "alembic/versions/3f2a_rates.py": (False, True), "app/migrations/0001_initial.py":
        (False, True), "app/test_views.py": (True, False), "app/views.py": (False, False),
        "app/views_test.py": (True, False), "conftest.py": (True, False),
        "db/0007_orders.sql": (False, True), "db/V3__add_orders.sql": (False, True),
        "db/schema.sql": (False, False), "tests/helpers.py": (True, False),
        "wiki/_tests/wikibase.py": (True, False),
    }


@pytest.mark.parametrize(("folder", "is_test"), [
    ("shuup_tests/utils", True), ("playwright_tests/pages", True), ("saleor/e2e", True),
    ("cms/test_utils", True), ("app/integration-tests", True),
    ("contests", False), ("latest", False), ("attestations", False), ("protest", False),
])
def test_folders_named_like_tests_hold_tests(tmp_path, folder, is_test):
    # Shuup's shuup_tests/, Kitsune's playwright_tests/ page objects, django-cms' test_utils/
    _write(tmp_path, {f"{folder}/helpers.py": ""})
    assert [f.is_test for f in scan(tmp_path).files] == [is_test]


def test_project_templates_are_skipped_not_failed(tmp_path):
    # cookiecutter (CKAN's extension template): Jinja in the path, Python once rendered
    _write(tmp_path, {"contrib/{{cookiecutter.project}}/ext/plugin.py": "from {{x}} import y",
                      "app.py": ""})
    result = scan(tmp_path)
    assert _kept(result) == ["app.py"]
    assert _reasons(result) == {
        "contrib/{{cookiecutter.project}}/": "template (placeholders in its name)"}


def test_vendored_trees_and_virtualenvs_are_skipped_with_a_reason(tmp_path):
    _write(tmp_path, {
        "node_modules/x/a.py": "", "lib/site-packages/y.py": "", "env/pyvenv.cfg": "",
        "env/lib/z.py": "", "build/lib/b.py": "", "pkg/__pycache__/m.py": "",
        "pkg.egg-info/x.py": "", ".git/hooks/h.py": "", "app.py": "",
    })
    result = scan(tmp_path)
    assert _kept(result) == ["app.py"]
    assert _reasons(result) == {
        ".git/": "version control", "build/": "build output", "env/": "virtual environment",
        "lib/site-packages/": "vendored (site-packages)",
        "node_modules/": "vendored (node_modules)", "pkg.egg-info/": "build output",
        "pkg/__pycache__/": "bytecode cache",
    }


def test_gitignore_is_honoured_at_the_root_and_in_subfolders(tmp_path):
    _write(tmp_path, {
        ".gitignore": "generated/\n*.gen.py\n", "generated/a.py": "", "app/x.gen.py": "",
        "app/.gitignore": "local_*.py\n", "app/local_settings.py": "", "app/ok.py": "",
        "local_top.py": "",
    })
    result = scan(tmp_path)
    assert _kept(result) == ["app/ok.py", "local_top.py"]  # app/.gitignore is app's only
    assert _reasons(result) == dict.fromkeys(
        ["app/local_settings.py", "app/x.gen.py", "generated/"], "ignored by .gitignore")


def test_configured_excludes_skip_files_and_folders(tmp_path):
    _write(tmp_path, {"legacy/old.py": "", "scripts/run.py": "", "app.py": "",
                      "app/settings_local.py": "", "app/views.py": ""})
    result = scan(tmp_path, exclude=("legacy/**", "scripts/*", "*/settings_*.py"))
    assert _kept(result) == ["app.py", "app/views.py"]
    assert _reasons(result) == {
        "legacy/": "excluded by configuration (legacy/**)",
        "scripts/": "excluded by configuration (scripts/*)",
        "app/settings_local.py": "excluded by configuration (*/settings_*.py)"}


def test_files_over_the_size_limit_are_skipped(tmp_path):
    _write(tmp_path, {"big.py": "x = 1\n" * 100, "small.py": "x = 1\n"})
    result = scan(tmp_path, max_file_size=100)
    assert _kept(result) == ["small.py"]
    assert _reasons(result) == {"big.py": "larger than max_file_size (600 bytes)"}


def test_binary_content_is_skipped_but_text_with_a_few_nul_bytes_is_kept(tmp_path):
    noise = bytes((i * 7919 + 13) % 256 for i in range(4096))  # compressed-looking bytes
    _write(tmp_path, {"blob.py": noise, "zeros.sql": b"\x00" * 64 + b"PGDMP",
                      "nul.py": b"x = 1\x00\n", "latin.py": "x = 'é' * 3\n".encode("latin-1")})
    result = scan(tmp_path)
    assert _kept(result) == ["latin.py", "nul.py"]
    assert _reasons(result) == {"blob.py": "binary content", "zeros.sql": "binary content"}


def _libraries_beside_an_application(root: Path, launcher: str, *, libraries: int = 6,
                                     app_files: int = 12) -> None:
    files = {"Tautulli.py": launcher}
    files.update({f"lib/pkg{i}/__init__.py": "def f(): pass\n" for i in range(libraries - 1)})
    files["lib/six.py"] = "PY3 = True\n"
    files.update({f"plexpy/m{i}.py": "import pkg0\nfrom pkg1 import f\n"
                  for i in range(app_files - 1)})
    files["plexpy/__init__.py"] = ""
    _write(root, files)


def test_a_folder_of_libraries_the_launcher_puts_on_sys_path_is_vendored(tmp_path):
    # Tautulli, CouchPotato, Headphones: sys.path.insert(0, os.path.join(base, 'lib'))
    _libraries_beside_an_application(
        tmp_path, "import os, sys\n"
        "sys.path.insert(0, os.path.join(os.path.dirname(__file__), 'lib/'))\n")
    result = scan(tmp_path)
    assert not [p for p in _kept(result) if p.startswith("lib/")]
    assert "plexpy/m0.py" in _kept(result) and "Tautulli.py" in _kept(result)
    assert _reasons(result)["lib/"] == (
        "vendored: 6 libraries (pkg0, pkg1, pkg2, pkg3, ...) that Tautulli.py puts on "
        "sys.path for the application in plexpy/")


@pytest.mark.parametrize(("launcher", "libraries", "app_files"), [
    ("import sys\n", 6, 12),  # nothing puts lib/ on the path: its packages are lib.*
    ("import sys\n# sys.path.insert(0, 'lib')\n", 6, 12),  # only in a comment
    ("import sys\nsys.path.insert(0, 'lib')\n", 2, 12),  # the application itself, in lib/
    ("import sys\nsys.path.insert(0, 'lib')\n", 6, 3),  # no application beside it
])
def test_folders_that_may_hold_the_application_are_read(tmp_path, launcher, libraries,
                                                         app_files):
    _libraries_beside_an_application(tmp_path, launcher, libraries=libraries,
                                     app_files=app_files)
    assert "lib/six.py" in _kept(scan(tmp_path))


def test_folders_set_aside_are_read_when_the_configuration_says_so(tmp_path):
    _libraries_beside_an_application(
        tmp_path, "import sys\nsys.path.insert(0, 'lib')\n")
    _write(tmp_path, {"vendor/ours.py": "", "docs/conf.py": "", "build/gen.py": ""})
    assert _kept(scan(tmp_path)) == ["Tautulli.py"] + [f"plexpy/{n}" for n in sorted(
        ["__init__.py", *(f"m{i}.py" for i in range(11))])]
    kept = _kept(scan(tmp_path, read=("lib/**", "vendor", "docs/*", "build")))
    assert {"lib/six.py", "vendor/ours.py", "docs/conf.py"} <= set(kept)
    assert "build/gen.py" not in kept  # build output is never the system's code


def test_a_src_folder_put_on_the_path_for_tests_is_the_application(tmp_path):
    _write(tmp_path, {"conftest.py": "import sys\nsys.path.insert(0, 'src')\n",
                      "run.py": "import sys\nsys.path.insert(0, 'src')\n",
                      **{f"src/pkg{i}/__init__.py": "" for i in range(6)},
                      **{f"app/m{i}.py": "import pkg0, pkg1\n" for i in range(12)},
                      "app/__init__.py": ""})
    assert "src/pkg0/__init__.py" in _kept(scan(tmp_path))


def test_a_django_project_folder_its_manage_py_puts_on_the_path_is_read(tmp_path):
    # cookiecutter-django: sys.path.append(str(current_path / "shop")) in manage.py; the
    # apps are named in settings strings and imported as shop.users, not bare
    apps = ["contrib", "orders", "payments", "users", "utils", "catalog"]
    _write(tmp_path, {
        "manage.py": "import sys\nfrom pathlib import Path\n"
                     "sys.path.append(str(Path(__file__).parent / \"shop\"))\n",
        "shop/__init__.py": "", "shop/conftest.py": "",
        **{f"shop/{a}/__init__.py": "" for a in apps},
        "config/__init__.py": "",
        **{f"config/settings/m{i}.py": f"LOCAL_APPS = ['shop.{apps[i % 6]}']\n"
           "from shop.users.models import User\n" for i in range(12)}})
    assert "shop/users/__init__.py" in _kept(scan(tmp_path))
    (tmp_path / "shop" / "conftest.py").unlink()  # and without the conftest.py
    assert "shop/users/__init__.py" in _kept(scan(tmp_path))


def test_utf16_scripts_are_text_though_half_their_bytes_are_nul(tmp_path):
    sql = "CREATE TABLE orders (id int);\n" * 50
    _write(tmp_path, {"le.sql": b"\xff\xfe" + sql.encode("utf-16-le"),
                      "be.sql": b"\xfe\xff" + sql.encode("utf-16-be"),
                      "nobom.sql": sql.encode("utf-16-le")})
    result = scan(tmp_path)
    assert _kept(result) == ["be.sql", "le.sql", "nobom.sql"]
    assert _reasons(result) == {}


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symbolic_links_are_never_followed_even_inside_the_repo(tmp_path):
    outside = tmp_path / "outside"
    _write(outside, {"secret.py": "def secret(): pass\n"})
    repo = tmp_path / "repo"
    _write(repo, {"app/real.py": ""})
    (repo / "linked_dir").symlink_to(outside, target_is_directory=True)
    (repo / "app" / "linked.py").symlink_to(outside / "secret.py")
    (repo / "app" / "alias.py").symlink_to(repo / "app" / "real.py")
    result = scan(repo)
    assert _kept(result) == ["app/real.py"]
    assert _reasons(result) == dict.fromkeys(
        ["app/alias.py", "app/linked.py", "linked_dir"], "symbolic link (never followed)")


def test_missing_root_and_file_root_are_clear_errors(tmp_path):
    with pytest.raises(DecomposerError, match="no such file or directory"):
        scan(tmp_path / "nope")
    (tmp_path / "f.py").write_text("")
    with pytest.raises(DecomposerError, match="not a directory"):
        scan(tmp_path / "f.py")


def test_empty_repository_gives_an_empty_scan(tmp_path):
    result = scan(tmp_path)
    assert (result.files, result.skipped, result.source_root) == ((), (), "")


def test_top_level_docs_and_sandboxes_are_set_aside_but_a_nested_docs_package_is_not(
        tmp_path: Path) -> None:
    for rel in ("docs/conf.py", "sandbox/settings.py", "app/docs/models.py"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x = 1\n")
    found = scan(tmp_path)
    assert [f.path for f in found.files] == ["app/docs/models.py"]
    reasons = {s.path: s.reason for s in found.skipped}
    assert reasons == {"docs/": "documentation", "sandbox/": "example code"}


def test_a_library_copied_into_a_package_is_skipped_but_a_wrapper_named_after_one_is_read(
        tmp_path):
    # MoinMoin ships werkzeug as MoinMoin/support/werkzeug; a graphql package (Saleor's
    # saleor/graphql) wraps graphql-core and imports it by the same name
    _write(tmp_path, {
        "wiki/__init__.py": "", "wiki/support/__init__.py": "",
        "wiki/support/werkzeug/__init__.py": "from werkzeug.utils import redirect\n",
        "wiki/support/werkzeug/utils.py": "def redirect(url):\n    return url\n",
        "wiki/support/werkzeug/wrappers.py":
            "import os\nfrom werkzeug.utils import (redirect,\n    other)\n",
        "wiki/pages.py": "from wiki.support.werkzeug.utils import redirect\n",
        "shop/__init__.py": "", "shop/contrib/__init__.py": "",
        "shop/contrib/graphql/__init__.py": "",
        "shop/contrib/graphql/core.py": "from graphql.error import GraphQLError\n",
        "shop/contrib/graphql/api.py": "from graphql.error import GraphQLError\n",
        "shop/contrib/graphql/error.py": "from graphql.error import GraphQLError  # re-export\n",
        "wiki/support/tests/__init__.py": "",
        "wiki/support/tests/factories.py": "class UserFactory: pass\n",
        "wiki/support/tests/test_a.py": "from tests.factories import UserFactory\n",
        "wiki/support/tests/test_b.py": "from tests.factories import UserFactory\n",
    })
    result = scan(tmp_path)
    kept = {f.path for f in result.files}
    skipped = {s.path: s.reason for s in result.skipped}
    assert "wiki/support/werkzeug/" in skipped
    assert "copy of the library werkzeug" in skipped["wiki/support/werkzeug/"]
    assert not any(p.startswith("wiki/support/werkzeug/") for p in kept)
    assert {"wiki/pages.py", "shop/contrib/graphql/api.py", "wiki/support/tests/test_a.py"} <= kept
    assert len(scan(tmp_path, read=("wiki/support/werkzeug",)).files) == len(kept) + 3
    excluded = scan(tmp_path, exclude=("wiki/support/werkzeug",)).skipped
    assert [s.reason for s in excluded if s.path == "wiki/support/werkzeug/"] == [
        "excluded by configuration (wiki/support/werkzeug)"]
