"""Polling of external feeds (AODB, fuel supplier)."""
import logging
from datetime import date

import requests
from flask import current_app

from gh.extensions import db
from gh.models.flights import Flight
from gh.models.fuel import FuelPrice
from gh.services import flight_service
from gh.utils.codes import normalize_flight_number
from gh.utils.decorators import retry

log = logging.getLogger(__name__)


@retry(times=3, delay=5)
def _fetch(url):
    r = requests.get(url, timeout=10)
    r.raise_for_status()
    return r.json()


def poll_aodb_feed():
    url = current_app.config.get("AODB_FEED_URL")
    if not url:
        return
    for msg in _fetch(url).get("movements", []):
        f = Flight.query.filter_by(flight_number=normalize_flight_number(msg["flight"])) \
            .filter(Flight.sched_time == msg["sched"]).first()
        if f is None:
            continue
        flight_service.update_flight_times(f.id, msg.get("est"), msg.get("actual"), msg.get("status"))


def sync_fuel_prices():
    url = current_app.config.get("FUEL_PRICE_URL")
    if not url:
        return
    data = _fetch(url)
    for p in data.get("prices", []):
        db.session.add(FuelPrice(product=p["product"], price_per_litre=p["price"], valid_from=date.today()))
    db.session.commit()
