"""Channel manager client: push availability/rates (ARI) to OTAs, pull their bookings.

Written against the Booking.com B.XML docs; Expedia goes through the same code
with a different endpoint and a lot of hope.
"""
import json
import logging
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import requests

import settings
from dao import (ChannelDAO, GuestDAO, ReservationDAO, find_duplicate_guests,
                 free_rooms_by_type)
from util import daterange, ota_signature, parse_date, retry

log = logging.getLogger(__name__)


class OtaError(Exception):
    pass


class OtaClient:

    def __init__(self, channel):
        self.channel = channel
        self.session = requests.Session()
        self.session.headers["User-Agent"] = "HarbourlinePMS/3"

    @retry(times=3, delay=2)
    def post(self, path, body):
        headers = {"Content-Type": "application/xml"}
        if self.channel["api_key"]:
            headers["X-Signature"] = ota_signature(self.channel["api_key"], body)
        resp = self.session.post(self.channel["endpoint"] + path, data=body, headers=headers,
                                 auth=(self.channel["username"] or "", self.channel["api_key"] or ""),
                                 timeout=settings.current.OTA_TIMEOUT)
        if resp.status_code >= 400:
            raise OtaError("%s %s" % (resp.status_code, resp.text[:300]))
        return resp.text

    def get_json(self, path):
        resp = self.session.get(self.channel["endpoint"] + path,
                                timeout=settings.current.OTA_TIMEOUT)
        resp.raise_for_status()
        return resp.json()


def build_ari_xml(hotel_code, mappings, start, days, free_by_day, rates):
    root = ET.Element("request", {"hotel": hotel_code})
    for m in mappings:
        room = ET.SubElement(root, "room", {"id": m["external_room"]})
        for d in daterange(start, start + timedelta(days=days)):
            free = free_by_day.get(d, {}).get(m["room_type_id"], 0)
            rate = rates.get((m["room_type_id"], m["rate_plan_id"], d))
            node = ET.SubElement(room, "date", {"value": d.isoformat()})
            ET.SubElement(node, "roomstosell").text = str(max(free, 0))
            if rate is not None:
                ET.SubElement(node, "rate", {"id": m["external_rate"]}).text = str(rate)
            ET.SubElement(node, "closed").text = "1" if free <= 0 else "0"
    return ET.tostring(root, encoding="unicode")


def push_availability(channel, hotel, days=90):
    import db
    if not settings.current.ENABLE_OTA_PUSH:
        return False
    start = date.today()
    free_by_day = {d: free_rooms_by_type(hotel["id"], d)
                   for d in daterange(start, start + timedelta(days=days))}
    rates = {(r["room_type_id"], r["rate_plan_id"], parse_date(r["stay_date"])): r["amount"]
             for r in db.query("SELECT * FROM daily_rates WHERE stay_date >= ?", (start,))}
    body = build_ari_xml(hotel["code"], ChannelDAO.mappings(channel["id"]), start, days,
                         free_by_day, rates)
    try:
        OtaClient(channel).post("/availability", body)
        ChannelDAO.log(channel["id"], "push_ari", True, "%d days" % days)
        return True
    except Exception as exc:
        ChannelDAO.log(channel["id"], "push_ari", False, str(exc))
        log.warning("ARI push to %s failed: %s", channel["code"], exc)
        return False


def pull_bookings(channel):
    try:
        data = OtaClient(channel).get_json("/reservations?since=last")
    except Exception as exc:
        ChannelDAO.log(channel["id"], "pull_bookings", False, str(exc))
        return 0
    stored = 0
    for booking in data.get("reservations", []):
        if ChannelDAO.store_inbound(channel["id"], str(booking["id"]), booking):
            stored += 1
    ChannelDAO.log(channel["id"], "pull_bookings", True, "%d new" % stored)
    return stored


def import_inbound(row, hotel_id):
    """Turn one stored OTA booking into a guest + reservation."""
    payload = json.loads(row["payload"])
    customer = payload["customer"]
    dupes = find_duplicate_guests(customer.get("email"), customer.get("telephone"),
                                  customer.get("last_name"))
    if dupes:
        guest_id = dupes[0]["id"]
    else:
        guest_id = GuestDAO.create({"first_name": customer["first_name"],
                                    "last_name": customer["last_name"],
                                    "email": customer.get("email"),
                                    "phone": customer.get("telephone"),
                                    "country": customer.get("countrycode")})
    mapping = [m for m in ChannelDAO.mappings(row["channel_id"])
               if m["external_room"] == payload["room"]["id"]]
    if not mapping:
        ChannelDAO.mark_inbound(row["id"], error="unmapped room %s" % payload["room"]["id"])
        return None
    try:
        res_id = ReservationDAO.create(hotel_id, guest_id, mapping[0]["room_type_id"],
                                       mapping[0]["rate_plan_id"], payload["arrival_date"],
                                       payload["departure_date"],
                                       adults=payload.get("numberofguests", 1),
                                       source="ota", user="channel")
    except ValueError as exc:
        ChannelDAO.mark_inbound(row["id"], error=str(exc))
        return None
    ChannelDAO.mark_inbound(row["id"], reservation_id=res_id)
    return res_id
