# -*- coding: utf-8 -*-
# Business rules.  (Historically "lib" = library logic, not a library of helpers...)
import datetime
import logging

import config
import db
import dbaccess
import mailer
import utils

log = logging.getLogger("rln.lib")


class CirculationError(Exception):
    pass


class MemberBlocked(CirculationError):
    pass


# ---------------------------------------------------------------- members

def generate_card_barcode():
    n = str(dbaccess.next_card_number())
    return "L" + n + utils.luhn_check_digit(n)


def register_member(data, staff_id):
    cat = dbaccess.get_category(data["category_id"])
    data.setdefault("guardian_id", None)
    data["expires_on"] = utils.add_days(utils.today(), 365 * 3)
    if data.get("dob") and member_age(data["dob"]) < 16 and not data.get("guardian_id"):
        raise ValueError("Junior members need a guardian")
    member_id = dbaccess.insert_member(data)
    barcode = generate_card_barcode()
    dbaccess.insert_card(member_id, barcode, staff_id)
    if cat and cat["membership_fee"]:
        charge_fee(member_id, "MEMBERSHIP", amount=cat["membership_fee"], branch_id=data.get("branch_id"))
    dbaccess.write_audit(staff_id, "member_register", "member", member_id)
    db.commit()
    send_welcome_mail(member_id, barcode)
    return member_id, barcode


def member_age(dob):
    t = utils.today()
    return t.year - dob.year - ((t.month, t.day) < (dob.month, dob.day))


def send_welcome_mail(member_id, barcode):
    m = dbaccess.get_member(member_id)
    body = mailer.render_mail("welcome", member=m, barcode=barcode)
    mailer.send_mail(m["email"], "Welcome to your library", body)


def replace_card(member_id, staff_id, lost=True):
    barcode = generate_card_barcode()
    dbaccess.insert_card(member_id, barcode, staff_id)
    if lost:
        charge_fee(member_id, "CARD_REPLACE")
    db.commit()
    return barcode


def renew_membership(member_id, staff_id):
    db.execute("UPDATE members SET expires_on = greatest(expires_on, current_date) + interval '3 years', "
               "status = 'active' WHERE id = %s", (member_id,))
    dbaccess.lift_blocks(member_id, "EXPIRED")
    dbaccess.write_audit(staff_id, "member_renew", "member", member_id)
    db.commit()


def member_can_borrow(member):
    """returns (ok, reason)"""
    if member["status"] != "active":
        return False, "Membership is %s" % member["status"]
    if member.get("card_status") and member["card_status"] != "active":
        return False, "Card is not active"
    if member["expires_on"] and member["expires_on"] < utils.today():
        return False, "Membership expired"
    if dbaccess.get_active_blocks(member["id"]):
        return False, "Member has blocks"
    limit = utils.to_int(dbaccess.get_setting("fines_block_limit"), 10)
    if not member.get("fines_exempt") and dbaccess.member_balance(member["id"]) >= limit:
        return False, "Fines over limit"
    return True, None


# ---------------------------------------------------------------- circulation

def calc_due_date(member, copy, branch_id, start=None):
    rule = dbaccess.get_loan_rule(member["category_id"], copy["loan_type"])
    days = rule["loan_days"] if rule else config.DEFAULT_LOAN_DAYS
    due = utils.add_days(start or utils.today(), days)
    closed = dbaccess.get_closed_days(branch_id, due, utils.add_days(due, 14))
    while due in closed or due.weekday() == 6:
        due = utils.add_days(due, 1)
    return due


