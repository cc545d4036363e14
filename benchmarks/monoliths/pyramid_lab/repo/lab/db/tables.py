# -*- coding: utf-8 -*-
"""Table definitions for the LIMS.

Everything lives here so that alembic autogenerate can see it. Please do not
start splitting this into per-module files again (see the 2020 attempt).

Conventions (mostly followed):
  * surrogate integer ``id`` primary keys
  * ``*_at`` columns are UTC DateTimes, ``*_on`` columns are Dates
  * status columns are plain strings, the allowed values live next to the table
"""
from sqlalchemy import (
    MetaData,
    Table,
    Column,
    Integer,
    String,
    Unicode,
    UnicodeText,
    Text,
    Boolean,
    Date,
    DateTime,
    Numeric,
    Float,
    ForeignKey,
    Index,
    UniqueConstraint,
    func,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)


# ---------------------------------------------------------------------------
# Staff & qualifications
# ---------------------------------------------------------------------------

staff = Table(
    "staff", metadata,
    Column("id", Integer, primary_key=True),
    Column("login", String(64), nullable=False, unique=True),
    Column("full_name", Unicode(120), nullable=False),
    Column("initials", String(6)),
    Column("email", String(200)),
    Column("department", String(40)),
    Column("job_title", Unicode(80)),
    Column("password_hash", String(128)),
    Column("is_admin", Boolean, default=False, nullable=False),
    Column("active", Boolean, default=True, nullable=False),
    Column("started_on", Date),
    Column("left_on", Date),
)

competencies = Table(
    "competencies", metadata,
    Column("id", Integer, primary_key=True),
    Column("staff_id", Integer, ForeignKey("staff.id"), nullable=False),
    Column("analysis_id", Integer, ForeignKey("analyses.id"), nullable=False),
    Column("level", String(16), nullable=False, default="trainee"),
    Column("assessed_on", Date),
    Column("assessed_by", Integer, ForeignKey("staff.id")),
    Column("expires_on", Date),
    Column("notes", UnicodeText),
    UniqueConstraint("staff_id", "analysis_id", name="uq_competency_staff_analysis"),
)
COMPETENCY_LEVELS = ("trainee", "supervised", "competent", "trainer")

training_records = Table(
    "training_records", metadata,
    Column("id", Integer, primary_key=True),
    Column("staff_id", Integer, ForeignKey("staff.id"), nullable=False),
    Column("course", Unicode(200), nullable=False),
    Column("provider", Unicode(120)),
    Column("completed_on", Date),
    Column("hours", Numeric(5, 1)),
    Column("certificate_ref", String(64)),
    Column("notes", UnicodeText),
)

signatory_authorisations = Table(
    "signatory_authorisations", metadata,
    Column("id", Integer, primary_key=True),
    Column("staff_id", Integer, ForeignKey("staff.id"), nullable=False),
    Column("department", String(40), nullable=False),
    Column("scope", String(40), default="all"),
    Column("granted_on", Date, nullable=False),
    Column("granted_by", Integer, ForeignKey("staff.id")),
    Column("revoked_on", Date),
)


# ---------------------------------------------------------------------------
# Clients
# ---------------------------------------------------------------------------

clients = Table(
    "clients", metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(16), nullable=False, unique=True),
    Column("name", Unicode(200), nullable=False),
    Column("vat_number", String(32)),
    Column("country", String(2), default="GB"),
    Column("address1", Unicode(120)),
    Column("address2", Unicode(120)),
    Column("city", Unicode(80)),
    Column("postcode", String(16)),
    Column("credit_limit", Numeric(12, 2)),
    Column("on_hold", Boolean, default=False, nullable=False),
    # was an FK to price_lists.id until the price list rework (#412)
    Column("price_list_code", String(16), default="STD"),
    Column("account_manager_id", Integer, ForeignKey("staff.id")),
    Column("created_at", DateTime, server_default=func.now()),
    Column("archived", Boolean, default=False),
)

