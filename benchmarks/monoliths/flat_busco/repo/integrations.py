"""Talking to the outside world: ETMs, fuel cards, DVSA/DVLA, BODS, Sage, Xero, SMS."""
import csv
import datetime
import json
import logging
import os
import shutil
import xml.etree.ElementTree as ET

import requests

import settings
import db
import sql
import helpers

log = logging.getLogger("busco.integrations")


def http_get(url, params=None, headers=None, timeout=30):
    r = requests.get(url, params=params, headers=headers or {}, timeout=timeout)
    r.raise_for_status()
    return r


def http_post(url, data=None, json_body=None, headers=None, timeout=30):
    r = requests.post(url, data=data, json=json_body, headers=headers or {}, timeout=timeout)
    if r.status_code >= 400:
        log.error("POST %s -> %s %s", url, r.status_code, r.text[:500])
    r.raise_for_status()
    return r


def send_sms(phone, message):
    phone = helpers.clean_phone(phone)
    if not settings.SMS_API_KEY:
        log.info("SMS (not sent, no key) to %s: %s", phone, message)
        return False
    try:
        http_post(settings.SMS_GATEWAY_URL, data={"apikey": settings.SMS_API_KEY, "numbers": phone,
                                                  "sender": "ValeMoor", "message": message[:459]})
        return True
    except Exception:
        log.exception("sms failed")
        return False


# ---------------------------------------------------------------- ETM (ticket machine) files
# Ticketer-style CSV, one file per machine per day:
# type,machine,timestamp,service,trip,staff_no,ticket_code,from,to,pence,method,pax[,card_no,council]

ETM_METHODS = {"C": "cash", "K": "card", "M": "mobile"}


def parse_etm_line(row, ticket_type_ids, route_ids, driver_ids):
    rec = {
        "machine_id": row[1],
        "sold_at": datetime.datetime.strptime(row[2], "%Y%m%d%H%M%S"),
        "route_id": route_ids.get(row[3]),
        "trip_id": int(row[4]) if row[4] else None,
        "driver_id": driver_ids.get(row[5]),
        "ticket_type_id": ticket_type_ids.get(row[6]),
        "from_stage": int(row[7]) if row[7] else None,
        "to_stage": int(row[8]) if row[8] else None,
        "price_pence": int(row[9] or 0),
        "payment_method": ETM_METHODS.get(row[10], "cash"),
        "passengers": int(row[11] or 1),
    }
    if row[0] == "CONC":
        rec["card_no"] = row[12]
        rec["council_code"] = row[13]
        rec["travelled_at"] = rec["sold_at"]
        rec["reimburse_pence"] = None  # calculated by the council claim
    return rec


def import_etm_file(path):
    filename = os.path.basename(path)
    if sql.etm_upload_exists(filename):
        log.warning("%s already imported", filename)
        return 0
    ticket_type_ids = {r["code"]: r["id"] for r in sql.get_ticket_types(active_only=False)}
    route_ids = {r["service_no"]: r["id"] for r in sql.get_routes(active_only=False)}
    driver_ids = {r["staff_no"]: r["id"] for r in db.query_all("SELECT id, staff_no FROM drivers")}
    sales, concs, machine = [], [], None
    try:
        with open(path, newline="") as fh:
            for row in csv.reader(fh):
                if not row or row[0].startswith("#"):
                    continue
                rec = parse_etm_line(row, ticket_type_ids, route_ids, driver_ids)
                machine = rec["machine_id"]
                (concs if row[0] == "CONC" else sales).append(rec)
    except (ValueError, IndexError) as e:
        sql.record_etm_upload(filename, machine, None, 0, "error", str(e))
        return 0
    upload_id = sql.record_etm_upload(filename, machine, None, len(sales) + len(concs))
    sql.insert_ticket_sales(upload_id, sales)
    sql.insert_concession_journeys(upload_id, concs)
    if os.path.isdir(settings.ETM_ARCHIVE_DIR):
        shutil.move(path, os.path.join(settings.ETM_ARCHIVE_DIR, filename))
    return len(sales) + len(concs)