def checkout(card_barcode, copy_barcode, branch_id, staff_id):
    member = dbaccess.find_member_by_card(card_barcode)
    if not member:
        raise CirculationError("Unknown card")
    member = dict(dbaccess.get_member(member["id"]), card_status=member["card_status"])
    ok, why = member_can_borrow(member)
    if not ok:
        raise MemberBlocked(why)
    copy = dbaccess.get_copy_by_barcode(copy_barcode)
    if not copy:
        raise CirculationError("Unknown item")
    if copy["status"] not in ("available", "on_hold_shelf"):
        raise CirculationError("Item status is %s" % copy["status"])
    if copy["status"] == "on_hold_shelf":
        hold = db.query_one("SELECT * FROM holds WHERE copy_id = %s AND status = 'ready'", (copy["id"],))
        if hold and hold["member_id"] != member["id"]:
            raise CirculationError("Item is on hold for another member")
        if hold:
            dbaccess.set_hold_status(hold["id"], "fulfilled")
    if dbaccess.count_open_loans(member["id"]) >= (member["max_loans"] or 10):
        raise CirculationError("Loan limit reached")
    due = calc_due_date(member, copy, branch_id)
    loan_id = dbaccess.insert_loan(copy["id"], member["id"], branch_id, due, staff_id)
    dbaccess.set_copy_status(copy["id"], "on_loan", staff_id)
    if copy["loan_type"] == "dvd":
        charge_fee(member["id"], "DVD_HIRE", loan_id=loan_id, branch_id=branch_id)
    db.commit()
    return loan_id, due


def checkin(copy_barcode, branch_id, staff_id):
    """Returns dict with what the desk should do with the item (shelve / hold shelf / transit)."""
    copy = dbaccess.get_copy_by_barcode(copy_barcode)
    if not copy:
        raise CirculationError("Unknown item")
    result = {"copy": copy, "action": "shelve"}
    loan = dbaccess.get_open_loan_for_copy(copy["id"])
    if loan:
        dbaccess.close_loan(loan["id"], branch_id)
        if loan["due_date"] < utils.today():
            assess_overdue_fine(loan["id"], final=True)
        result["loan"] = loan
    dbaccess.set_copy_location(copy["id"], branch_id)
    transfer = dbaccess.get_transfer_for_copy(copy["id"])
    if transfer and transfer["to_branch_id"] == branch_id:
        receive_transfer(transfer, staff_id)
    hold = dbaccess.next_waiting_hold(copy["title_id"])
    if hold:
        result.update(route_copy_for_hold(copy, hold, branch_id, staff_id))
    elif copy["branch_id"] != branch_id:
        request_transfer(copy["id"], branch_id, copy["branch_id"], reason="return_home")
        dbaccess.set_copy_status(copy["id"], "in_transit", staff_id)
        result["action"] = "transit"
    else:
        dbaccess.set_copy_status(copy["id"], "available", staff_id)
    db.commit()
    return result


def renew_loan(loan_id, channel="desk"):
    loan = dbaccess.get_loan(loan_id)
    if loan is None or loan["returned_at"]:
        raise CirculationError("Loan not open")
    rule = dbaccess.get_loan_rule(loan["category_id"], loan["loan_type"])
    if rule and loan["renewals"] >= rule["max_renewals"]:
        raise CirculationError("No renewals left")
    copy = dbaccess.get_copy(loan["copy_id"])
    if dbaccess.next_waiting_hold(copy["title_id"]):
        raise CirculationError("Item is reserved by another member")
    member = dbaccess.get_member(loan["member_id"])
    ok, why = member_can_borrow(member)
    if not ok:
        raise MemberBlocked(why)
    if loan["due_date"] < utils.today():
        assess_overdue_fine(loan_id, final=True)
    new_due = calc_due_date(member, copy, loan["branch_id"])
    dbaccess.record_renewal(loan_id, loan["due_date"], new_due, channel)
    db.commit()
    return new_due


def place_hold(title_id, member_id, pickup_branch_id):
    member = dbaccess.get_member(member_id)
    ok, why = member_can_borrow(member)
    if not ok:
        raise MemberBlocked(why)
    if len(dbaccess.member_holds(member_id)) >= (member["max_holds"] or 5):
        raise CirculationError("Hold limit reached")
    hold_id = dbaccess.insert_hold(title_id, member_id, pickup_branch_id)
    # if a copy is sitting on a shelf somewhere, trap it now
    copies = dbaccess.available_copies(title_id, pickup_branch_id) or dbaccess.available_copies(title_id)
    if copies:
        hold = dbaccess.get_hold(hold_id)
        route_copy_for_hold(copies[0], hold, copies[0]["current_branch_id"], None)
    charge_fee(member_id, "HOLD_FEE", branch_id=pickup_branch_id)
    db.commit()
    return hold_id


