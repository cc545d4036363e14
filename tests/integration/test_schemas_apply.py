"""Every generated schema applies to a real PostgreSQL, alone and all together."""

from __future__ import annotations

import pytest

NAMES = ("tiny", "flask_godmodule", "django_lying")


@pytest.mark.parametrize("name", NAMES)
def test_each_schema_applies_to_an_empty_database(generated, postgres, name):
    schemas = sorted((generated[name] / "schemas").glob("*.sql"))
    assert schemas
    for n, schema in enumerate(schemas):
        database = f"{name}_alone_{n}"
        postgres.create_database(database)
        result = postgres.psql(database, sql_file=schema, check=False)
        assert result.returncode == 0, f"{schema.name}:\n{result.stderr}"


@pytest.mark.parametrize("name", NAMES)
def test_all_schemas_together_hold_every_owned_table_once(generated, postgres, name):
    database = f"{name}_together"
    postgres.create_database(database)
    schemas = sorted((generated[name] / "schemas").glob("*.sql"))
    for schema in schemas:
        result = postgres.psql(database, sql_file=schema, check=False)
        assert result.returncode == 0, f"{schema.name}:\n{result.stderr}"
    listing = postgres.psql(database, "-A", "-t", "-c",
                            "SELECT table_schema, table_name FROM information_schema.tables "
                            "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN "
                            "('pg_catalog', 'information_schema')").stdout.split()
    tables = [row.split("|")[1] for row in listing]
    owned = [t for t in tables if not t.endswith("_replica")]
    assert owned and len(owned) == len(set(owned)), sorted(owned)
    replicas = {t.removesuffix("_replica") for t in tables if t.endswith("_replica")}
    assert replicas <= set(owned)
