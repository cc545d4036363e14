"""Database wiring (peewee).

`db` is a proxy so the models can be imported before the app is configured.
"""
import datetime
import logging

from peewee import DatabaseProxy, DateTimeField, Model
from playhouse.db_url import connect

log = logging.getLogger(__name__)

db = DatabaseProxy()


class BaseModel(Model):
    created_at = DateTimeField(default=datetime.datetime.utcnow)

    class Meta:
        database = db
        legacy_table_names = True

    def to_dict(self, exclude=()):
        out = {}
        for name in self._meta.sorted_field_names:
            if name in exclude:
                continue
            value = getattr(self, name + "_id", None) if name in self._meta.rel_fields else getattr(self, name)
            if isinstance(value, (datetime.date, datetime.datetime)):
                value = value.isoformat()
            out[name] = value
        return out

    def touch(self):
        # cheap "updated" marker, most tables don't have updated_at
        if hasattr(self, "updated_at"):
            self.updated_at = datetime.datetime.utcnow()
        return self.save()


def init_db(app):
    database = connect(app.config["DATABASE_URL"])
    db.initialize(database)
    app.before_request(connect_db)
    app.teardown_request(close_db)
    log.info("database initialised: %s", app.config["DATABASE_URL"].split("@")[-1])
    return database


def connect_db():
    if db.is_closed():
        db.connect(reuse_if_open=True)


def close_db(exc=None):
    if not db.is_closed():
        db.close()


def create_tables(models, safe=True):
    with db.atomic():
        db.create_tables(models, safe=safe)
