"""Salto KS cloud controller integration. Camden still on Paxton, see legacy/door_sync.py"""
import logging

import requests
from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from access.models import Door, KeyCard
from access.services import log_door_event

log = logging.getLogger(__name__)


class ControllerError(Exception):
    pass


class SaltoClient:
    def __init__(self, base_url=None, api_key=None):
        self.base_url = (base_url or settings.SALTO_API_URL).rstrip("/")
        self.session = requests.Session()
        self.session.headers["Authorization"] = "Bearer %s" % (api_key or settings.SALTO_API_KEY)

    def _call(self, method, path, **kw):
        r = self.session.request(method, self.base_url + path, timeout=10, **kw)
        if r.status_code >= 400:
            raise ControllerError("%s %s -> %s" % (method, path, r.status_code))
        return r.json() if r.content else {}

    def upsert_user(self, card):
        body = {"key_uid": card.uid, "active": card.status == KeyCard.ACTIVE,
                "groups": [card.group.controller_group_id] if card.group_id else [],
                "expires": card.valid_until.isoformat() if card.valid_until else None}
        return self._call("PUT", "/users/%s" % card.uid, json=body)

    def events_since(self, since):
        return self._call("GET", "/events", params={"since": since.isoformat()}).get("events", [])

    def unlock(self, door):
        return self._call("POST", "/locks/%s/unlock" % door.controller_id)


def push_card(card, client=None):
    client = client or SaltoClient()
    try:
        client.upsert_user(card)
    except ControllerError:
        log.exception("could not push card %s", card.uid)
        return False
    KeyCard.objects.filter(pk=card.pk).update(synced_at=timezone.now())
    return True


def sync_cards_to_controller():
    client = SaltoClient()
    ok = 0
    # for card in KeyCard.objects.filter(synced_at__isnull=True).exclude(member__home_location__code="CMD"):
    for card in KeyCard.objects.filter(synced_at__isnull=True):
        ok += push_card(card, client)
    return ok


def pull_door_events(since):
    client = SaltoClient()
    doors = {d.controller_id: d for d in Door.objects.all()}
    n = 0
    for ev in client.events_since(since):
        door = doors.get(ev["lock_id"])
        if door is None:
            continue
        log_door_event(door, ev["key_uid"], ev["result"] == "granted", parse_datetime(ev["ts"]),
                       reason=ev.get("reason", ""), raw=ev)
        n += 1
    return n