client_contacts = Table(
    "client_contacts", metadata,
    Column("id", Integer, primary_key=True),
    Column("client_id", Integer, ForeignKey("clients.id"), nullable=False),
    Column("name", Unicode(120), nullable=False),
    Column("email", String(200)),
    Column("phone", String(40)),
    Column("role", String(16), default="primary"),  # primary|billing|results
    Column("receives_certificates", Boolean, default=True),
    Column("active", Boolean, default=True),
)

client_sites = Table(
    "client_sites", metadata,
    Column("id", Integer, primary_key=True),
    Column("client_id", Integer, ForeignKey("clients.id"), nullable=False),
    Column("name", Unicode(120), nullable=False),
    Column("address", Unicode(250)),
    Column("postcode", String(16)),
    Column("site_type", String(24)),
    Column("grid_ref", String(20)),
    Column("active", Boolean, default=True),
)

portal_users = Table(
    "portal_users", metadata,
    Column("id", Integer, primary_key=True),
    Column("client_id", Integer, ForeignKey("clients.id"), nullable=False),
    Column("contact_id", Integer, ForeignKey("client_contacts.id")),
    Column("login", String(120), nullable=False, unique=True),
    Column("password_hash", String(128)),
    Column("last_login", DateTime),
    Column("failed_attempts", Integer, default=0),
    Column("active", Boolean, default=True),
)


# ---------------------------------------------------------------------------
# Test catalogue, panels & orders
# ---------------------------------------------------------------------------

analyses = Table(
    "analyses", metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(24), nullable=False, unique=True),
    Column("name", Unicode(200), nullable=False),
    Column("method_ref", String(64)),
    Column("department", String(40)),
    Column("matrix", String(24)),
    Column("unit", String(24)),
    Column("decimals", Integer, default=2),
    Column("lod", Float),
    Column("loq", Float),
    Column("accredited", Boolean, default=False),
    Column("default_tat_days", Integer, default=5),
    Column("active", Boolean, default=True),
)

panels = Table(
    "panels", metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(24), nullable=False, unique=True),
    Column("name", Unicode(200), nullable=False),
    Column("matrix", String(24)),
    Column("description", UnicodeText),
    Column("active", Boolean, default=True),
)

panel_analyses = Table(
    "panel_analyses", metadata,
    Column("panel_id", Integer, ForeignKey("panels.id"), primary_key=True),
    Column("analysis_id", Integer, ForeignKey("analyses.id"), primary_key=True),
    Column("sort_order", Integer, default=0),
)

test_orders = Table(
    "test_orders", metadata,
    Column("id", Integer, primary_key=True),
    Column("order_number", String(20), nullable=False, unique=True),
    Column("client_id", Integer, ForeignKey("clients.id"), nullable=False),
    Column("contact_id", Integer, ForeignKey("client_contacts.id")),
    Column("po_number", String(40)),
    Column("quote_ref", String(40)),
    Column("tat_class", String(12), default="standard"),
    Column("received_at", DateTime),
    Column("due_date", Date),
    Column("status", String(16), default="open"),
    Column("notes", UnicodeText),
    Column("created_by", Integer, ForeignKey("staff.id")),
    Column("created_at", DateTime, server_default=func.now()),
)
ORDER_STATUSES = ("open", "in_progress", "complete", "reported", "cancelled")

order_items = Table(
    "order_items", metadata,
    Column("id", Integer, primary_key=True),
    Column("order_id", Integer, ForeignKey("test_orders.id"), nullable=False),
    Column("sample_id", Integer, ForeignKey("samples.id")),
    Column("analysis_id", Integer, ForeignKey("analyses.id"), nullable=False),
    Column("panel_id", Integer, ForeignKey("panels.id")),
    Column("status", String(16), default="pending"),
    Column("price_override", Numeric(10, 2)),
    Column("created_at", DateTime, server_default=func.now()),
    Column("cancelled_at", DateTime),
)
Index("ix_order_items_sample", order_items.c.sample_id)