def council_claim_csv(council_code, start, end, out_dir):
    rows = db.query_all("""SELECT cj.card_no, cj.travelled_at, r.service_no, cj.from_stage, cj.to_stage
                             FROM concession_journeys cj LEFT JOIN routes r ON r.id = cj.route_id
                            WHERE cj.council_code = %s AND cj.travelled_at >= %s AND cj.travelled_at < %s + 1
                            ORDER BY cj.travelled_at""", (council_code, start, end))
    path = os.path.join(out_dir, "ENCTS-%s-%s.csv" % (council_code, start.strftime("%Y%m")))
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Operator", "CardNo", "DateTime", "Service", "Board", "Alight"])
        for r in rows:
            w.writerow([settings.NOC_CODE, r["card_no"], r["travelled_at"].isoformat(), r["service_no"],
                        r["from_stage"], r["to_stage"]])
    return path


# ---------------------------------------------------------------- fuel cards

class FuelCardImport(object):
    """Nightly CSV from the fuel card company (Allstar): coaches filling up away from depot."""

    def __init__(self, directory=None):
        self.directory = directory or settings.FUEL_CARD_DIR
        self.imported = 0
        self.unknown = []

    def parse(self, path):
        with open(path, newline="") as fh:
            for row in csv.DictReader(fh):
                yield {"ref": row["TransactionRef"], "reg": row["VehicleReg"], "litres": float(row["Quantity"]),
                       "odometer": int(row["Mileage"] or 0) or None, "site": row.get("SiteName")}

    def run(self):
        for name in sorted(os.listdir(self.directory)):
            if not name.lower().endswith(".csv"):
                continue
            for txn in self.parse(os.path.join(self.directory, name)):
                if sql.fuel_card_txn_seen(txn["ref"]):
                    continue
                v = sql.find_vehicle_by_reg(txn["reg"])
                if not v:
                    self.unknown.append(txn["reg"])
                    continue
                sql.record_fuel_issue(v["id"], txn["litres"], txn["odometer"], None, txn["site"], "card", txn["ref"])
                self.imported += 1
            os.rename(os.path.join(self.directory, name), os.path.join(self.directory, name + ".done"))
        return self.imported


# ---------------------------------------------------------------- DVSA / DVLA

def dvsa_mot_history(registration):
    r = http_get(settings.DVSA_MOT_URL, params={"registration": helpers.normalise_reg(registration)},
                 headers={"x-api-key": settings.DVSA_API_KEY, "Accept": "application/json+v6"})
    return r.json()


def dvsa_sync_mot_due(vehicle_id):
    v = sql.get_vehicle(vehicle_id)
    data = dvsa_mot_history(v["registration"])
    if not data or not data[0].get("motTests"):
        return None
    expiry = datetime.datetime.strptime(data[0]["motTests"][0]["expiryDate"], "%Y.%m.%d").date()
    db.execute("UPDATE inspections SET due_date = %s WHERE vehicle_id = %s AND inspection_type = 'mot' "
               "AND done_date IS NULL", (expiry, vehicle_id))
    return expiry


def dvla_check_licence(driver):
    # goes through the licence checking bureau, they want the last 8 chars of licence no + surname
    r = http_post(settings.DVLA_CHECK_URL + "check", json_body={
        "licenceNumber": driver["licence_no"], "surname": driver["last_name"]})
    data = r.json()
    points = sum(e.get("penaltyPoints", 0) for e in data.get("endorsements", []))
    cats = ",".join(sorted(c["categoryCode"] for c in data.get("entitlement", [])))
    result = "ok" if points < 6 and "D" in cats.split(",") else "refer"
    sql.record_licence_check(driver["id"], points, cats, data.get("checkCode"), result)
    return result


# ---------------------------------------------------------------- BODS / TransXChange open data

def build_transxchange(route_id):
    route = sql.get_route(route_id)
    root = ET.Element("TransXChange", {"xmlns": "http://www.transxchange.org.uk/", "SchemaVersion": "2.4"})
    stops_el = ET.SubElement(root, "StopPoints")
    for s in sql.get_route_stops(route_id):
        ref = ET.SubElement(stops_el, "AnnotatedStopPointRef")
        ET.SubElement(ref, "StopPointRef").text = s["atco_code"]
        ET.SubElement(ref, "CommonName").text = s["name"]
    services = ET.SubElement(root, "Services")
    svc = ET.SubElement(services, "Service")
    ET.SubElement(svc, "ServiceCode").text = "%s_%s" % (settings.NOC_CODE, route["service_no"])
    ET.SubElement(svc, "Lines").text = route["service_no"]
    vjs = ET.SubElement(root, "VehicleJourneys")
    for tt in sql.get_timetables(route_id):
        if tt["status"] != "published":
            continue
        for trip in sql.get_trips(tt["id"]):
            vj = ET.SubElement(vjs, "VehicleJourney")
            ET.SubElement(vj, "VehicleJourneyCode").text = trip["trip_code"] or str(trip["id"])
            ET.SubElement(vj, "DepartureTime").text = trip["departs"].strftime("%H:%M:%S")
            ET.SubElement(vj, "DaysOfWeek").text = tt["day_type"]
    return ET.tostring(root, encoding="unicode")


