# view helpers: form parsing + page context builders shared by app.py routes
from bottle import request, template

import dbaccess
import lib
import utils


def render(tpl, **ctx):
    ctx.setdefault("staff", getattr(request, "staff", None))
    ctx.setdefault("fmt_money", utils.format_money)
    ctx.setdefault("fmt_date", utils.format_date)
    ctx.setdefault("flash", request.get_cookie("flash"))
    return template(tpl, **ctx)


def form_value(name, default=None, strip=True):
    v = request.forms.getunicode(name)
    if v is None:
        return default
    return v.strip() if strip else v


def member_form_data():
    return {
        "first_name": form_value("first_name"),
        "last_name": form_value("last_name"),
        "dob": utils.parse_date(form_value("dob")),
        "email": form_value("email"),
        "phone": form_value("phone"),
        "address": form_value("address"),
        "postcode": (form_value("postcode") or "").upper(),
        "category_id": utils.to_int(form_value("category_id")),
        "branch_id": utils.to_int(form_value("branch_id")),
        "notify_by": form_value("notify_by", "email"),
        "guardian_id": utils.to_int(form_value("guardian_id")),
    }


def validate_member(data):
    errors = []
    if not data["first_name"] or not data["last_name"]:
        errors.append("Name is required")
    if data["email"] and "@" not in data["email"]:
        errors.append("Email address looks wrong")
    if not data["category_id"]:
        errors.append("Choose a category")
    return errors


def member_page_context(member_id):
    m = dbaccess.get_member(member_id)
    return {
        "member": m,
        "cards": dbaccess.get_cards(member_id),
        "loans": dbaccess.member_loans(member_id),
        "holds": dbaccess.member_holds(member_id),
        "fines": dbaccess.member_fines(member_id),
        "balance": dbaccess.member_balance(member_id),
        "blocks": dbaccess.get_active_blocks(member_id),
        "notes": dbaccess.get_member_notes(member_id),
    }


def title_form_data():
    return {
        "isbn": utils.normalise_isbn(form_value("isbn")),
        "title": form_value("title"),
        "subtitle": form_value("subtitle"),
        "publisher": form_value("publisher"),
        "pub_year": utils.to_int(form_value("pub_year")),
        "material_type": form_value("material_type", "book"),
        "language": form_value("language", "eng"),
        "dewey": form_value("dewey"),
        "marc": None,
        "suppressed": form_value("suppressed") == "on",
    }


def title_page_context(title_id):
    t = dbaccess.get_title(title_id)
    copies = dbaccess.get_copies_for_title(title_id)
    holds = dbaccess.query_all("SELECT count(*) AS n FROM holds WHERE title_id = %s AND status = 'waiting'",
                               (title_id,)) if hasattr(dbaccess, "query_all") else []
    return {"title": t, "copies": copies, "holds_waiting": holds[0]["n"] if holds else 0}


def checkin_message(result):
    if result["action"] == "hold_shelf":
        return "Put on HOLD SHELF for member %s" % result["hold"]["member_id"]
    if result["action"] == "transit":
        return "Send in TRANSIT"
    return "Return to shelf"


def payment_form_data():
    amount = form_value("amount", "0").replace(u"\u00a3", "")
    return utils.round_money(amount), form_value("method", "cash")


def booking_form_data():
    day = utils.parse_date(form_value("day"))
    start = form_value("start", "09:00")
    end = form_value("end", "10:00")
    import datetime
    s = datetime.datetime.combine(day, datetime.datetime.strptime(start, "%H:%M").time())
    e = datetime.datetime.combine(day, datetime.datetime.strptime(end, "%H:%M").time())
    return s, e


def event_form_data():
    import datetime
    return {
        "title": form_value("title"),
        "description": form_value("description", strip=False),
        "branch_id": utils.to_int(form_value("branch_id")),
        "room_id": utils.to_int(form_value("room_id")),
        "starts_at": datetime.datetime.strptime(form_value("starts_at"), "%Y-%m-%dT%H:%M"),
        "duration": utils.to_int(form_value("duration"), 60),
        "capacity": utils.to_int(form_value("capacity")),
        "age_group": form_value("age_group"),
    }


def order_lines_from_form():
    lines = []
    for i in range(50):
        isbn = form_value("isbn_%d" % i)
        if not isbn:
            continue
        lines.append({"isbn": isbn, "qty": utils.to_int(form_value("qty_%d" % i), 1),
                      "price": utils.round_money(form_value("price_%d" % i, "0")),
                      "branch_id": utils.to_int(form_value("branch_%d" % i))})
    return lines


def dashboard_context(branch_id):
    return {
        "branch": dbaccess.get_branch(branch_id),
        "transfers": dbaccess.pending_transfers(branch_id),
        "events": dbaccess.upcoming_events(branch_id, published_only=False)[:5],
        "overdue_count": len(dbaccess.overdue_loans()),
    }


def old_member_summary(member_id):
    # used by the old printed slip, before member_page_context
    m = dbaccess.get_member(member_id)
    return "%s %s (%s)" % (m["first_name"], m["last_name"], len(dbaccess.member_loans(member_id)))