# ---------------------------------------------------------------------------
# Sample reception & chain of custody
# ---------------------------------------------------------------------------

receipt_batches = Table(
    "receipt_batches", metadata,
    Column("id", Integer, primary_key=True),
    Column("reference", String(24), nullable=False),
    Column("courier", Unicode(80)),
    Column("received_at", DateTime, nullable=False),
    Column("received_by", Integer, ForeignKey("staff.id")),
    Column("cooler_temp", Float),
    Column("sample_count", Integer, default=0),
    Column("notes", UnicodeText),
)

storage_locations = Table(
    "storage_locations", metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(24), nullable=False, unique=True),
    Column("description", Unicode(120)),
    Column("temperature", String(12)),  # ambient|fridge|freezer|-80
    Column("capacity", Integer, default=100),
    Column("occupied", Integer, default=0),
)

samples = Table(
    "samples", metadata,
    Column("id", Integer, primary_key=True),
    Column("lab_number", String(20), nullable=False, unique=True),
    Column("barcode", String(32), unique=True),
    Column("client_id", Integer, ForeignKey("clients.id"), nullable=False),
    Column("site_id", Integer, ForeignKey("client_sites.id")),
    Column("order_id", Integer, ForeignKey("test_orders.id")),
    Column("receipt_batch_id", Integer, ForeignKey("receipt_batches.id")),
    Column("storage_location_id", Integer, ForeignKey("storage_locations.id")),
    Column("matrix", String(24)),
    Column("description", Unicode(250)),
    Column("client_ref", Unicode(80)),
    Column("sampled_at", DateTime),
    Column("received_at", DateTime),
    Column("received_by", Integer, ForeignKey("staff.id")),
    Column("temperature_on_receipt", Float),
    Column("condition", String(24), default="ok"),
    Column("priority", Integer, default=0),
    Column("status", String(16), default="received"),
    Column("hold_until", Date),
    Column("disposed", Boolean, default=False),
    Column("created_at", DateTime, server_default=func.now()),
)
Index("ix_samples_client_received", samples.c.client_id, samples.c.received_at)

SAMPLE_STATUSES = (
    "registered", "received", "in_progress", "complete", "reported",
    "rejected", "on_hold", "disposed",
)

sample_containers = Table(
    "sample_containers", metadata,
    Column("id", Integer, primary_key=True),
    Column("sample_id", Integer, ForeignKey("samples.id"), nullable=False),
    Column("container_type", String(32)),
    Column("volume_ml", Float),
    Column("preservative", String(32)),
    Column("seal_intact", Boolean, default=True),
    Column("barcode", String(32)),
)

custody_events = Table(
    "custody_events", metadata,
    Column("id", Integer, primary_key=True),
    Column("sample_id", Integer, ForeignKey("samples.id"), nullable=False),
    Column("event_type", String(24), nullable=False),
    Column("from_person", Unicode(120)),
    Column("to_person", Unicode(120)),
    Column("location", Unicode(120)),
    Column("staff_id", Integer, ForeignKey("staff.id")),
    Column("occurred_at", DateTime, nullable=False),
    Column("note", UnicodeText),
    Column("signature_hash", String(64)),
)

disposals = Table(
    "disposals", metadata,
    Column("id", Integer, primary_key=True),
    Column("sample_id", Integer, ForeignKey("samples.id"), nullable=False),
    Column("disposed_at", DateTime, nullable=False),
    Column("method", String(32)),
    Column("authorised_by", Integer, ForeignKey("staff.id")),
    Column("witness_id", Integer, ForeignKey("staff.id")),
    Column("certificate_ref", String(40)),
)


# ---------------------------------------------------------------------------
# Instruments & calibration
# ---------------------------------------------------------------------------