def bods_publish_route(route_id):
    xml = build_transxchange(route_id)
    r = http_post(settings.BODS_API_URL + "dataset/", data=xml.encode("utf-8"),
                  headers={"Authorization": "Token " + settings.BODS_API_KEY, "Content-Type": "application/xml"})
    return r.json().get("id")


def legacy_export_timetable_ftp(route_id):
    # old Traveline FTP drop, replaced by BODS in 2021. TODO delete
    import ftplib
    xml = build_transxchange(route_id)
    ftp = ftplib.FTP("ftp.traveline.example")
    ftp.login("valemoor", "changeme")
    from io import BytesIO
    ftp.storbinary("STOR route_%s.xml" % route_id, BytesIO(xml.encode("utf-8")))
    ftp.quit()


# ---------------------------------------------------------------- Sage payroll

def sage_rows(claims):
    rows = []
    for c in claims:
        # Sage payment code 31 = non-taxable expenses
        rows.append([c["staff_no"], "31", "%.2f" % (c["total_pence"] / 100.0), c["claim_month"].strftime("%m/%Y")])
    return rows


def sage_export_expenses(period_start, period_end, user_id=None):
    claims = sql.claims_for_payroll(period_end)
    filename = os.path.join(settings.SAGE_EXPORT_DIR, "expenses_%s.csv" % period_end.strftime("%Y%m%d"))
    with open(filename, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Reference", "PaymentCode", "Amount", "Period"])
        w.writerows(sage_rows(claims))
    total = sum(c["total_pence"] for c in claims)
    export_id = sql.record_payroll_export(period_start, period_end, filename, [c["id"] for c in claims], total, user_id)
    helpers.send_email(settings.PAYROLL_EMAIL, "Expenses export %s" % period_end,
                       "%d claims, %s total. File: %s" % (len(claims), helpers.format_money(total), filename))
    return export_id


# ---------------------------------------------------------------- Xero (hire invoices)

def xero_push_invoice(invoice_id):
    inv = db.query_one("""SELECT i.*, c.name, c.xero_contact_id FROM hire_invoices i
                            JOIN hire_customers c ON c.id = i.customer_id WHERE i.id = %s""", (invoice_id,))
    if not settings.XERO_TOKEN:
        log.info("xero disabled, invoice %s not pushed", inv["invoice_no"])
        return None
    body = {"Type": "ACCREC", "InvoiceNumber": inv["invoice_no"], "Contact": {"ContactID": inv["xero_contact_id"]},
            "Date": inv["issued_on"].isoformat(), "DueDate": inv["due_on"].isoformat(),
            "LineItems": [{"Description": "Coach hire", "Quantity": 1, "UnitAmount": inv["net_pence"] / 100.0,
                           "AccountCode": "4010", "TaxType": "OUTPUT2"}]}
    r = http_post("https://api.xero.com/api.xro/2.0/Invoices", json_body=body,
                  headers={"Authorization": "Bearer " + settings.XERO_TOKEN, "Xero-tenant-id": settings.XERO_TENANT})
    xero_id = r.json()["Invoices"][0]["InvoiceID"]
    db.execute("UPDATE hire_invoices SET xero_id = %s WHERE id = %s", (xero_id, invoice_id))
    return xero_id


def xero_sync_payments():
    n = 0
    for inv in sql.unpaid_invoices():
        if not inv["xero_id"]:
            continue
        r = http_get("https://api.xero.com/api.xro/2.0/Invoices/" + inv["xero_id"],
                     headers={"Authorization": "Bearer " + settings.XERO_TOKEN, "Xero-tenant-id": settings.XERO_TENANT})
        x = r.json()["Invoices"][0]
        if x["Status"] == "PAID":
            sql.mark_invoice_paid(inv["id"], datetime.date.today())
            n += 1
    return n
