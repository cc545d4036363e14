"""DVLA KADOE keeper enquiries for unpaid PCNs."""
import logging
import xml.etree.ElementTree as ET

import requests
from django.conf import settings
from django.utils import timezone

from legacy.models import KeeperEnquiry
from legacy.utils import old_format_date, xml_escape

log = logging.getLogger("dvla")

REQUEST_TEMPLATE = """<?xml version="1.0"?>
<KeeperEnquiry account="%(account)s">
  <VRM>%(vrm)s</VRM>
  <DateOfEvent>%(date)s</DateOfEvent>
  <Reference>%(ref)s</Reference>
</KeeperEnquiry>"""


class DvlaError(Exception):
    pass


def request_keeper_details(pcn):
    enquiry = KeeperEnquiry.objects.create(penalty_notice=pcn)
    body = REQUEST_TEMPLATE % {"account": settings.DVLA_ACCOUNT, "vrm": xml_escape(pcn.vrm),
                               "date": old_format_date(pcn.issued_at.date()), "ref": pcn.pcn_ref}
    try:
        resp = requests.post(settings.DVLA_ENDPOINT, data=body.encode("utf-8"), timeout=30,
                             headers={"Content-Type": "application/xml"})
        resp.raise_for_status()
    except requests.RequestException as exc:
        enquiry.status = "error"
        enquiry.raw_response = str(exc)
        enquiry.save()
        log.error("DVLA enquiry for %s failed: %s", pcn.pcn_ref, exc)
        return None
    enquiry.raw_response = resp.text
    enquiry.response_at = timezone.now()
    try:
        keeper = parse_keeper_response(resp.text)
    except DvlaError as exc:
        enquiry.status = "no_match"
        enquiry.save()
        log.info("no keeper for %s: %s", pcn.vrm, exc)
        return None
    enquiry.status = "ok"
    enquiry.save()
    pcn.keeper_name = keeper["name"]
    pcn.keeper_address = keeper["address"]
    pcn.save(update_fields=["keeper_name", "keeper_address", "updated_at"])
    return keeper


def parse_keeper_response(text):
    root = ET.fromstring(text)
    if root.findtext("Status") != "MATCH":
        raise DvlaError(root.findtext("Status") or "unknown")
    lines = [root.findtext("Address/Line%d" % i) for i in range(1, 6)]
    return {"name": root.findtext("Keeper/Name"),
            "address": "\n".join(l for l in lines if l) + "\n" + (root.findtext("Address/Postcode") or "")}