instruments = Table(
    "instruments", metadata,
    Column("id", Integer, primary_key=True),
    Column("asset_tag", String(24), nullable=False, unique=True),
    Column("name", Unicode(120), nullable=False),
    Column("manufacturer", Unicode(80)),
    Column("model", Unicode(80)),
    Column("serial_no", String(64)),
    Column("department", String(40)),
    Column("location", Unicode(80)),
    Column("status", String(20), default="in_service"),
    Column("calibration_interval_days", Integer, default=365),
    Column("purchased_on", Date),
)

calibrations = Table(
    "calibrations", metadata,
    Column("id", Integer, primary_key=True),
    Column("instrument_id", Integer, ForeignKey("instruments.id"), nullable=False),
    Column("performed_at", DateTime, nullable=False),
    Column("performed_by", Integer, ForeignKey("staff.id")),
    Column("cal_type", String(12), default="internal"),
    Column("certificate_no", String(64)),
    Column("passed", Boolean),
    Column("slope", Float),
    Column("intercept", Float),
    Column("r_squared", Float),
    Column("next_due", Date),
    Column("notes", UnicodeText),
)

maintenance_logs = Table(
    "maintenance_logs", metadata,
    Column("id", Integer, primary_key=True),
    Column("instrument_id", Integer, ForeignKey("instruments.id"), nullable=False),
    Column("logged_at", DateTime, nullable=False),
    Column("staff_id", Integer, ForeignKey("staff.id")),
    Column("kind", String(20)),  # preventive|repair|service_visit
    Column("description", UnicodeText),
    Column("downtime_hours", Numeric(6, 1)),
)

reagent_lots = Table(
    "reagent_lots", metadata,
    Column("id", Integer, primary_key=True),
    Column("reagent_name", Unicode(120), nullable=False),
    Column("lot_number", String(40), nullable=False),
    Column("supplier", Unicode(80)),
    Column("instrument_id", Integer, ForeignKey("instruments.id")),
    Column("received_on", Date),
    Column("opened_on", Date),
    Column("expires_on", Date),
    Column("status", String(12), default="in_use"),
)

instrument_methods = Table(
    "instrument_methods", metadata,
    Column("instrument_id", Integer, ForeignKey("instruments.id"), primary_key=True),
    Column("analysis_id", Integer, ForeignKey("analyses.id"), primary_key=True),
    Column("validated_on", Date),
)


# ---------------------------------------------------------------------------
# Results & QC
# ---------------------------------------------------------------------------

analytical_batches = Table(
    "analytical_batches", metadata,
    Column("id", Integer, primary_key=True),
    Column("batch_number", String(24), nullable=False, unique=True),
    Column("analysis_id", Integer, ForeignKey("analyses.id"), nullable=False),
    Column("instrument_id", Integer, ForeignKey("instruments.id")),
    Column("analyst_id", Integer, ForeignKey("staff.id")),
    Column("created_at", DateTime, server_default=func.now()),
    Column("status", String(16), default="open"),
    Column("qc_status", String(16), default="pending"),
    Column("closed_at", DateTime),
)

batch_samples = Table(
    "batch_samples", metadata,
    Column("batch_id", Integer, ForeignKey("analytical_batches.id"), primary_key=True),
    Column("sample_id", Integer, ForeignKey("samples.id"), primary_key=True),
    Column("position", Integer),
)

