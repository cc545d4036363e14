"""contracts/.importlinter loads with import-linter and holds on a tree of the named modules.

``lint-imports`` reads the file with its own configuration reader, builds the import graph
of a tiny package tree that has every module the contracts name (and no imports), and checks
every contract: a malformed file or an unknown contract option fails here.
"""

from __future__ import annotations

import configparser
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("importlinter", reason="import-linter is not installed")


def _contract_modules(text: str) -> set[str]:
    parser = configparser.ConfigParser()
    parser.read_string(text)
    out = set()
    for section in parser.sections():
        for key in ("source_modules", "forbidden_modules", "modules"):
            out |= {m.strip() for m in parser[section].get(key, "").split() if m.strip()}
    return out


def _package_tree(root: Path, modules: set[str]) -> None:
    for module in sorted(modules):
        parts = module.split(".")
        for i in range(1, len(parts)):
            package = root.joinpath(*parts[:i])
            package.mkdir(parents=True, exist_ok=True)
            (package / "__init__.py").touch()
        module_file = root.joinpath(*parts[:-1], parts[-1] + ".py")
        if not module_file.with_suffix("").is_dir():
            module_file.touch()


def test_contracts_load_and_hold_on_the_named_modules(generated, tmp_path):
    config = generated["tiny"] / "contracts" / ".importlinter"
    text = config.read_text()
    _package_tree(tmp_path, _contract_modules(text))
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--config", str(config), "--no-cache"],
                            cwd=tmp_path, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert result.returncode == 0, result.stdout + result.stderr
    kept = re.search(r"Contracts: (\d+) kept, (\d+) broken", result.stdout)
    assert kept and int(kept.group(1)) == text.count("[importlinter:contract:")
    assert int(kept.group(2)) == 0


def test_the_reader_rejects_a_broken_file(generated, tmp_path):
    """The check can fail: a forbidden contract without its modules does not load."""
    broken = tmp_path / ".importlinter"
    broken.write_text("[importlinter]\nroot_packages = shop\n\n"
                      "[importlinter:contract:x]\nname = x\ntype = forbidden\n")
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "__init__.py").touch()
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--config", str(broken), "--no-cache"], cwd=tmp_path,
                            capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert result.returncode != 0


def test_a_god_module_gets_an_explained_empty_file(generated):
    text = (generated["flask_godmodule"] / "contracts" / ".importlinter").read_text()
    if "[importlinter:contract:" in text:
        pytest.skip("this decomposition fences whole modules")
    assert "No contract is possible" in text