def route_copy_for_hold(copy, hold, branch_id, staff_id):
    if hold["pickup_branch_id"] == branch_id:
        dbaccess.set_hold_status(hold["id"], "ready", copy["id"])
        dbaccess.set_copy_status(copy["id"], "on_hold_shelf", staff_id)
        notify_hold_ready(hold["id"])
        return {"action": "hold_shelf", "hold": hold}
    request_transfer(copy["id"], branch_id, hold["pickup_branch_id"], hold_id=hold["id"])
    dbaccess.set_hold_status(hold["id"], "in_transit", copy["id"])
    dbaccess.set_copy_status(copy["id"], "in_transit", staff_id)
    return {"action": "transit", "hold": hold}


def cancel_hold(hold_id, staff_id=None):
    hold = dbaccess.get_hold(hold_id)
    dbaccess.set_hold_status(hold_id, "cancelled")
    if hold["copy_id"] and hold["status"] == "ready":
        dbaccess.set_copy_status(hold["copy_id"], "available", staff_id)
    db.commit()


def notify_hold_ready(hold_id):
    hold = dbaccess.get_hold(hold_id)
    member = dbaccess.get_member(hold["member_id"])
    title = dbaccess.get_title(hold["title_id"])
    branch = dbaccess.get_branch(hold["pickup_branch_id"])
    if member["notify_by"] == "sms":
        mailer.send_sms(member["phone"], "Your reservation %s is ready at %s" % (title["title"][:40], branch["name"]))
    else:
        mailer.send_mail(member["email"], "Your reservation is ready",
                         mailer.render_mail("hold_ready", member=member, title=title, branch=branch))
    dbaccess.record_notice(member["id"], "hold_ready", member["notify_by"], hold_id=hold_id)


def mark_lost(loan_id, staff_id):
    loan = dbaccess.get_loan(loan_id)
    copy = dbaccess.get_copy(loan["copy_id"])
    dbaccess.close_loan(loan_id, loan["branch_id"])
    dbaccess.set_copy_status(copy["id"], "lost", staff_id)
    charge_fee(loan["member_id"], "LOST_ITEM", amount=copy["price"] or dbaccess.get_fee("LOST_ITEM"), loan_id=loan_id)
    db.commit()


# ---------------------------------------------------------------- fines

def charge_fee(member_id, fee_code, amount=None, loan_id=None, branch_id=None):
    member = dbaccess.get_member(member_id)
    if member and member.get("fines_exempt") and fee_code in ("OVERDUE", "HOLD_FEE"):
        return None
    if amount is None:
        amount = dbaccess.get_fee(fee_code)
    if not amount:
        return None
    return dbaccess.insert_fine(member_id, utils.round_money(amount), fee_code, loan_id, branch_id)


def overdue_amount(loan, as_of=None):
    as_of = as_of or utils.today()
    rule = dbaccess.get_loan_rule(loan["category_id"], loan["loan_type"])
    if not rule:
        return utils.round_money(0)
    days = (as_of - loan["due_date"]).days
    if days <= 0:
        return utils.round_money(0)
    return utils.round_money(min(days * rule["daily_fine"], rule["max_fine"]))


def assess_overdue_fine(loan_id, final=False):
    loan = dbaccess.get_loan(loan_id)
    amount = overdue_amount(loan)
    if not amount:
        return None
    existing = dbaccess.get_fine_for_loan(loan_id)
    if existing:
        dbaccess.update_fine_amount(existing["id"], amount)
        return existing["id"]
    return charge_fee(loan["member_id"], "OVERDUE", amount=amount, loan_id=loan_id, branch_id=loan["branch_id"])


