"""Hand-written serialisers; every blueprint shares them."""
from hrapp.common.formatting import mask_iban, mask_national_id
from hrapp.common.money import format_money


def employee_to_dict(employee, include_sensitive=False):
    data = {
        "id": employee.id,
        "number": employee.employee_number,
        "name": employee.full_name,
        "email": employee.work_email,
        "status": employee.status.value,
        "org_unit": employee.org_unit.code if employee.org_unit else None,
        "position": employee.position.title if employee.position else None,
        "manager_id": employee.manager_id,
        "hire_date": employee.hire_date.isoformat(),
    }
    if include_sensitive:
        data["iban"] = mask_iban(employee.iban)
        data["national_id"] = mask_national_id(employee.national_id)
    return data


def payslip_to_dict(slip):
    return {
        "id": slip.id,
        "period": f"{slip.run.period_start:%Y-%m}",
        "gross": format_money(slip.gross),
        "net": format_money(slip.net),
        "tax": format_money(slip.income_tax),
        "lines": [{"code": l.code, "amount": str(l.amount), "description": l.description} for l in slip.lines],
    }


def claim_to_dict(claim):
    return {
        "id": claim.id,
        "reference": claim.reference,
        "status": claim.status.value,
        "total": str(claim.total),
        "items": [{"category": i.category, "amount": str(i.amount), "spent_on": i.spent_on.isoformat()}
                  for i in claim.items],
    }


def absence_to_dict(absence):
    return {
        "id": absence.id,
        "kind": absence.kind.value,
        "start": absence.start_date.isoformat(),
        "end": absence.end_date.isoformat(),
        "days": float(absence.days or 0),
        "status": absence.status,
    }