results = Table(
    "results", metadata,
    Column("id", Integer, primary_key=True),
    Column("sample_id", Integer, ForeignKey("samples.id"), nullable=False),
    Column("order_item_id", Integer, ForeignKey("order_items.id")),
    Column("analysis_id", Integer, ForeignKey("analyses.id"), nullable=False),
    Column("batch_id", Integer, ForeignKey("analytical_batches.id")),
    Column("instrument_id", Integer, ForeignKey("instruments.id")),
    Column("reagent_lot_id", Integer, ForeignKey("reagent_lots.id")),
    Column("analyst_id", Integer, ForeignKey("staff.id")),
    Column("raw_value", String(40)),
    Column("value", Float),
    Column("qualifier", String(2), default=""),
    Column("unit", String(24)),
    Column("uncertainty", Float),
    Column("status", String(12), default="pending"),
    Column("entered_at", DateTime),
    Column("reviewed_by", Integer, ForeignKey("staff.id")),
    Column("reviewed_at", DateTime),
    Column("approved_by", Integer, ForeignKey("staff.id")),
    Column("approved_at", DateTime),
    Column("rerun_of", Integer, ForeignKey("results.id")),
    Column("comment", UnicodeText),
)
Index("ix_results_sample_analysis", results.c.sample_id, results.c.analysis_id)
RESULT_STATUSES = ("pending", "entered", "reviewed", "approved", "rejected", "rerun")

result_flags = Table(
    "result_flags", metadata,
    Column("id", Integer, primary_key=True),
    Column("result_id", Integer, ForeignKey("results.id"), nullable=False),
    Column("flag_code", String(16), nullable=False),
    Column("message", Unicode(250)),
    Column("raised_at", DateTime),
    Column("cleared", Boolean, default=False),
    Column("cleared_by", Integer, ForeignKey("staff.id")),
)

qc_checks = Table(
    "qc_checks", metadata,
    Column("id", Integer, primary_key=True),
    Column("batch_id", Integer, ForeignKey("analytical_batches.id"), nullable=False),
    Column("qc_type", String(16), nullable=False),  # blank|crm|spike|duplicate
    Column("expected", Float),
    Column("measured", Float),
    Column("recovery", Float),
    Column("passed", Boolean),
    Column("rule_violations", String(80)),
    Column("checked_at", DateTime),
)

qc_limits = Table(
    "qc_limits", metadata,
    Column("id", Integer, primary_key=True),
    Column("analysis_id", Integer, ForeignKey("analyses.id"), nullable=False),
    Column("qc_type", String(16), nullable=False),
    Column("mean", Float),
    Column("sd", Float),
    Column("lower_warning", Float),
    Column("upper_warning", Float),
    Column("lower_action", Float),
    Column("upper_action", Float),
    Column("effective_from", Date),
)


# ---------------------------------------------------------------------------
# Certificates / reporting
# ---------------------------------------------------------------------------

report_templates = Table(
    "report_templates", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Unicode(80), nullable=False),
    Column("client_id", Integer, ForeignKey("clients.id")),
    Column("filename", String(120), nullable=False),
    Column("logo_path", String(200)),
    Column("show_uncertainty", Boolean, default=False),
    Column("show_method", Boolean, default=True),
    Column("active", Boolean, default=True),
)

certificates = Table(
    "certificates", metadata,
    Column("id", Integer, primary_key=True),
    Column("certificate_number", String(24), nullable=False, unique=True),
    Column("client_id", Integer, ForeignKey("clients.id"), nullable=False),
    Column("order_id", Integer, ForeignKey("test_orders.id")),
    Column("template_id", Integer, ForeignKey("report_templates.id")),
    Column("issued_at", DateTime),
    Column("issued_by", Integer, ForeignKey("staff.id")),
    Column("signatory_id", Integer, ForeignKey("staff.id")),
    Column("status", String(12), default="draft"),
    Column("version", Integer, default=1),
    Column("supersedes_id", Integer, ForeignKey("certificates.id")),
    Column("pdf_path", String(255)),
)

certificate_items = Table(
    "certificate_items", metadata,
    Column("id", Integer, primary_key=True),
    Column("certificate_id", Integer, ForeignKey("certificates.id"), nullable=False),
    Column("sample_id", Integer, ForeignKey("samples.id")),
    Column("result_id", Integer, ForeignKey("results.id")),
    Column("display_value", String(40)),
    Column("display_unit", String(24)),
    Column("sort_order", Integer, default=0),
)

