import pytest

from shop import db


class FakeDB(object):
    def __init__(self):
        self.executed = []
        self.results = []

    def query(self, sql, params=None):
        self.executed.append((sql, params))
        return self.results.pop(0) if self.results else []

    def query_one(self, sql, params=None):
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def execute(self, sql, params=None):
        self.executed.append((sql, params))
        return {"id": 1}


@pytest.fixture
def fake_db(monkeypatch):
    fake = FakeDB()
    monkeypatch.setattr(db, "query", fake.query)
    monkeypatch.setattr(db, "query_one", fake.query_one)
    monkeypatch.setattr(db, "execute", fake.execute)
    return fake
