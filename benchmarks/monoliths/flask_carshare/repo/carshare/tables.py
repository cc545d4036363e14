"""SQLAlchemy Core table definitions.

Only the tables that the newer code touches through the engine are declared
here - schema.sql is still the source of truth. Keep column names in sync!
"""
from sqlalchemy import (Boolean, Column, Date, DateTime, Integer, MetaData, Numeric,
                        SmallInteger, String, Table, Text, Time, ForeignKey, BigInteger)

metadata = MetaData()

parking_zones = Table(
    "parking_zones", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(120), nullable=False),
    Column("city", String(80), nullable=False),
    Column("zone_type", String(20), nullable=False),
    Column("capacity", Integer, nullable=False),
    Column("centre_lat", Numeric(9, 6)),
    Column("centre_lng", Numeric(9, 6)),
    Column("active", Boolean, nullable=False),
    Column("created_at", DateTime),
)

zone_boundaries = Table(
    "zone_boundaries", metadata,
    Column("id", Integer, primary_key=True),
    Column("zone_id", Integer, ForeignKey("parking_zones.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("lat", Numeric(9, 6), nullable=False),
    Column("lng", Numeric(9, 6), nullable=False),
)

zone_restrictions = Table(
    "zone_restrictions", metadata,
    Column("id", Integer, primary_key=True),
    Column("zone_id", Integer, ForeignKey("parking_zones.id"), nullable=False),
    Column("weekday", SmallInteger),
    Column("start_time", Time, nullable=False),
    Column("end_time", Time, nullable=False),
    Column("restriction", String(20), nullable=False),
    Column("surcharge_pence", Integer, nullable=False, default=0),
    Column("note", Text),
)

zone_capacity_snapshots = Table(
    "zone_capacity_snapshots", metadata,
    Column("id", Integer, primary_key=True),
    Column("zone_id", Integer, ForeignKey("parking_zones.id"), nullable=False),
    Column("taken_at", DateTime),
    Column("vehicles_present", Integer, nullable=False),
    Column("capacity", Integer, nullable=False),
)

vehicle_models = Table(
    "vehicle_models", metadata,
    Column("id", Integer, primary_key=True),
    Column("make", String(60)),
    Column("model", String(60)),
    Column("fuel_type", String(20)),
    Column("seats", SmallInteger),
    Column("category", String(20)),
    Column("service_interval_km", Integer),
    Column("service_interval_days", Integer),
)

vehicles = Table(
    "vehicles", metadata,
    Column("id", Integer, primary_key=True),
    Column("model_id", Integer, ForeignKey("vehicle_models.id"), nullable=False),
    Column("plate", String(12), nullable=False),
    Column("vin", String(17)),
    Column("colour", String(30)),
    Column("status", String(20), nullable=False),
    Column("odometer_km", Integer),
    Column("fuel_level", Numeric(4, 3)),
    Column("home_zone_id", Integer, ForeignKey("parking_zones.id")),
    Column("current_zone_id", Integer, ForeignKey("parking_zones.id")),
    Column("last_lat", Numeric(9, 6)),
    Column("last_lng", Numeric(9, 6)),
    Column("telematics_unit_id", String(40)),
    Column("commissioned_on", Date),
    Column("retired_on", Date),
)

tariffs = Table(
    "tariffs", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(80)),
    Column("vehicle_category", String(20)),
    Column("per_minute_pence", Integer),
    Column("per_hour_pence", Integer),
    Column("per_day_pence", Integer),
    Column("per_km_pence", Integer),
    Column("included_km", Integer),
    Column("weekend_factor", Numeric(4, 2)),
    Column("valid_from", Date),
    Column("valid_to", Date),
    Column("active", Boolean),
)

reservations = Table(
    "reservations", metadata,
    Column("id", Integer, primary_key=True),
    Column("member_id", Integer, nullable=False),
    Column("vehicle_id", Integer, ForeignKey("vehicles.id"), nullable=False),
    Column("zone_id", Integer, ForeignKey("parking_zones.id")),
    Column("tariff_id", Integer, ForeignKey("tariffs.id")),
    Column("starts_at", DateTime, nullable=False),
    Column("ends_at", DateTime, nullable=False),
    Column("status", String(20), nullable=False),
    Column("created_at", DateTime),
    Column("updated_at", DateTime),
)

waitlist_entries = Table(
    "waitlist_entries", metadata,
    Column("id", Integer, primary_key=True),
    Column("member_id", Integer, nullable=False),
    Column("zone_id", Integer, ForeignKey("parking_zones.id"), nullable=False),
    Column("vehicle_category", String(20)),
    Column("wanted_from", DateTime, nullable=False),
    Column("wanted_to", DateTime, nullable=False),
    Column("status", String(20), nullable=False),
    Column("created_at", DateTime),
    Column("notified_at", DateTime),
)

telematics_pings = Table(
    "telematics_pings", metadata,
    Column("id", BigInteger, primary_key=True),
    Column("vehicle_id", Integer, ForeignKey("vehicles.id"), nullable=False),
    Column("trip_id", Integer),
    Column("recorded_at", DateTime, nullable=False),
    Column("lat", Numeric(9, 6)),
    Column("lng", Numeric(9, 6)),
    Column("speed_kph", Numeric(5, 1)),
    Column("odometer_km", Integer),
    Column("fuel_level", Numeric(4, 3)),
    Column("ignition_on", Boolean),
    Column("raw", Text),
)


def row_to_dict(row):
    if row is None:
        return None
    return dict(row.items()) if hasattr(row, "items") else dict(row)


def rows_to_dicts(rows):
    return [row_to_dict(r) for r in rows]
