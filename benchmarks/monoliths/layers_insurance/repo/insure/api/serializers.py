from insure.util import fmt_money, mask_iban


def money(value):
    return None if value is None else str(value)


def party_to_dict(p, full=False):
    d = {"id": p.id, "reference": p.reference, "kind": p.kind, "name": p.display_name, "email": p.email}
    if full:
        addr = p.main_address()
        d.update(birth_date=p.birth_date and p.birth_date.isoformat(), phone=p.phone,
                 iban=mask_iban(p.iban), address=addr.one_line() if addr else None)
    return d


def quote_to_dict(q):
    return {"reference": q.reference, "state": q.state, "product": q.product.code,
            "start_date": q.start_date and q.start_date.isoformat(), "sum_insured": money(q.sum_insured),
            "net": money(q.net_premium), "tax": money(q.tax), "gross": money(q.gross_premium),
            "valid_until": q.valid_until and q.valid_until.isoformat(),
            "items": [{"code": i.coverage_code, "premium": money(i.premium)} for i in q.items],
            "referrals": [{"id": r.id, "rule": r.rule_code, "status": r.status} for r in q.referrals]}


def policy_to_dict(p):
    return {"number": p.number, "status": p.status.value, "holder": p.holder.reference,
            "product": p.product.code, "start": p.start_date.isoformat(), "end": p.end_date.isoformat(),
            "premium": money(p.annual_premium), "premium_display": fmt_money(p.annual_premium),
            "frequency": p.payment_frequency,
            "coverages": [{"code": c.coverage_code, "limit": money(c.limit_amount),
                           "deductible": money(c.deductible)} for c in p.coverages if not c.removed]}


def invoice_to_dict(inv):
    return {"number": inv.number, "status": inv.status, "total": money(inv.total),
            "outstanding": money(inv.outstanding), "due": inv.due_date.isoformat(), "kind": inv.kind}


def claim_to_dict(c):
    return {"number": c.number, "status": c.status, "policy_id": c.policy_id, "loss_date": c.loss_date.isoformat(),
            "coverage": c.coverage_code, "reserve": money(c.current_reserve()), "paid": money(c.paid_total()),
            "handler": c.handler}
