"""Shared fixtures: a private copy of the bundled sample, so no test can alter the original."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "legacy_shop"


@pytest.fixture(scope="session")
def sample_repo(tmp_path_factory) -> Path:
    """A copy of samples/legacy_shop; tests read it and must leave it as it is."""
    target = tmp_path_factory.mktemp("sample") / "legacy_shop"
    shutil.copytree(SAMPLE, target)
    return target
