"""HMRC Charities Online (GovTalk) submission client for gift aid claims.

Stuck in utils because the first version was a generic XML poster.
"""
import hashlib
import logging
import time
from xml.etree import ElementTree as ET

import requests
from django.conf import settings

from crm.models import HmrcSubmission

log = logging.getLogger(__name__)
GOVTALK_NS = "http://www.govtalk.gov.uk/CM/envelope"


def build_claim_xml(claim):
    root = ET.Element("GovTalkMessage", xmlns=GOVTALK_NS)
    header = ET.SubElement(root, "Header")
    ET.SubElement(header, "MessageDetails").text = "HMRC-CHAR-CLM"
    sender = ET.SubElement(header, "SenderDetails")
    ET.SubElement(sender, "SenderID").text = settings.HMRC_SENDER_ID
    ET.SubElement(sender, "Value").text = hashlib.md5(settings.HMRC_PASSWORD.encode()).hexdigest()
    body = ET.SubElement(root, "Body")
    repayment = ET.SubElement(body, "Repayment")
    for line in claim.lines.select_related("donation", "donation__supporter"):
        gad = ET.SubElement(repayment, "GAD")
        donor = ET.SubElement(gad, "Donor")
        ET.SubElement(donor, "Fore").text = line.donation.supporter.first_name[:35]
        ET.SubElement(donor, "Sur").text = line.donation.supporter.last_name[:35]
        ET.SubElement(donor, "House").text = line.house_no
        ET.SubElement(donor, "Postcode").text = line.postcode
        ET.SubElement(gad, "Date").text = line.donation.received.isoformat()
        ET.SubElement(gad, "Total").text = "%.2f" % line.amount
    ET.SubElement(repayment, "EarliestGAdate").text = claim.period_start.isoformat()
    return ET.tostring(root, encoding="unicode")


def submit_claim(claim):
    xml = build_claim_xml(claim)
    resp = requests.post(settings.HMRC_ENDPOINT, data=xml.encode("utf-8"),
                         headers={"Content-Type": "text/xml"}, timeout=60)
    resp.raise_for_status()
    doc = ET.fromstring(resp.content)
    correlation = doc.findtext(".//{%s}CorrelationID" % GOVTALK_NS) or ""
    HmrcSubmission.objects.create(claim=claim, correlation_id=correlation,
                                  request_xml=xml, response_xml=resp.text, status="sent")
    return correlation


def poll_submission(submission, max_tries=5):
    for attempt in range(max_tries):
        resp = requests.post(settings.HMRC_ENDPOINT + "/poll",
                             data=submission.correlation_id, timeout=30)
        if "acknowledgement" in resp.text.lower():
            time.sleep(2 ** attempt)
            continue
        submission.response_xml = resp.text
        submission.status = "accepted" if "<SuccessResponse" in resp.text else "error"
        submission.save()
        return submission.status
    return "pending"
