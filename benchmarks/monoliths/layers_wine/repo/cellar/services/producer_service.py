import csv
import io
import logging

from cellar.extensions import db
from cellar.models.product import Producer, Wine
from cellar.repositories.product_repo import ProducerRepository, WineRepository
from cellar.utils.audit import log_action
from cellar.utils.errors import BusinessRuleError, ValidationError
from cellar.utils.formatting import slugify
from cellar.utils.money import to_decimal
from cellar.utils.validation import require_fields, validate_email

log = logging.getLogger(__name__)

producers = ProducerRepository()
wines = WineRepository()


def create_producer(data, user_id=None):
    require_fields(data, "name", "country")
    producer = Producer(name=data["name"].strip(), country=data["country"].upper()[:2],
                        region=data.get("region"), currency=data.get("currency", "EUR"),
                        incoterm=data.get("incoterm", "EXW"),
                        lead_time_days=int(data.get("lead_time_days") or 42))
    if data.get("contact_email"):
        producer.contact_email = validate_email(data["contact_email"])
    producers.add(producer)
    db.session.flush()
    log_action("create", "producer", producer.id, user_id)
    db.session.commit()
    return producer


def update_producer(producer_id, data, user_id=None):
    producer = producers.get(producer_id)
    for field in ("name", "region", "currency", "incoterm", "lead_time_days", "notes"):
        if field in data:
            setattr(producer, field, data[field])
    if "contact_email" in data:
        producer.contact_email = validate_email(data["contact_email"])
    log_action("update", "producer", producer.id, user_id, data)
    db.session.commit()
    return producer


def deactivate_producer(producer_id, user_id=None):
    producer = producers.get(producer_id)
    open_pos = [po for po in producer_open_orders(producer_id)]
    if open_pos:
        raise BusinessRuleError("producer has %d open purchase orders" % len(open_pos))
    producer.active = False
    producer.soft_delete()
    for wine in wines.for_producer(producer_id):
        wine.is_active = False
    log_action("deactivate", "producer", producer.id, user_id)
    db.session.commit()


def producer_open_orders(producer_id):
    from cellar.repositories.purchase_repo import PurchaseOrderRepository
    return PurchaseOrderRepository().open_orders(producer_id)


def generate_sku(producer, name, vintage, bottle_ml=750):
    base = slugify(producer.name)[:4].upper() + slugify(name)[:4].upper()
    vint = str(vintage)[-2:] if vintage else "NV"
    size = {375: "H", 750: "", 1500: "M"}.get(bottle_ml, str(bottle_ml // 10))
    sku = "%s%s%s" % (base.replace("-", ""), vint, size)
    n = 1
    candidate = sku
    while wines.by_sku(candidate) is not None:
        n += 1
        candidate = "%s%d" % (sku, n)
    return candidate


def create_wine(producer_id, data, user_id=None):
    require_fields(data, "name", "colour")
    producer = producers.get(producer_id)
    if producer is None or not producer.active:
        raise ValidationError("unknown or inactive producer")
    wine = Wine(producer_id=producer.id, name=data["name"], colour=data["colour"],
                grape=data.get("grape"), appellation=data.get("appellation"),
                vintage=data.get("vintage"), bottle_ml=int(data.get("bottle_ml") or 750),
                bottles_per_case=int(data.get("bottles_per_case") or 12),
                abv=to_decimal(data.get("abv") or "13.0"),
                cost_price=to_decimal(data.get("cost_price")))
    wine.sku = data.get("sku") or generate_sku(producer, wine.name, wine.vintage, wine.bottle_ml)
    if wine.colour == "sparkling":
        wine.excise_band = "SPK"
    else:
        wine.excise_band = "STL"
    wines.add(wine)
    db.session.flush()
    log_action("create", "wine", wine.id, user_id)
    db.session.commit()
    return wine


def import_catalog_rows(producer_id, rows, user_id=None):
    created, updated = 0, 0
    for row in rows:
        existing = wines.by_sku(row["sku"]) if row.get("sku") else None
        if existing:
            existing.cost_price = to_decimal(row.get("cost_price"))
            existing.abv = to_decimal(row.get("abv") or existing.abv)
            updated += 1
        else:
            create_wine(producer_id, row, user_id)
            created += 1
    db.session.commit()
    return created, updated


def legacy_import_catalog_csv(producer_id, raw_bytes):
    # old format from the 2019 spreadsheet: Name;Vintage;Colour;Price
    text_ = raw_bytes.decode("latin-1")
    reader = csv.reader(io.StringIO(text_), delimiter=";")
    rows = []
    for parts in reader:
        if not parts or parts[0] == "Name":
            continue
        rows.append({"name": parts[0], "vintage": int(parts[1]) if parts[1] else None,
                     "colour": parts[2].lower(), "cost_price": parts[3].replace(",", ".")})
    return import_catalog_rows(producer_id, rows)
