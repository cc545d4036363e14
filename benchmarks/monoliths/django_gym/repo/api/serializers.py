"""Hand-rolled because DRF 'was too heavy' in 2018."""
from common.utils import fmt_date, fmt_money


def member_to_dict(m):
    return {"member_no": m.member_no, "first_name": m.first_name, "last_name": m.last_name,
            "email": m.email, "phone": m.phone, "status": m.status,
            "home_club": m.home_club.code if m.home_club else None}


def membership_to_dict(ms):
    if ms is None:
        return None
    return {"plan": ms.plan.name, "club": ms.club.code, "status": ms.status,
            "start": fmt_date(ms.start_date), "end": fmt_date(ms.end_date),
            "monthly": fmt_money(ms.monthly_price()),
            "next_billing": fmt_date(ms.next_billing_date)}


def invoice_to_dict(inv):
    return {"number": inv.number, "issued": fmt_date(inv.issued), "due": fmt_date(inv.due),
            "status": inv.status, "total": str(inv.total), "overdue": inv.is_overdue,
            "lines": [{"description": l.description, "qty": l.qty, "price": str(l.unit_price)}
                      for l in inv.lines.all()]}


def session_to_dict(s, member=None):
    d = {"id": s.id, "type": s.class_type.name, "colour": s.class_type.colour,
         "studio": s.studio.name, "club": s.studio.club.code,
         "starts_at": s.starts_at.isoformat(), "minutes": s.minutes,
         "instructor": s.instructor.display_name if s.instructor else None,
         "spaces": s.spaces(), "cancelled": s.cancelled}
    if member is not None:
        d["booked"] = s.bookings.filter(member=member, status="booked").exists()
    return d


def booking_to_dict(b):
    return {"id": b.id, "status": b.status, "session": session_to_dict(b.session),
            "bike": b.bike_no}


def checkin_to_dict(c):
    return {"club": c.club.code, "at": c.at.isoformat(), "granted": c.granted,
            "reason": c.deny_reason}


def trainer_to_dict(t):
    return {"id": t.id, "name": t.display_name, "bio": t.bio, "club": t.club.code,
            "photo": t.photo.url if t.photo else None,
            "specialities": [c.name for c in t.specialities.all()]}
