import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import dbconn  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


@pytest.fixture
def fresh_db(tmp_path, monkeypatch):
    path = str(tmp_path / "test.db")
    monkeypatch.setattr(dbconn, "DB_PATH", path)
    dbconn.close_conn()
    dbconn.init_schema(os.path.join(HERE, "..", "schema.sql"))
    yield dbconn
    dbconn.close_conn()


@pytest.fixture
def client_and_pet(fresh_db):
    db = fresh_db
    cid = db.insert("INSERT INTO clients (first_name, last_name, mobile) VALUES ('Ann', 'Ortiz', '07700900123')")
    sp = db.insert("INSERT INTO species (name) VALUES ('Dog')")
    pid = db.insert("INSERT INTO pets (client_id, name, species_id, dob) VALUES (?, 'Biscuit', ?, '2019-04-02')", (cid, sp))
    vet = db.insert("INSERT INTO staff (name, email, role) VALUES ('Dr Gill', 'gill@example.org', 'vet')")
    return {"client_id": cid, "pet_id": pid, "species_id": sp, "vet_id": vet}


@pytest.fixture
def app_client(fresh_db):
    import vetapp
    vetapp.app.config["TESTING"] = True
    vetapp.app.config["WTF_CSRF_ENABLED"] = False
    with vetapp.app.test_client() as c:
        yield c
