import pytest

from gh import create_app
from gh.extensions import db


@pytest.fixture
def app():
    app = create_app("test")
    with app.app_context():
        db.create_all()
        yield app
        db.drop_all()
