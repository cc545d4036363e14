"""Hand-rolled serializers (DRF was "too heavy" in 2020)."""
from common.utils import format_money


def serialize_unit(unit):
    return {
        "id": unit.pk,
        "building": unit.building.name,
        "number": unit.number,
        "bedrooms": unit.bedrooms,
        "bathrooms": float(unit.bathrooms),
        "square_feet": unit.square_feet,
        "rent": format_money(unit.market_rent_cents),
        "amenities": [a.code for a in unit.building.amenities.all()],
    }


def serialize_lease(lease):
    return {
        "id": lease.pk,
        "unit": lease.unit_id,
        "start": lease.start_date.isoformat(),
        "end": lease.end_date.isoformat(),
        "rent_cents": lease.monthly_rent_cents,
        "status": lease.status,
    }


def serialize_invoice(invoice):
    return {
        "id": invoice.pk,
        "period": invoice.period_start.strftime("%Y-%m"),
        "due": invoice.due_date.isoformat(),
        "total_cents": invoice.total_cents,
        "balance_cents": invoice.balance_cents,
        "status": invoice.status,
    }


def serialize_work_order(order):
    return {
        "id": order.pk,
        "unit": str(order.unit),
        "priority": order.priority,
        "status": order.status,
        "description": order.description,
        "scheduled_for": order.scheduled_for.isoformat() if order.scheduled_for else None,
    }


def serialize_statement(statement):
    return {
        "period": statement.period_start.strftime("%Y-%m"),
        "gross": statement.gross_rent_cents,
        "fees": statement.management_fee_cents,
        "expenses": statement.expenses_cents,
        "net": statement.net_cents,
    }
