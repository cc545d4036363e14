# Hand-written serializers from before we adopted marshmallow (schemas/permits.py).


def _iso(value):
    return value.isoformat() if value is not None else None


def contractor_to_dict(c, with_licenses=False):
    d = {"id": c.id, "business_name": c.business_name, "dba": c.dba, "display_name": c.display_name,
         "email": c.email, "phone": c.phone, "status": c.status, "suspended_until": _iso(c.suspended_until)}
    if with_licenses:
        d["licenses"] = [license_to_dict(lic) for lic in c.licenses]
        d["insurance"] = [{"kind": i.kind, "carrier": i.carrier, "expires_on": _iso(i.expires_on)}
                          for i in c.insurance]
    return d


def license_to_dict(lic):
    return {"number": lic.number, "class": lic.license_class, "issued_on": _iso(lic.issued_on),
            "expires_on": _iso(lic.expires_on), "status": lic.status, "current": lic.is_current()}


def fee_to_dict(f):
    return {"id": f.id, "code": f.code, "description": f.description, "amount_cents": f.amount_cents,
            "waived": f.waived, "assessed_at": _iso(f.assessed_at)}


def payment_to_dict(p):
    return {"receipt": p.receipt_number, "amount_cents": p.amount_cents, "method": p.method,
            "received_at": _iso(p.received_at), "voided": p.voided}


def case_to_dict(case, full=False):
    d = {"id": case.id, "number": case.number, "status": case.status, "priority": case.priority,
         "address": case.parcel.address if case.parcel else None, "opened_on": _iso(case.opened_on)}
    if full:
        d["violations"] = [{"id": v.id, "code_section": v.code_section, "status": v.status} for v in case.violations]
        d["notices"] = [{"kind": n.kind, "sent_on": _iso(n.sent_on), "comply_by": _iso(n.comply_by)}
                        for n in case.notices]
        d["citations"] = [{"number": c.number, "fine_cents": c.fine_cents, "status": c.status}
                          for c in case.citations]
    return d


def complaint_to_dict(c):
    return {"id": c.id, "received_at": _iso(c.received_at), "category": c.category, "status": c.status,
            "address": c.address_text, "description": c.description,
            "reporter": None if c.anonymous else c.reporter_name}


def document_to_dict(d):
    latest = d.latest()
    return {"id": d.id, "title": d.title, "category": d.category, "sheet": d.sheet_number,
            "version": d.current_version, "size": latest.size_bytes if latest else None,
            "uploaded_at": _iso(d.uploaded_at)}


def staff_to_dict(s):
    return {"id": s.id, "username": s.username, "name": s.full_name, "roles": (s.roles or "").split(","),
            "district": s.district.code if s.district else None}


def shift_to_dict(s):
    return {"id": s.id, "staff_id": s.staff_id, "name": s.staff.full_name, "date": _iso(s.work_date),
            "kind": s.kind, "district_id": s.district_id}
