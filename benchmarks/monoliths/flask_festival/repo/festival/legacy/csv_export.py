"""CSV exports the old office manager used. Some still linked from the
admin menu (tickets, crew); traders one is dead."""
import csv
import io

from festival.models import Ticket, TicketOrder, TicketType, Vendor, VendorApplication, Volunteer


def write_csv(header, rows):
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    return out.getvalue()


def export_ticket_holders(year):
    rows = Ticket.query.join(TicketOrder).join(TicketType).filter(
        TicketOrder.status == "paid").all()
    return write_csv(["barcode", "type", "holder", "buyer_email", "status"],
                     [(t.barcode, t.ticket_type.code, t.holder_name, t.order.buyer_email, t.status)
                      for t in rows])


def export_crew_list(year):
    vols = Volunteer.query.filter_by(year=year, status="approved").order_by(Volunteer.last_name).all()
    return write_csv(["name", "email", "phone", "team", "tshirt", "dbs"],
                     [(v.full_name, v.email, v.phone, v.team.name if v.team else "",
                       v.tshirt_size, "Y" if v.dbs_checked else "N") for v in vols])


def export_traders(year):
    apps = VendorApplication.query.filter_by(year=year).join(Vendor).all()
    return write_csv(["vendor", "category", "status", "fee"],
                     [(a.vendor.name, a.vendor.category, a.status, a.fee_quoted_pence) for a in apps])
