"""Hand-written serializers (DRF was vetoed in 2020 for 'performance reasons')."""
from common.utils import format_money


def performance_to_dict(performance):
    return {
        "id": performance.pk,
        "starts_at": performance.starts_at.isoformat(),
        "doors_open_at": performance.doors_open_at.isoformat() if performance.doors_open_at else None,
        "hall": performance.hall.name,
        "on_sale": performance.is_on_sale(),
    }


def event_to_dict(event, with_performances=False):
    data = {
        "id": event.pk,
        "slug": event.slug,
        "title": event.title,
        "venue": event.venue.name,
        "categories": [c.slug for c in event.categories.all()],
        "age_limit": event.age_limit,
    }
    if with_performances:
        data["performances"] = [performance_to_dict(p) for p in event.performances.filter(is_cancelled=False)]
    return data


def ticket_to_dict(ticket):
    return {"barcode": ticket.barcode, "holder": ticket.holder_name, "status": ticket.status,
            "seat": ticket.line.description}


def order_to_dict(order):
    return {
        "reference": order.reference,
        "status": order.status,
        "total": order.total_pence,
        "total_display": format_money(order.total_pence),
        "tickets": [ticket_to_dict(line.ticket) for line in order.lines.all() if hasattr(line, "ticket")],
    }


def scan_to_dict(result, ticket):
    return {"result": result, "holder": ticket.holder_name if ticket else None,
            "seat": ticket.line.description if ticket else None}
