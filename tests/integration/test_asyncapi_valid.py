"""Every events/*.yaml validates against the official AsyncAPI JSON Schema.

The schema comes from npm ``@asyncapi/specs``: ``cd tests/integration/asyncapi && npm ci``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

jsonschema = pytest.importorskip("jsonschema", reason="python jsonschema is not installed")

SPECS = Path(__file__).parent / "asyncapi" / "node_modules" / "@asyncapi" / "specs" / "schemas"


def _schema(version: str) -> dict:
    path = SPECS / f"{version}-without-$id.json"
    if not path.exists():
        pytest.skip(f"{path} missing: run `npm ci` in tests/integration/asyncapi (CI does)")
    return json.loads(path.read_text())


@pytest.mark.parametrize("name", ("tiny", "flask_godmodule", "django_lying"))
def test_every_event_contract_is_valid_asyncapi(generated, name):
    documents = sorted((generated[name] / "events").glob("*.yaml"))
    assert documents, "no event contract was generated"
    for path in documents:
        document = yaml.safe_load(path.read_text())
        schema = _schema(document["asyncapi"])
        validator = jsonschema.validators.validator_for(schema)(schema)
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
        assert not errors, f"{path.name}: " + "; ".join(
            f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors[:5])


def test_an_invalid_document_is_caught(generated):
    """The check can fail: a channel without a message is rejected."""
    path = sorted((generated["tiny"] / "events").glob("*.yaml"))[0]
    document = yaml.safe_load(path.read_text())
    channel = next(iter(document["channels"].values()))
    channel["subscribe"]["message"] = {"payload": "not a schema", "bogus": True}
    schema = _schema(document["asyncapi"])
    assert list(jsonschema.validators.validator_for(schema)(schema).iter_errors(document))