def take_payment(member_id, amount, method, branch_id, staff_id, gateway_ref=None):
    amount = utils.round_money(amount)
    payment_id = dbaccess.insert_payment(member_id, amount, method, branch_id, staff_id, gateway_ref)
    remaining = amount
    for fine in dbaccess.member_fines(member_id):
        if remaining <= 0:
            break
        part = min(remaining, fine["balance"])
        dbaccess.allocate_payment(payment_id, fine["id"], part)
        remaining -= part
    if dbaccess.member_balance(member_id) <= 0:
        dbaccess.lift_blocks(member_id, "FINES")
    dbaccess.write_audit(staff_id, "payment", "member", member_id, str(amount))
    db.commit()
    return payment_id


def waive_fine(fine_id, amount, reason, staff):
    if staff["role"] not in ("senior", "manager", "admin") and amount > 5:
        raise PermissionError("Waivers over 5.00 need a senior")
    dbaccess.insert_waiver(fine_id, utils.round_money(amount), reason, staff["id"])
    dbaccess.write_audit(staff["id"], "waive", "fine", fine_id, reason)
    db.commit()


def legacy_calc_fine(days_late):
    # old flat-rate calculation from before loan_rules (2018). Still used by sip2 fallback.
    return utils.round_money(min(days_late * 0.20, 6.00))


# ---------------------------------------------------------------- transfers

def request_transfer(copy_id, from_branch, to_branch, hold_id=None, reason="hold"):
    existing = dbaccess.get_transfer_for_copy(copy_id)
    if existing:
        return existing["id"]
    return dbaccess.insert_transfer(copy_id, from_branch, to_branch, hold_id, reason)


def dispatch_transfers(from_branch, staff_id):
    wd = utils.today().weekday()
    routes = {r["to_branch_id"]: r for r in dbaccess.routes_for_day(wd) if r["from_branch_id"] == from_branch}
    batches = {}
    for tr in dbaccess.pending_transfers(from_branch):
        route = routes.get(tr["to_branch_id"])
        if not route:
            continue
        if tr["to_branch_id"] not in batches:
            label = "%s-%s-%s" % (from_branch, tr["to_branch_id"], utils.today().strftime("%y%m%d"))
            batches[tr["to_branch_id"]] = dbaccess.create_batch(from_branch, tr["to_branch_id"], route["id"], label)
        dbaccess.add_to_batch(tr["id"], batches[tr["to_branch_id"]])
    dbaccess.write_audit(staff_id, "dispatch", "branch", from_branch, "%d crates" % len(batches))
    db.commit()
    return batches


def receive_transfer(transfer, staff_id):
    dbaccess.complete_transfer(transfer["id"])
    dbaccess.set_copy_location(transfer["copy_id"], transfer["to_branch_id"])
    if transfer["batch_id"]:
        dbaccess.receive_batch(transfer["batch_id"])


# ---------------------------------------------------------------- rooms & events

def booking_charge(room, starts_at, ends_at, member_id=None):
    hours = (ends_at - starts_at).total_seconds() / 3600.0
    charge = utils.round_money(room["hourly_rate"] * hours)
    if member_id:
        m = dbaccess.get_member(member_id)
        if m and m["category_code"] in ("CONC", "JUN"):
            charge = utils.round_money(charge / 2)
    return charge


def book_room(room_id, starts_at, ends_at, staff_id, member_id=None, organisation=None):
    room = db.query_one("SELECT * FROM rooms WHERE id = %s", (room_id,))
    if dbaccess.room_clash(room_id, starts_at, ends_at):
        raise ValueError("Room already booked")
    charge = booking_charge(room, starts_at, ends_at, member_id)
    booking_id = dbaccess.insert_booking(room_id, member_id, organisation, starts_at, ends_at, charge, staff_id)
    db.commit()
    return booking_id


