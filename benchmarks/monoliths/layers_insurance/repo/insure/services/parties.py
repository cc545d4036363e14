import json
import logging

import requests

from insure.auth import username
from insure.dal.party_repo import PartyRepository
from insure.db import get_session
from insure.errors import BusinessRuleViolation, ValidationError
from insure.models.party import KycCheck, Party, PartyAddress
from insure.util import make_reference, parse_date, utcnow

log = logging.getLogger(__name__)

KYC_URL = "https://kyc.example/api/screen"


def normalise_postcode(pc):
    return (pc or "").replace(" ", "").upper()


def create_party(data, session=None):
    session = session or get_session()
    kind = data.get("kind", "person")
    if kind == "person" and not data.get("last_name"):
        raise ValidationError("last_name required for persons")
    if kind == "company" and not data.get("company_name"):
        raise ValidationError("company_name required for companies")

    repo = PartyRepository(session)
    birth = parse_date(data.get("birth_date"))
    addr = data.get("address") or {}
    if kind == "person" and birth and addr.get("postcode"):
        dupes = repo.find_duplicates(data["last_name"], birth, addr["postcode"])
        if dupes and not data.get("force"):
            raise BusinessRuleViolation("possible duplicate", candidates=[p.reference for p in dupes])

    party = Party(
        reference=make_reference("P", 7),
        kind=kind,
        first_name=data.get("first_name"),
        last_name=data.get("last_name"),
        company_name=data.get("company_name"),
        birth_date=birth,
        national_id=data.get("national_id"),
        email=(data.get("email") or "").strip().lower() or None,
        phone=data.get("phone"),
        iban=data.get("iban"),
        preferred_language=data.get("language", "en"),
        created_by=username(),
    )
    if addr:
        party.addresses.append(PartyAddress(
            line1=addr["line1"], line2=addr.get("line2"),
            postcode=normalise_postcode(addr["postcode"]), city=addr["city"],
            country=addr.get("country", "NL"), is_primary=1))
    session.add(party)
    session.flush()
    log.info("party %s created", party.reference)
    return party


def update_party(party, data):
    for field in ("first_name", "last_name", "company_name", "email", "phone", "iban",
                  "preferred_language"):
        if field in data:
            setattr(party, field, data[field])
    if "birth_date" in data:
        party.birth_date = parse_date(data["birth_date"])
    party.touch(username())
    return party


def change_address(party, addr):
    for a in party.addresses:
        a.is_primary = 0
    new = PartyAddress(line1=addr["line1"], line2=addr.get("line2"),
                       postcode=normalise_postcode(addr["postcode"]), city=addr["city"],
                       country=addr.get("country", "NL"), is_primary=1)
    party.addresses.append(new)
    party.touch(username())
    return new


def run_kyc_check(party, session=None):
    session = session or get_session()
    payload = {"name": party.display_name, "birth_date": str(party.birth_date or ""),
               "country": (party.main_address().country if party.main_address() else None)}
    check = KycCheck(party_id=party.id, provider="screenly", checked_at=utcnow())
    try:
        resp = requests.post(KYC_URL, json=payload, timeout=8)
        body = resp.json()
        check.result = "hit" if body.get("matches") else "clear"
        check.sanctions_hit = 1 if body.get("sanctions") else 0
        check.raw_response = json.dumps(body)[:4000]
    except Exception as exc:  # provider is flaky, don't block the quote
        log.warning("kyc failed for %s: %s", party.reference, exc)
        check.result = "error"
    session.add(check)
    return check


def is_sanctioned(party_id, session=None):
    check = PartyRepository(session).last_kyc(party_id)
    return bool(check and check.sanctions_hit)


def erase_party(party, session=None):
    """GDPR erasure. Refused while the party still has live business."""
    session = session or get_session()
    from insure.dal.policy_dal import PolicyRepository
    from insure.dal.claims import ClaimRepository
    if PolicyRepository(session).for_holder(party.id):
        raise BusinessRuleViolation("party has active policies")
    if [c for c in ClaimRepository(session).query().filter_by(claimant_id=party.id) if c.status != "closed"]:
        raise BusinessRuleViolation("party has open claims")
    party.first_name = party.last_name = "ERASED"
    party.email = party.phone = party.iban = party.national_id = None
    party.birth_date = None
    for a in party.addresses:
        a.line1, a.line2 = "ERASED", None
    party.soft_delete()
    return party
