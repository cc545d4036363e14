"""Bins, containers and their movements."""
import datetime as dt
import logging

from wastecorp.extensions import db
from wastecorp.models.containers import (Container, ContainerType,
                                         ContainerAssignment, ContainerMovement,
                                         RfidTag)
from wastecorp.repositories.container_repo import (ContainerRepository,
                                                   ContainerTypeRepository,
                                                   containers_due_for_replacement)
from wastecorp.utils.dates import today, add_working_days
from wastecorp.utils.misc import postcode_to_depot, send_email

log = logging.getLogger(__name__)

repo = ContainerRepository()
types = ContainerTypeRepository()

DELIVERY_LEAD_DAYS = 3


class ContainerError(Exception):
    pass


def request_delivery(service_address_id, container_type_id, contract_service_id=None,
                     wanted_on=None, notes=None):
    """Raise a delivery movement.  The actual container is picked when the
    driver scans one at the depot (see complete_movement)."""
    wanted_on = wanted_on or add_working_days(today(), DELIVERY_LEAD_DAYS)
    placeholder = _pick_stock_container(container_type_id, service_address_id)
    mv = ContainerMovement(container_id=placeholder.id, movement_type="DELIVER",
                           from_location=placeholder.depot,
                           to_location="ADDR:%s" % service_address_id,
                           requested_on=wanted_on, notes=notes)
    placeholder.status = "ALLOCATED"
    db.session.add(mv)
    if contract_service_id:
        db.session.add(ContainerAssignment(container_id=placeholder.id,
                                           service_address_id=service_address_id,
                                           contract_service_id=contract_service_id,
                                           assigned_on=wanted_on))
    return mv


def _pick_stock_container(container_type_id, service_address_id):
    from wastecorp.models.customer import ServiceAddress
    addr = db.session.query(ServiceAddress).get(service_address_id)
    depot = postcode_to_depot(addr.postcode) if addr else None
    q = repo.in_stock(depot or "NORTH", container_type_id)
    cont = q.order_by(Container.purchased_on.desc()).first()
    if cont is None:
        raise ContainerError("no stock of type %s at %s" % (container_type_id, depot))
    return cont


def complete_movement(movement_id, vehicle_id=None, scanned_serial=None):
    mv = db.session.query(ContainerMovement).get(movement_id)
    if mv is None or mv.completed_at:
        raise ContainerError("movement %s not open" % movement_id)
    cont = db.session.query(Container).get(mv.container_id)
    if scanned_serial and scanned_serial != cont.serial_no:
        # driver took a different bin off the stack; swap the allocation
        other = repo.by_serial(scanned_serial)
        if other is None:
            raise ContainerError("unknown serial %s" % scanned_serial)
        cont.status = "STOCK"
        mv.container_id = other.id
        cont = other
    mv.completed_at = dt.datetime.utcnow()
    mv.vehicle_id = vehicle_id
    if mv.movement_type == "DELIVER":
        cont.status = "DEPLOYED"
        cont.service_address_id = int(mv.to_location.split(":")[1])
    elif mv.movement_type == "REMOVE":
        cont.status = "STOCK" if cont.condition != "POOR" else "DAMAGED"
        cont.service_address_id = None
        cont.depot = mv.to_location
        assignment = repo.open_assignment(cont.id)
        if assignment:
            assignment.removed_on = today()
    db.session.commit()
    return mv


def schedule_container_removal(container_id, wanted_on=None, reason=None):
    cont = repo.get_or_404(container_id)
    mv = ContainerMovement(container_id=cont.id, movement_type="REMOVE",
                           from_location="ADDR:%s" % cont.service_address_id,
                           to_location=cont.depot,
                           requested_on=wanted_on or add_working_days(today(), 5),
                           notes=reason)
    db.session.add(mv)
    return mv


def schedule_removals_for_service(contract_service_id):
    rows = (db.session.query(ContainerAssignment)
            .filter(ContainerAssignment.contract_service_id == contract_service_id)
            .filter(ContainerAssignment.removed_on == None)  # noqa: E711
            .all())
    return [schedule_container_removal(a.container_id, reason="contract ended")
            for a in rows]


def swap_container(container_id, new_type_code, wanted_on=None):
    old = repo.get_or_404(container_id)
    new_type = types.by_code(new_type_code)
    if new_type is None:
        raise ContainerError("unknown container type %s" % new_type_code)
    schedule_container_removal(old.id, wanted_on, reason="swap to %s" % new_type_code)
    assignment = repo.open_assignment(old.id)
    return request_delivery(old.service_address_id, new_type.id,
                            contract_service_id=assignment and assignment.contract_service_id,
                            wanted_on=wanted_on, notes="swap for %s" % old.serial_no)


def register_rfid_tag(container_id, tag_uid):
    cont = repo.get_or_404(container_id)
    existing = db.session.query(RfidTag).filter(RfidTag.tag_uid == tag_uid).first()
    if existing and existing.container_id not in (None, cont.id):
        raise ContainerError("tag %s already fitted to %s" % (tag_uid, existing.container_id))
    if cont.tag and cont.tag.tag_uid != tag_uid:
        cont.tag.active = False
    tag = existing or RfidTag(tag_uid=tag_uid)
    tag.container_id = cont.id
    tag.fitted_on = today()
    tag.active = True
    db.session.add(tag)
    db.session.commit()
    return tag


def lookup_by_rfid(tag_uid):
    return repo.by_tag(tag_uid)


def containers_at_address(service_address_id):
    return repo.at_address(service_address_id)


def mark_container_damaged(container_id, notes=None, replace=True):
    cont = repo.get_or_404(container_id)
    cont.condition = "POOR"
    if replace and cont.status == "DEPLOYED":
        request_delivery(cont.service_address_id, cont.container_type_id,
                         notes="replacement for damaged %s" % cont.serial_no)
        schedule_container_removal(cont.id, reason=notes or "damaged")
    db.session.commit()
    return cont


def touch_last_lifted(container_id, when):
    """Called from the lift feed.  Cheap UPDATE, no ORM load."""
    db.session.execute(db.text(
        "UPDATE containers SET last_lifted_at = :w WHERE id = :id"),
        {"w": when, "id": container_id})


def container_stock_levels(depot):
    out = []
    for code, count in types.stock_counts(depot):
        ctype = types.by_code(code)
        out.append({"type": code, "in_stock": count,
                    "reorder_level": ctype.reorder_level,
                    "reorder": count < (ctype.reorder_level or 0)})
    return out


def stock_alert(depot, to="stores@wastecorp.example"):
    low = [r for r in container_stock_levels(depot) if r["reorder"]]
    if not low:
        return False
    body = "\n".join("%(type)s: %(in_stock)s in stock (reorder at %(reorder_level)s)" % r
                     for r in low)
    return send_email(to, "Low container stock at %s" % depot, body)


def replacement_candidates(max_age_years=8):
    return containers_due_for_replacement(db.session, max_age_years)


def create_container_type(code, capacity_litres, lift_type="REL", **kwargs):
    if types.by_code(code):
        raise ContainerError("type %s exists" % code)
    ct = ContainerType(code=code, capacity_litres=capacity_litres, lift_type=lift_type,
                       description=kwargs.get("description"),
                       max_weight_kg=kwargs.get("max_weight_kg"),
                       unit_cost=kwargs.get("unit_cost"))
    db.session.add(ct)
    db.session.commit()
    return ct