def confirm_booking(booking_id, staff_id):
    b = dbaccess.get_booking(booking_id)
    fine_id = None
    if b["charge"] and b["member_id"]:
        # room hire goes on the member account like any other fee
        fine_id = charge_fee(b["member_id"], "ROOM_HIRE", amount=b["charge"], branch_id=b["branch_id"])
    dbaccess.set_booking_status(booking_id, "confirmed", fine_id)
    db.commit()


def create_event(data, staff_id):
    if data.get("room_id"):
        ends = data["starts_at"] + datetime.timedelta(minutes=int(data.get("duration", 60)))
        data["booking_id"] = book_room(data["room_id"], data["starts_at"], ends, staff_id,
                                       organisation="Library event")
        confirm_booking(data["booking_id"], staff_id)
    else:
        data["booking_id"] = None
    event_id = dbaccess.insert_event(data)
    db.commit()
    return event_id


def register_for_event(event_id, member_id=None, guest_name=None):
    ev = dbaccess.get_event(event_id)
    waitlisted = ev["capacity"] is not None and ev["booked"] >= ev["capacity"]
    dbaccess.insert_registration(event_id, member_id, guest_name, waitlisted)
    db.commit()
    if member_id and not waitlisted:
        m = dbaccess.get_member(member_id)
        mailer.send_mail(m["email"], "You're booked: %s" % ev["title"],
                         mailer.render_mail("event_confirm", member=m, event=ev))
    return waitlisted


# ---------------------------------------------------------------- acquisitions

def create_order(supplier_id, fund_code, lines, staff_id, branch_id=None):
    year = fiscal_year()
    budget = dbaccess.get_budget(fund_code, year, branch_id)
    if not budget:
        raise ValueError("No budget for %s/%s" % (fund_code, year))
    supplier = dbaccess.get_supplier(supplier_id)
    total = 0
    po_id = dbaccess.insert_po(supplier_id, budget["id"], staff_id)
    for ln in lines:
        isbn = utils.normalise_isbn(ln["isbn"])
        title = dbaccess.find_title_by_isbn(isbn) if isbn else None
        price = utils.round_money(ln["price"] * (100 - supplier["discount_pct"]) / 100)
        dbaccess.insert_po_line(po_id, isbn, title and title["id"], ln["qty"], price, ln.get("branch_id", branch_id))
        total += price * ln["qty"]
    if budget["allocated"] - budget["committed"] - budget["spent"] < total:
        db.rollback()
        raise ValueError("Insufficient funds in %s" % fund_code)
    dbaccess.commit_budget(budget["id"], total)
    db.commit()
    return po_id


def fiscal_year(d=None):
    d = d or utils.today()
    return d.year if d.month >= 4 else d.year - 1


def receive_order_line(po_id, line_id, qty, staff_id):
    """Receiving creates the catalogue record (brief) if needed and the copies."""
    po = dbaccess.get_po(po_id)
    line = [l for l in po["lines"] if l["id"] == line_id][0]
    title_id = line["title_id"]
    if not title_id:
        title_id = dbaccess.insert_title({"isbn": line["isbn"], "title": "[On order] " + (line["isbn"] or "?"),
                                          "subtitle": None, "publisher": None, "pub_year": None,
                                          "material_type": "book", "language": "eng", "dewey": None, "marc": None})
    barcodes = []
    for _ in range(qty):
        bc = next_item_barcode()
        dbaccess.insert_copy(title_id, bc, line["branch_id"], price=line["unit_price"])
        barcodes.append(bc)
    dbaccess.receive_po_line(line_id, qty)
    dbaccess.spend_budget(po["budget_id"], line["unit_price"] * qty)
    db.commit()
    # new stock may fill waiting holds
    hold = dbaccess.next_waiting_hold(title_id)
    if hold:
        log.info("new stock for title %s has holds waiting", title_id)
    return barcodes


def next_item_barcode():
    row = db.query_one("SELECT nextval('item_barcode_seq') AS n")
    n = "3%010d" % row["n"]
    return n + utils.luhn_check_digit(n)
