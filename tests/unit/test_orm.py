"""ORM models, their tables and their uses, on tiny inline repositories."""

from __future__ import annotations

import ast
import textwrap

from decomposer.ingest.orm import OrmFacts, extract_orm, resolve_orm
from decomposer.model import ForeignKey, Table


def _names(tree: ast.Module) -> dict[str, str]:
    """Local name -> absolute dotted name, as the lead's import pass gives it."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                local = alias.asname or alias.name.partition(".")[0]
                names[local] = alias.name if alias.asname else local
        elif isinstance(node, ast.ImportFrom):
            names.update({a.asname or a.name: f"{node.module}.{a.name}" for a in node.names})
    return names


def _module(path: str) -> str:
    return path.removesuffix(".py").removesuffix("/__init__").replace("/", ".")


def _extract(path: str, source: str, *, is_migration: bool = False) -> OrmFacts:
    tree = ast.parse(textwrap.dedent(source))
    return extract_orm(tree, module=_module(path), path=path, names=_names(tree),
                       is_migration=is_migration)


class _Repo:
    """Several files, extracted one by one, then resolved together."""

    def __init__(self, files: dict[str, str]) -> None:
        self.trees = {_module(p): ast.parse(textwrap.dedent(s)) for p, s in files.items()}
        self.facts = {_module(p): _extract(p, s) for p, s in files.items()}
        self.symbols = {f"{m}:{n.name}" for m, t in self.trees.items() for n in t.body
                        if isinstance(n, (ast.ClassDef, ast.FunctionDef))}
        self.tables, self.accesses, self.table_of = resolve_orm(
            [m for f in self.facts.values() for m in f.models],
            [u for f in self.facts.values() for u in f.uses],
            self.resolve,
            files={_module(p): p for p in files},
            absolute=self.absolute,
        )

    def resolve(self, source: str, raw: str) -> str | None:
        module = source.partition(":")[0]
        names = _names(self.trees[module])
        head, _, rest = raw.partition(".")
        full = f"{names[head]}.{rest}".rstrip(".") if head in names else f"{module}.{raw}"
        owner, _, name = full.rpartition(".")
        return f"{owner}:{name}" if f"{owner}:{name}" in self.symbols else None

    def absolute(self, source: str, raw: str) -> str:
        module = source.partition(":")[0]
        names = _names(self.trees[module])
        head, _, rest = raw.partition(".")
        return f"{names[head]}.{rest}".rstrip(".") if head in names else f"{module}.{raw}"

    def table(self, name: str) -> Table:
        return next(t for t in self.tables if t.name == name)

    def access(self, source: str) -> list[tuple[str, str]]:
        return [(a.table, a.mode) for a in self.accesses if a.source == source]


DJANGO_APP = {
    "shop/core/models.py": """
        from django.db import models

        class TimeStamped(models.Model):
            created = models.DateTimeField(auto_now_add=True)

            class Meta:
                abstract = True
    """,
    "shop/catalog/models/tag.py": """
        from django.db import models

        class Tag(models.Model):
            label = models.CharField(max_length=20)
    """,
    "shop/orders/models.py": """
        from django.db import models
        from shop.core.models import TimeStamped

        class Customer(TimeStamped):
            name = models.CharField(max_length=50)

        class Order(TimeStamped):
            customer = models.ForeignKey("orders.Customer", on_delete=models.CASCADE)
            parent = models.ForeignKey("self", null=True, on_delete=models.CASCADE)
            tags = models.ManyToManyField("catalog.Tag")
            lines = models.ManyToManyField("Product", through="OrderLine")
            code = models.CharField(max_length=9, db_column="order_code")

            class Meta:
                db_table = "orders"

            def pay(self):
                self.save()

        class Product(models.Model):
            sku = models.CharField(max_length=9, primary_key=True)

        class OrderLine(models.Model):
            order = models.ForeignKey(Order, on_delete=models.CASCADE)
            product = models.ForeignKey(Product, on_delete=models.CASCADE)

        class Settings:
            name = "x"
    """,
}


def test_abstract_django_model_gets_no_table_and_lends_its_fields():
    repo = _Repo(DJANGO_APP)
    assert "shop.core.models:TimeStamped" not in repo.table_of
    assert [c.name for c in repo.table("orders_customer").columns] == ["id", "created", "name"]


def test_django_default_table_name_uses_the_package_of_the_models_module():
    repo = _Repo(DJANGO_APP)
    assert repo.table_of["shop.orders.models:Customer"] == "orders_customer"
    assert repo.table_of["shop.catalog.models.tag:Tag"] == "catalog_tag"


def test_meta_db_table_wins_and_db_column_names_the_column():
    repo = _Repo(DJANGO_APP)
    orders = repo.table("orders")
    assert orders.defined_by == "shop.orders.models:Order"
    assert orders.origin == "orm"
    assert orders.source == "shop/orders/models.py:8"
    assert "order_code" in [c.name for c in orders.columns]
    # the size a field states is kept for the generated schema (VARCHAR(9))
    assert {c.name: c.type for c in orders.columns}["order_code"] == "CharField(9)"


def test_string_and_self_foreign_keys_point_at_the_right_tables():
    keys = {k.columns: k.ref_table for k in _Repo(DJANGO_APP).table("orders").foreign_keys}
    assert keys == {("customer_id",): "orders_customer", ("parent_id",): "orders"}


def test_implicit_many_to_many_gets_a_join_table_and_through_models_do_not():
    repo = _Repo(DJANGO_APP)
    join = repo.table("orders_tags")
    assert join.foreign_keys == (
        ForeignKey(columns=("order_id",), ref_table="orders", ref_columns=("id",)),
        ForeignKey(columns=("tag_id",), ref_table="catalog_tag", ref_columns=("id",)),
    )
    assert "orders_lines" not in repo.table_of.values()
    assert {t.name for t in repo.tables} >= {"orders_orderline", "orders_product"}
    line_keys = {k.ref_table for k in repo.table("orders_orderline").foreign_keys}
    assert line_keys == {"orders", "orders_product"}


def test_declared_primary_key_replaces_the_implicit_id():
    product = _Repo(DJANGO_APP).table("orders_product")
    assert product.primary_key == ("sku",)


def test_a_class_with_a_plain_string_attribute_is_not_a_model():
    facts = _extract("shop/orders/models.py", DJANGO_APP["shop/orders/models.py"])
    assert "shop.orders.models:Settings" not in {m.symbol for m in facts.models}


def test_forms_and_serializers_with_fields_are_not_models():
    facts = _extract("shop/forms.py", """
        from django import forms
        from rest_framework import serializers

        class OrderForm(forms.Form):
            code = forms.CharField()

        class OrderSerializer(serializers.Serializer):
            code = serializers.CharField()
    """)
    assert facts.models == ()


def test_serializers_and_validators_of_a_home_made_framework_are_not_models():
    # Taiga's own REST framework: a capitalised imported base may be a model's, and its
    # ``*Field`` attributes look like columns; the class's name says otherwise.
    repo = _Repo({
        "app/api/serializers.py": """
            from app.fields import MethodField

            class LightSerializer(object):
                pass
        """,
        "app/hooks/serializers.py": """
            from app.api import serializers
            from app.fields import Field, MethodField

            class HookSerializer(serializers.LightSerializer):
                id = Field()
                owner = MethodField()

            class UserSerializerMixin(serializers.LightSerializer):
                photo = MethodField()
        """,
        "app/users/validators.py": """
            from app.api import serializers, validators

            class ResetValidator(validators.Validator):
                token = serializers.CharField()
        """,
        "app/stats/models.py": """
            from django.db import models

            class PageView(models.Model):
                url = models.CharField(max_length=200)
        """,
    })
    assert repo.table_of == {"app.stats.models:PageView": "stats_pageview"}


def test_a_library_class_merely_named_model_makes_no_model_without_fields():
    repo = _Repo({
        "app/api/params.py": """
            from ninja.params.models import BodyModel
            from django_extensions.db.models import TimeStampedModel
            from django.db import models

            class TypedBody(BodyModel):
                validate = False

                def parse(self):
                    return {}

            class Note(TimeStampedModel):
                text = models.TextField()
        """,
    })
    assert repo.table_of == {"app.api.params:Note": "api_note"}


def test_meta_app_label_overrides_the_package():
    repo = _Repo({"legacy/models.py": """
        from django.db import models

        class Invoice(models.Model):
            total = models.IntegerField()

            class Meta:
                app_label = "billing"
    """})
    assert repo.table_of == {"legacy.models:Invoice": "billing_invoice"}


def test_a_model_subclass_in_another_file_without_fields_is_a_proxy():
    repo = _Repo({
        **DJANGO_APP,
        "shop/reports/models.py": """
            from shop.orders.models import Order

            class ArchivedOrder(Order):
                class Meta:
                    proxy = True
        """,
    })
    assert repo.table_of["shop.reports.models:ArchivedOrder"] == "orders"
    assert [t.defined_by for t in repo.tables if t.name == "orders"] == [
        "shop.orders.models:Order"]


SQLALCHEMY_APP = {
    "app/db.py": """
        from sqlalchemy.orm import declarative_base

        Base = declarative_base()
    """,
    "app/models.py": """
        from sqlalchemy import Column, ForeignKey, Integer, String, Table
        from sqlalchemy.orm import relationship
        from app.db import Base

        order_tags = Table(
            "order_tags", Base.metadata,
            Column("order_id", ForeignKey("orders.id"), primary_key=True),
            Column("tag", String(20), primary_key=True),
        )

        class TimestampMixin:
            created = Column(Integer)

        class Customer(Base):
            __tablename__ = "customers"
            id = Column(Integer, primary_key=True)

        class Order(TimestampMixin, Base):
            __tablename__ = "orders"
            id = Column(Integer, primary_key=True)
            customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False)
            customer = relationship("Customer")
    """,
}


def test_sqlalchemy_tablename_columns_and_foreign_keys():
    repo = _Repo(SQLALCHEMY_APP)
    orders = repo.table("orders")
    assert [c.name for c in orders.columns] == ["created", "id", "customer_id"]
    assert orders.primary_key == ("id",)
    assert orders.foreign_keys == (
        ForeignKey(columns=("customer_id",), ref_table="customers", ref_columns=("id",)),)
    customer_id = next(c for c in orders.columns if c.name == "customer_id")
    assert (customer_id.type, customer_id.nullable) == ("Integer", False)


def test_relationship_is_a_reference_not_a_column():
    facts = _extract("app/models.py", SQLALCHEMY_APP["app/models.py"])
    order = next(m for m in facts.models if m.symbol == "app.models:Order")
    customer = next(f for f in order.fields if f.name == "customer")
    assert (customer.type, customer.target, customer.column) == ("relationship", "Customer", None)
    assert "customer" not in [c.name for c in _Repo(SQLALCHEMY_APP).table("orders").columns]


def test_sqlalchemy_mixin_is_no_model_but_lends_its_columns():
    repo = _Repo(SQLALCHEMY_APP)
    assert "app.models:TimestampMixin" not in repo.table_of
    assert {t.name for t in repo.tables} == {"customers", "orders"}


def test_core_table_is_extracted_per_file():
    facts = _extract("app/models.py", SQLALCHEMY_APP["app/models.py"])
    (table,) = facts.tables
    assert (table.name, table.origin, table.source) == ("order_tags", "orm", "app/models.py:6")
    assert table.primary_key == ("order_id", "tag")
    assert table.foreign_keys[0].ref_table == "orders"
    # String(20) keeps its length for the generated schema (VARCHAR(20))
    assert {c.name: c.type for c in table.columns}["tag"] == "String(20)"


def test_sqlalchemy_2_annotations_and_declarative_base_class():
    repo = _Repo({"app/models.py": """
        from typing import Optional
        from sqlalchemy import ForeignKey
        from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

        class Base(DeclarativeBase):
            pass

        class Item(Base):
            __tablename__ = "items"
            id: Mapped[int] = mapped_column(primary_key=True)
            note: Mapped[Optional[str]]
            box_id: Mapped[int] = mapped_column(ForeignKey("boxes.id"))
            box: Mapped["Box"] = relationship(back_populates="items")

        class Box(Base):
            __tablename__ = "boxes"
            id: Mapped[int] = mapped_column(primary_key=True)
            items: Mapped[list["Item"]] = relationship()
    """})
    assert repo.table_of == {"app.models:Box": "boxes", "app.models:Item": "items"}
    items = repo.table("items")
    assert [(c.name, c.type, c.nullable) for c in items.columns] == [
        ("id", "int", False), ("note", "str", True), ("box_id", "int", False)]
    assert items.foreign_keys[0].ref_table == "boxes"


def test_sqlmodel_tables_are_the_classes_with_table_true():
    # The FastAPI template's models: ItemBase lends its columns, ItemCreate is an API
    # schema; Item and User are tables named after their classes in lower case.
    repo = _Repo({"app/models.py": """
        import uuid
        from typing import ClassVar, Optional
        from sqlmodel import Field, Relationship, Session, SQLModel

        class ItemBase(SQLModel):
            title: str = Field(min_length=1, max_length=255)
            description: Optional[str] = None

        class ItemCreate(ItemBase):
            pass

        class Item(ItemBase, table=True):
            id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
            owner_id: uuid.UUID = Field(foreign_key="user.id", nullable=False)
            owner: Optional["User"] = Relationship(back_populates="items")
            kind: ClassVar[str] = "item"

        class User(SQLModel, table=True):
            __tablename__ = "accounts"
            id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
            email: str

        def create_item(session: Session, item_in: ItemCreate, owner_id) -> Item:
            item = Item.model_validate(item_in, update={"owner_id": owner_id})
            session.add(item)
            return item
    """})
    assert repo.table_of == {"app.models:Item": "item", "app.models:User": "accounts"}
    item = repo.table("item")
    assert [(c.name, c.type, c.nullable) for c in item.columns] == [
        ("title", "str", False), ("description", "str", True), ("id", "uuid.UUID", False),
        ("owner_id", "uuid.UUID", False)]
    assert item.primary_key == ("id",)
    assert [(k.columns, k.ref_table) for k in item.foreign_keys] == [(("owner_id",), "user")]
    assert [(a.source, a.table, a.mode) for a in repo.accesses] == [
        ("app.models:create_item", "item", "write")]


def test_a_declared_attr_tablename_of_a_base_names_the_tables_of_its_subclasses():
    # dispatch: Base(DeclarativeBase) names every model by resolve_table_name(cls.__name__),
    # snake case; a lower-casing base and a literal around the name are read as written.
    repo = _Repo({
        "app/database.py": """
            import re
            from sqlalchemy.orm import DeclarativeBase, declared_attr

            def resolve_table_name(name):
                return "_".join(x.lower() for x in re.split("(?=[A-Z])", name) if x)

            class Base(DeclarativeBase):
                @declared_attr.directive
                def __tablename__(cls):
                    return resolve_table_name(cls.__name__)

            class Plain(DeclarativeBase):
                @declared_attr
                def __tablename__(cls):
                    return cls.__name__.lower() + "s"
        """,
        "app/models.py": """
            from sqlalchemy import Column, ForeignKey, Integer
            from app.database import Base, Plain

            class TimeStampMixin:
                created_at = Column(Integer)

            class SignalInstance(Base, TimeStampMixin):
                id = Column(Integer, primary_key=True)

            class CaseTag(Base):
                __tablename__ = "assoc_case_tags"
                id = Column(Integer, primary_key=True)

            class WorkOrder(Plain):
                id = Column(Integer, primary_key=True)
                signal_id = Column(Integer, ForeignKey("signal_instance.id"))
        """,
    })
    assert repo.table_of == {"app.models:CaseTag": "assoc_case_tags",
                             "app.models:SignalInstance": "signal_instance",
                             "app.models:WorkOrder": "workorders"}
    assert [c.name for c in repo.table("signal_instance").columns] == ["created_at", "id"]


def test_a_declarative_base_made_from_a_class_takes_its_declared_attr_tablename():
    # SQLAlchemy's "augmenting the base": Base = declarative_base(cls=KottiBase), the class
    # in another module (Kotti) or the same name rebound in one module.
    repo = _Repo({
        "app/sqla.py": """
            from sqlalchemy.ext.declarative import declared_attr

            class Base:
                @declared_attr
                def __tablename__(cls):
                    return "{}s".format(camel_case_to_name(cls.__name__))
        """,
        "app/__init__.py": """
            from sqlalchemy.ext.declarative import declarative_base
            from app.sqla import Base as KottiBase

            Base = declarative_base(cls=KottiBase)
        """,
        "app/resources.py": """
            from sqlalchemy import Column, ForeignKey, Integer
            from app import Base

            class Node(Base):
                id = Column(Integer, primary_key=True)

            class LocalGroup(Base):
                __tablename__ = "local_groups"
                id = Column(Integer, primary_key=True)
                node_id = Column(ForeignKey("nodes.id"))
        """,
        "other/db.py": """
            from sqlalchemy import Column, Integer
            from sqlalchemy.orm import declarative_base, declared_attr

            class Base:
                @declared_attr
                def __tablename__(cls):
                    return cls.__name__.lower()

            Base = declarative_base(cls=Base)

            class Invoice(Base):
                id = Column(Integer, primary_key=True)
        """,
    })
    assert repo.table_of == {"app.resources:LocalGroup": "local_groups",
                             "app.resources:Node": "nodes", "other.db:Invoice": "invoice"}
    assert [(k.columns, k.ref_table) for k in repo.table("local_groups").foreign_keys] == [
        (("node_id",), "nodes")]


def test_flask_sqlalchemy_model_without_tablename_gets_a_snake_case_name():
    repo = _Repo({"app/models.py": """
        from app.ext import db

        class OrderItem(db.Model):
            id = db.Column(db.Integer, primary_key=True)
    """})
    assert repo.table_of == {"app.models:OrderItem": "order_item"}


def _uses(source: str) -> list[tuple[str, str, str, str]]:
    facts = _extract("app/views.py", source)
    return [(u.source.partition(":")[2], u.model, u.mode, u.evidence) for u in facts.uses]


def test_django_manager_calls_read_or_write():
    assert _uses("""
        from shop.models import Order

        def view():
            Order.objects.filter(a=1)
            Order.objects.filter(a=1).update(b=2)
            Order.objects.create(a=1)
            Order.objects.raw("SELECT 1")
    """) == [
        ("view", "Order", "read", "Order.objects.filter"),
        ("view", "Order", "write", "Order.objects.filter(...).update"),
        ("view", "Order", "write", "Order.objects.create"),
        ("view", "Order", "read", "Order.objects.raw"),
    ]


def test_save_and_delete_on_instances_of_evident_type():
    uses = _uses("""
        from shop import models
        from shop.models import Order

        def a():
            o = Order(code=1)
            o.save()

        def b(pk):
            o = models.Order.objects.get(pk=pk)
            o.delete()

        def c(o: Order, p):
            o.save()
            p.save()

        def d():
            o, created = Order.objects.get_or_create(code=1)
            o.save()
    """)
    writes = [(s, m, e) for s, m, mode, e in uses if mode == "write"]
    assert writes == [
        ("a", "Order", "o.save()"),
        ("b", "models.Order", "o.delete()"),
        ("c", "Order", "o.save()"),
        ("d", "Order", "Order.objects.get_or_create"),
        ("d", "Order", "o.save()"),
    ]


def test_sqlalchemy_session_and_statements():
    assert _uses("""
        from sqlalchemy import delete, insert, select, update
        from app.models import Order

        def q(session):
            session.query(Order).filter_by(a=1).all()
            session.query(Order).filter_by(a=1).delete()
            session.execute(select(Order.id))
            session.execute(insert(Order))
            session.execute(update(Order).values(a=1))
            session.execute(delete(Order))

        def w(session, db):
            session.add(Order(a=1))
            o = session.get(Order, 1)
            session.delete(o)
            db.session.merge(o)
    """) == [
        ("q", "Order", "read", "session.query(Order)"),
        ("q", "Order", "write", "session.query(Order)"),
        ("q", "Order", "read", "select(Order)"),
        ("q", "Order", "write", "insert(Order)"),
        ("q", "Order", "write", "update(Order)"),
        ("q", "Order", "write", "delete(Order)"),
        ("w", "Order", "write", "session.add(Order(...))"),
        ("w", "Order", "read", "session.get(Order)"),
        ("w", "Order", "write", "session.delete(o)"),
        ("w", "Order", "write", "db.session.merge(o)"),
    ]


def test_a_parameter_annotated_as_a_session_is_a_session_whatever_its_name():
    # FastAPI's ``db: Session = Depends(get_db)``: ``db.add(...)`` writes, ``db.get`` reads;
    # so does a plain ``db`` (the convention of SQLAlchemy code: Flask-SQLAlchemy's ``db``
    # has no ``add``); any other name, unannotated or annotated otherwise, is no session.
    assert _uses("""
        from typing import Optional
        from sqlalchemy.orm import Session
        from sqlalchemy.ext.asyncio import AsyncSession
        from app.models import Order, Line

        def create(db: Session, data):
            db.add(Order(**data))
            db.add_all([Line(order_id=1)])
            return db.get(Order, 1)

        async def remove(conn: Optional[AsyncSession], key):
            await conn.delete(Order(id=key))

        def service(db, data):
            order = db.get(Order, data["id"]) if data.get("id") else Order()
            order.total = data["total"]
            db.add(order)
            old = get_or_404(Line, id=data["old"])  # a project's own lookup helper
            db.delete(old)

        def unrelated(basket, cache: dict):
            basket.add(Order(a=1))
            cache.get(Order, 1)
    """) == [
        ("create", "Order", "write", "db.add(Order(...))"),
        ("create", "Line", "write", "db.add_all(Line(...))"),
        ("create", "Order", "read", "db.get(Order)"),
        ("remove", "Order", "write", "conn.delete(Order(...))"),
        ("service", "Order", "read", "db.get(Order)"),
        ("service", "Order", "write", "db.add(order)"),
        ("service", "Line", "write", "db.delete(old)"),
    ]


def test_a_session_kept_in_an_attribute_is_a_session_in_every_method_of_the_class():
    # The repository pattern: ``__init__(self, db: Session)`` keeps it as ``self.db``; a
    # class that keeps something else in an attribute (a cache) has no session there.
    assert _uses("""
        from sqlalchemy.orm import Session
        from app.db import SessionLocal
        from app.models import Quote, Survey

        class QuoteRepository:
            def __init__(self, db: Session):
                self.db = db

            def add(self, total):
                self.db.add(Quote(total=total))

            def find(self, key):
                return self.db.get(Quote, key)

        class SurveyJob:
            def __init__(self):
                self.s = SessionLocal()

            def run(self):
                self.s.merge(Survey(id=1))

        class Cache:
            def __init__(self, store_of_quotes):
                self.bag = store_of_quotes

            def put(self):
                self.bag.add(Quote(total=1))
    """) == [
        ("QuoteRepository", "Quote", "write", "self.db.add(Quote(...))"),
        ("QuoteRepository", "Quote", "read", "self.db.get(Quote)"),
        ("SurveyJob", "Survey", "write", "self.s.merge(Survey(...))"),
    ]


def test_an_instance_handed_to_a_repository_is_written_by_the_code_that_hands_it_over():
    # A generic ``BaseRepository.add(self, obj)`` adds whatever it is given, so the
    # write is seen where the instance is made: a repository by its class (an attribute
    # set in ``__init__``, a local, a module's object, a parameter's annotation, a call)
    # or by its name. A related manager (``order.tags.add``) writes a link table and a
    # set nothing.
    assert _uses("""
        from app.models import Claim, Invoice, Order, Quote, Tag
        from app.repositories import ClaimRepository, QuoteRepository, OrderDAO, TagRepository

        tags = TagRepository()

        class QuoteService:
            def __init__(self, db):
                self.quotes = QuoteRepository(db)
                self.seen = set()

            def create(self, total):
                quote = Quote(total=total)
                self.quotes.add(quote)
                self.seen.add(quote)
                return quote

        def open_claim(db, text):
            return ClaimRepository(db).add(Claim(text=text))

        def bill(order_repo, invoices: InvoiceRepository, total):
            order = Order(total=total)
            order_repo.save(order)
            invoices.add(Invoice(order=order))

        def tag(db, order: Order, tag: Tag):
            order.tags.add(tag)
            dao = OrderDAO(db)
            dao.delete(order)
            tags.add(Tag(name="x"))
    """) == [
        ("QuoteService", "Quote", "write", "self.quotes.add(quote)"),
        ("bill", "Order", "write", "order_repo.save(order)"),
        ("bill", "Invoice", "write", "invoices.add(Invoice(...))"),
        ("open_claim", "Claim", "write", "ClaimRepository(...).add(Claim(...))"),
        ("tag", "Order", "write", "dao.delete(order)"),
        ("tag", "Tag", "write", "tags.add(Tag(...))"),
    ]


def test_flask_query_property_and_unrelated_calls():
    assert _uses("""
        from app.models import Order

        def f(request, cache):
            Order.query.filter_by(a=1).first()
            Order.query.filter_by(a=1).delete()
            request.query.get("x")
            cache.delete("key")
            update(Order)
    """) == [
        ("f", "Order", "read", "Order.query.filter_by"),
        ("f", "Order", "write", "Order.query.filter_by(...).delete"),
    ]


def test_uses_roll_up_to_the_class_and_module():
    facts = _extract("app/views.py", """
        from app.models import Order

        recent = Order.objects.all()

        class OrderViewSet:
            queryset = Order.objects.all()

            def perform(self):
                return Order.objects.count()
    """)
    assert [(u.source, u.line) for u in facts.uses] == [
        ("app.views", 4), ("app.views:OrderViewSet", 7), ("app.views:OrderViewSet", 10)]


def test_resolved_uses_become_orm_accesses_and_unknown_models_are_dropped():
    repo = _Repo({
        **DJANGO_APP,
        "shop/views.py": """
            from shop.orders.models import Order, TimeStamped
            from shop.forms import OrderForm

            def checkout(request):
                form = OrderForm(request.POST)
                form.save()
                TimeStamped.objects.all()
                return Order.objects.filter(paid=True)
        """,
    })
    accesses = [a for a in repo.accesses if a.source == "shop.views:checkout"]
    assert [(a.table, a.mode, a.via, a.known, a.line) for a in accesses] == [
        ("orders", "read", "orm", True, 9)]
    assert repo.access("shop.orders.models:Order") == [("orders", "write")]


def test_alembic_migration_tables():
    facts = _extract("migrations/versions/0001_init.py", """
        import sqlalchemy as sa
        from alembic import op

        def upgrade():
            op.create_table(
                "invoices",
                sa.Column("id", sa.Integer(), nullable=False),
                sa.Column("customer_id", sa.Integer(), nullable=True),
                sa.ForeignKeyConstraint(["customer_id"], ["customers.id"]),
                sa.PrimaryKeyConstraint("id"),
            )
            op.add_column("customers", sa.Column("email", sa.String(80)))
            for column in ("author", "maintainer"):  # a name in a variable: not known
                op.add_column("customers", sa.Column(column, sa.UnicodeText))

        def downgrade():
            op.create_table("old_invoices", sa.Column("id", sa.Integer()))
    """, is_migration=True)
    assert [t.name for t in facts.tables] == ["customers", "customers", "invoices"]
    customers, more, invoices = facts.tables
    assert [c.name for c in customers.columns + more.columns] == ["email"]
    assert invoices.origin == "migration"
    assert invoices.primary_key == ("id",)
    assert invoices.foreign_keys == (
        ForeignKey(columns=("customer_id",), ref_table="customers", ref_columns=("id",)),)


def test_django_migration_tables_use_the_app_of_the_migrations_package():
    facts = _extract("shop/orders/migrations/0001_initial.py", """
        from django.db import migrations, models

        class Migration(migrations.Migration):
            operations = [
                migrations.CreateModel(
                    name="Order",
                    fields=[
                        ("id", models.AutoField(primary_key=True)),
                        ("customer", models.ForeignKey(on_delete=models.CASCADE,
                                                       to="customers.customer")),
                        ("tags", models.ManyToManyField(to="catalog.tag")),
                    ],
                ),
                migrations.CreateModel(
                    name="Refund",
                    fields=[("id", models.AutoField(primary_key=True))],
                    options={"db_table": "refunds"},
                ),
                migrations.AddField(model_name="order", name="note",
                                    field=models.TextField(null=True)),
            ]
    """, is_migration=True)
    assert [t.name for t in facts.tables] == [
        "orders_order", "orders_order", "orders_order_tags", "refunds"]
    created = next(t for t in facts.tables if t.name == "orders_order" and t.primary_key)
    assert [c.name for c in created.columns] == ["id", "customer_id"]
    assert created.foreign_keys[0].ref_table == "customers_customer"
    assert {t.origin for t in facts.tables} == {"migration"}
    assert facts.models == ()


def test_nothing_is_read_from_migrations_unless_asked():
    facts = _extract("migrations/versions/0001_init.py", """
        from alembic import op
        import sqlalchemy as sa

        def upgrade():
            op.create_table("invoices", sa.Column("id", sa.Integer()))
    """)
    assert facts.tables == ()


def test_forms_and_schemas_describing_a_model_are_not_models():
    facts = _extract("app/schemas.py", """
        from app.models import Order
        from app.fields import MoneyField

        class OrderSchema(Order):
            total = MoneyField()

            class Meta:
                model = Order
    """)
    assert facts.models == ()


def test_single_table_inheritance_shares_the_parent_table():
    repo = _Repo({"app/models.py": """
        from app.ext import db

        class Users(db.Model):
            __tablename__ = "users"
            id = db.Column(db.Integer, primary_key=True)
            type = db.Column(db.String(20))

        class Admins(Users):
            __tablename__ = "admins"
            __mapper_args__ = {"polymorphic_identity": "admin"}

        class Staff(Users):
            badge = db.Column(db.String(8))
    """})
    assert set(repo.table_of.values()) == {"users"}
    assert [c.name for c in repo.table("users").columns] == ["id", "type", "badge"]
    assert repo.table("users").defined_by == "app.models:Users"


def test_relations_to_models_outside_the_repository():
    repo = _Repo({"shop/accounts/models.py": """
        from django.contrib.auth.models import Permission
        from django.db import models

        class Role(models.Model):
            group = models.ForeignKey("auth.Group", on_delete=models.CASCADE)
            grants = models.ManyToManyField(Permission)
    """})
    role = repo.table("accounts_role")
    assert [(k.columns, k.ref_table) for k in role.foreign_keys] == [(("group_id",), "auth_group")]
    assert "accounts_role_grants" not in {t.name for t in repo.tables}  # target unknown


def test_generic_views_and_model_forms_use_the_model_they_declare():
    source = textwrap.dedent('''
        from django.views.generic import CreateView, ListView
        from django import forms
        from shop.models import Order

        class OrderList(ListView):
            model = Order

        class OrderCreate(CreateView):
            model = Order

        class OrderForm(forms.ModelForm):
            class Meta:
                model = Order
                fields = ["total"]
    ''')
    # with the source text, as the pipeline reads files, a class whose only use is the
    # model it declares is not skipped as one that uses no model (it was, before)
    for text in (None, source):
        facts = extract_orm(ast.parse(source), module="shop.views", path="shop/views.py",
                            names={"Order": "shop.models.Order"}, text=text)
        modes = {(u.source, u.mode) for u in facts.uses if u.model == "Order"}
        assert modes == {("shop.views:OrderList", "read"), ("shop.views:OrderCreate", "write"),
                         ("shop.views:OrderForm", "write")}


def test_a_form_base_class_with_fields_is_not_a_model():
    # Indico: ``class AttachmentFormBase(IndicoForm)`` with ``QuerySelectField``s became
    # a table ``attachments_attachmentformbase``: "Base" and "Mixin" name no role
    repo = _Repo({
        "app/web/forms.py": """
            from flask_wtf import FlaskForm

            class AppForm(FlaskForm):
                pass
        """,
        "app/attachments/forms.py": """
            from app.web.fields import AccessListField
            from app.web.forms import AppForm

            class AttachmentFormBase(AppForm):
                acl = AccessListField("Access")

            class SerializerMixin(AppForm):
                acl = AccessListField("Access")
        """,
        "app/stats/models.py": """
            from django.db import models

            class PageViewBase(models.Model):
                url = models.CharField(max_length=200)
        """,
    })
    assert repo.table_of == {"app.stats.models:PageViewBase": "stats_pageviewbase"}


def test_the_model_class_of_a_declarative_base_has_no_table():
    # Indico's ``IndicoModel(Model)``: flask_sqlalchemy's Model subclassed to be the
    # ``model_class`` of the declarative base; it has no column, so no table
    repo = _Repo({"app/db.py": """
        from flask_sqlalchemy.model import Model

        class AppModel(Model):
            allow_preloading = False

            @classmethod
            def get(cls, oid):
                return cls.query.get(oid)
    """, "app/models.py": """
        from app.ext import db

        class OrderItem(db.Model):
            id = db.Column(db.Integer, primary_key=True)
    """})
    assert repo.table_of == {"app.models:OrderItem": "order_item"}


PEEWEE_APP = {
    "blog/db.py": """
        from peewee import Model, SqliteDatabase

        database = SqliteDatabase("blog.db")

        class BaseModel(Model):
            class Meta:
                database = database
    """,
    "blog/models.py": """
        from peewee import CharField, ForeignKeyField, ManyToManyField, PrimaryKeyField, TextField
        from blog.db import BaseModel

        class User(BaseModel):
            username = CharField(unique=True)

        class Tag(BaseModel):
            id = PrimaryKeyField()
            owner_id = ForeignKeyField(User, null=True)
            label = CharField()

        class Tweet(BaseModel):
            user = ForeignKeyField(User, backref="tweets")
            editor = ForeignKeyField(model=User, column_name="edited_by", null=True)
            parent = ForeignKeyField("self", null=True)
            content = TextField()
            tags = ManyToManyField(Tag, backref="tweets")

            class Meta:
                table_name = "tweets"
    """,
    "blog/admin.py": """
        from blog.models import User

        class Admin(User):
            pass
    """,
    "blog/views.py": """
        from blog.models import Tweet, User

        def timeline(uid):
            return list(Tweet.select().where(Tweet.user == uid))

        def signup(name):
            return User.create(username=name)

        def rename(uid, name):
            user = User.get_by_id(uid)
            user.username = name
            user.save()

        def purge(uid):
            Tweet.delete().where(Tweet.user == uid).execute()
    """,
}


def test_peewee_models_name_their_tables_as_peewee_does():
    # before: Django's rules gave blog_user and blog_tweet, a table for the BaseModel and
    # a parent-pointer key from every model to it, and no foreign key at all
    repo = _Repo(PEEWEE_APP)
    assert repo.table_of == {"blog.admin:Admin": "admin", "blog.models:Tag": "tag",
                             "blog.models:Tweet": "tweets", "blog.models:User": "user"}
    tweets = repo.table("tweets")
    assert {(fk.columns, fk.ref_table) for fk in tweets.foreign_keys} == {
        (("user_id",), "user"), (("edited_by",), "user"), (("parent_id",), "tweets")}
    assert tweets.primary_key == ("id",)
    through = repo.table("tweets_tag_through")
    assert {fk.ref_table for fk in through.foreign_keys} == {"tweets", "tag"}
    tag = repo.table("tag")  # peewee 2's PrimaryKeyField; a key named *_id keeps its name
    assert [c.name for c in tag.columns] == ["id", "owner_id", "label"]
    assert tag.primary_key == ("id",)
    assert [(fk.columns, fk.ref_table) for fk in tag.foreign_keys] == [(("owner_id",), "user")]
    # a subclass copies its parent's fields into a table of its own, with no key to it
    assert "username" in {c.name for c in repo.table("admin").columns}
    assert not repo.table("admin").foreign_keys


def test_a_peewee_base_named_as_one_is_no_table_though_it_has_fields():
    # ``created_at`` for every model in the project's BaseModel: still no table of its own
    repo = _Repo({
        "bakery/db.py": """
            import datetime
            from peewee import DatabaseProxy, DateTimeField, Model

            db = DatabaseProxy()

            class BaseModel(Model):
                created_at = DateTimeField(default=datetime.datetime.utcnow)

                class Meta:
                    database = db
        """,
        "bakery/models.py": """
            from peewee import CharField, Model
            from bakery.db import BaseModel, db

            class Shop(BaseModel):
                name = CharField()

            class Tag(Model):
                label = CharField()

                class Meta:
                    database = db
        """,
    })
    assert repo.table_of == {"bakery.models:Shop": "shop", "bakery.models:Tag": "tag"}
    assert [c.name for c in repo.table("shop").columns] == ["id", "created_at", "name"]


def test_peewee_class_queries_read_and_write_their_tables():
    repo = _Repo(PEEWEE_APP)
    assert repo.access("blog.views:timeline") == [("tweets", "read")]
    assert repo.access("blog.views:signup") == [("user", "write")]
    assert sorted(repo.access("blog.views:rename")) == [("user", "read"), ("user", "write")]
    assert repo.access("blog.views:purge") == [("tweets", "write")]


def test_a_flask_db_wrapper_model_is_a_peewee_model():
    repo = _Repo({"app/models.py": """
        from playhouse.flask_utils import FlaskDB

        db_wrapper = FlaskDB()

        class BlogEntry(db_wrapper.Model):
            title = CharField()
    """})
    # peewee lower-cases the class name; Flask-SQLAlchemy's db.Model would say blog_entry
    assert repo.table_of == {"app.models:BlogEntry": "blogentry"}


def test_the_model_of_a_peewee_database_is_a_peewee_model():
    # peewee's own twitter example: a star import, ``database.Model`` as the base
    repo = _Repo({"app.py": """
        from peewee import *

        database = SqliteDatabase("tweepee.db")

        class User(database.Model):
            username = CharField(unique=True)

        class Relationship(database.Model):
            from_user = ForeignKeyField(User, backref="relationships")

            class Meta:
                indexes = ((("from_user",), True),)
    """})
    assert repo.table_of == {"app:Relationship": "relationship", "app:User": "user"}
    assert [fk.ref_table for fk in repo.table("relationship").foreign_keys] == ["user"]


def test_a_peewee_wrapper_imported_from_another_module_makes_peewee_models():
    repo = _Repo({"app/ext.py": """
        from playhouse.flask_utils import FlaskDB

        DB = FlaskDB()
    """, "app/models.py": """
        from peewee import CharField, ForeignKeyField
        from app.ext import DB

        class Author(DB.Model):
            name = CharField()

        class BookTitle(DB.Model):
            author = ForeignKeyField(Author)
    """, "app/sa_models.py": """
        from app.ext import db

        class OrderLine(db.Model):
            id = db.Column(db.Integer, primary_key=True)
    """})
    assert repo.table_of == {"app.models:Author": "author", "app.models:BookTitle": "booktitle",
                             "app.sa_models:OrderLine": "order_line"}


def test_sqlobject_models_make_tables_by_its_default_style():
    # before: SQLObject's ForeignKey('Person') made Address a Django model (app_address)
    repo = _Repo({"app/model.py": """
        from sqlobject import SQLObject, StringCol, ForeignKey, DecimalCol
        from storm.locals import Int, Reference, Storm

        class PhoneNumber(SQLObject):
            number = StringCol(length=20)
            person = ForeignKey('Person')

        class Person(SQLObject):
            class sqlmeta:
                table = "people"
            firstName = StringCol(length=100, notNone=True)
            balance = DecimalCol(size=10, precision=2)

        class Phone(Storm):
            __storm_table__ = "phone"
            id = Int(primary=True)
            person_id = Int()
            person = Reference(person_id, "Person.id")
    """, "app/views.py": """
        from app.model import Person, PhoneNumber

        def directory():
            return list(Person.selectBy(firstName="x")) + list(PhoneNumber.select())
    """})
    assert [t.name for t in repo.tables] == ["people", "phone", "phone_number"]
    people = repo.table("people")
    assert [(c.name, c.type, c.nullable) for c in people.columns] == [
        ("id", "AutoField", False), ("first_name", "StringCol(100)", False),
        ("balance", "DecimalCol(10, 2)", True)]
    assert [(fk.columns, fk.ref_table) for fk in repo.table("phone_number").foreign_keys] == [
        (("person_id",), "people")]
    assert sorted((a.table, a.mode) for a in repo.accesses) == [
        ("people", "read"), ("phone_number", "read")]


def test_sqlobject_models_after_a_star_import():
    # TurboGears applications write their models after ``from sqlobject import *``
    repo = _Repo({"mirror/model.py": """
        from sqlobject import *
        from turbogears.database import PackageHub

        class Host(SQLObject):
            name = UnicodeCol(alternateID=True)
            site = ForeignKey('Site')

        class Site(SQLObject):
            name = UnicodeCol()
    """})
    assert [t.name for t in repo.tables] == ["host", "site"]
    assert [(fk.columns, fk.ref_table) for fk in repo.table("host").foreign_keys] == [
        (("site_id",), "site")]


def test_storm_models_and_their_store():
    repo = _Repo({"lp/model.py": """
        from storm.locals import Int, Unicode, Reference, Storm

        class Person(Storm):
            __storm_table__ = "person"
            id = Int(primary=True)
            name = Unicode(allow_none=False)

        class Bug(object):  # Storm needs no base: __storm_table__ makes the model
            __storm_table__ = "bug"
            owner = Reference("owner_id", "Person.id")
            id = Int(primary=True)
            owner_id = Int(name="owner")
            title = Unicode()
    """, "lp/views.py": """
        from lp.model import Bug, Person

        def bugs_of(store, name):
            return store.find((Bug, Person), Bug.owner_id == Person.id, Person.name == name)

        def report(title):
            bug = Bug()
            bug.title = title
            IStore(Bug).add(bug)

        def remember(restored_bugs):
            restored_bugs.add(Bug())  # a set named "restored": no store
    """})
    assert [t.name for t in repo.tables] == ["bug", "person"]
    bug = repo.table("bug")
    # the reference keys the column its property declares: one column, one key
    assert [(c.name, c.primary_key) for c in bug.columns] == [
        ("id", True), ("owner", False), ("title", False)]
    assert bug.primary_key == ("id",)
    assert [(fk.columns, fk.ref_table) for fk in bug.foreign_keys] == [(("owner",), "person")]
    assert sorted((a.source, a.table, a.mode) for a in repo.accesses) == [
        ("lp.views:bugs_of", "bug", "read"), ("lp.views:bugs_of", "person", "read"),
        ("lp.views:report", "bug", "write")]