report_deliveries = Table(
    "report_deliveries", metadata,
    Column("id", Integer, primary_key=True),
    Column("certificate_id", Integer, ForeignKey("certificates.id"), nullable=False),
    Column("contact_id", Integer, ForeignKey("client_contacts.id")),
    Column("channel", String(12), default="email"),
    Column("address", String(250)),
    Column("status", String(12), default="queued"),
    Column("attempts", Integer, default=0),
    Column("sent_at", DateTime),
    Column("last_error", Text),
)

certificate_amendments = Table(
    "certificate_amendments", metadata,
    Column("id", Integer, primary_key=True),
    Column("certificate_id", Integer, ForeignKey("certificates.id"), nullable=False),
    Column("new_certificate_id", Integer, ForeignKey("certificates.id")),
    Column("amended_at", DateTime, nullable=False),
    Column("amended_by", Integer, ForeignKey("staff.id")),
    Column("reason", UnicodeText, nullable=False),
)


# ---------------------------------------------------------------------------
# Invoicing
# ---------------------------------------------------------------------------

price_lists = Table(
    "price_lists", metadata,
    Column("id", Integer, primary_key=True),
    Column("list_code", String(16), nullable=False, default="STD"),
    Column("analysis_id", Integer, ForeignKey("analyses.id")),
    Column("panel_id", Integer, ForeignKey("panels.id")),
    Column("unit_price", Numeric(10, 2), nullable=False),
    Column("currency", String(3), default="GBP"),
    Column("valid_from", Date),
    Column("valid_to", Date),
)

invoices = Table(
    "invoices", metadata,
    Column("id", Integer, primary_key=True),
    Column("invoice_number", String(20), nullable=False, unique=True),
    Column("client_id", Integer, ForeignKey("clients.id"), nullable=False),
    Column("order_id", Integer, ForeignKey("test_orders.id")),
    Column("issued_on", Date),
    Column("due_on", Date),
    Column("status", String(12), default="draft"),
    Column("currency", String(3), default="GBP"),
    Column("net_total", Numeric(12, 2), default=0),
    Column("vat_total", Numeric(12, 2), default=0),
    Column("gross_total", Numeric(12, 2), default=0),
    Column("sent_at", DateTime),
)

invoice_lines = Table(
    "invoice_lines", metadata,
    Column("id", Integer, primary_key=True),
    Column("invoice_id", Integer, ForeignKey("invoices.id"), nullable=False),
    Column("order_item_id", Integer, ForeignKey("order_items.id")),
    Column("description", Unicode(250)),
    Column("quantity", Integer, default=1),
    Column("unit_price", Numeric(10, 2)),
    Column("discount_pct", Numeric(5, 2), default=0),
    Column("vat_rate", Numeric(5, 2), default=20),
    Column("net", Numeric(12, 2)),
)

payments = Table(
    "payments", metadata,
    Column("id", Integer, primary_key=True),
    Column("invoice_id", Integer, ForeignKey("invoices.id"), nullable=False),
    Column("received_on", Date, nullable=False),
    Column("amount", Numeric(12, 2), nullable=False),
    Column("method", String(16)),
    Column("reference", String(64)),
)

credit_notes = Table(
    "credit_notes", metadata,
    Column("id", Integer, primary_key=True),
    Column("credit_number", String(20), nullable=False, unique=True),
    Column("invoice_id", Integer, ForeignKey("invoices.id"), nullable=False),
    Column("issued_on", Date, nullable=False),
    Column("amount", Numeric(12, 2), nullable=False),
    Column("reason", UnicodeText),
    Column("issued_by", Integer, ForeignKey("staff.id")),
)


# ---------------------------------------------------------------------------

def create_all(engine):
    """Used by the test fixtures and by ``initialize_lab_db``."""
    metadata.create_all(engine)


def valid_sample_status(status):
    # lives here because the old status Enum lived here; used by reception
    return status in SAMPLE_STATUSES


def table_by_name(name):
    return metadata.tables[name]
