"""Pulls daily production from the inverter vendors' clouds every 30 minutes."""
import logging
import time
from datetime import date, datetime, timedelta
from typing import Dict, Iterable, List, Optional

import requests

from solarco.core.config import settings
from solarco.core.database import session_scope
from solarco.core.utils import chunked, parse_date, retry
from solarco.repositories.monitoring_repo import MonitoredSystemRepository
from solarco.services.monitoring_service import MonitoringService

log = logging.getLogger("solarco.poller")

SUPPORTED_VENDORS = ("enphase", "solaredge", "sma")
BATCH_SIZE = 25


class InverterCloudClient:
    """Talks to the aggregator (one API for all vendors since 2021)."""

    def __init__(self, base_url: Optional[str] = None, api_key: Optional[str] = None):
        self.base_url = (base_url or settings.inverter_api_url).rstrip("/")
        self.api_key = api_key or settings.inverter_api_key
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {self.api_key}"

    @retry(times=3, delay=2.0, exceptions=(requests.RequestException,))
    def daily_energy(self, vendor: str, serials: List[str], start: date, end: date) -> Dict[str, List[dict]]:
        resp = self.session.get(f"{self.base_url}/{vendor}/energy/daily",
                                params={"serials": ",".join(serials), "start": start.isoformat(),
                                        "end": end.isoformat()}, timeout=60)
        if resp.status_code == 429:
            time.sleep(int(resp.headers.get("Retry-After", "10")))
            resp.raise_for_status()
        resp.raise_for_status()
        return resp.json().get("systems", {})


def normalize_payload(raw: Iterable[dict]) -> List[dict]:
    out = []
    for r in raw:
        d = parse_date(r.get("date") or r.get("day"))
        if d is None:
            continue
        wh = r.get("wh")
        kwh = (wh / 1000.0) if wh is not None else r.get("kwh")
        if kwh is None or kwh < 0:
            continue
        out.append({"reading_date": d, "kwh": round(float(kwh), 3),
                    "peak_kw": r.get("peak_w", 0) / 1000.0 if r.get("peak_w") else None})
    return out


def poll_vendor(vendor: str, client: InverterCloudClient, days_back: int = 3) -> int:
    end = date.today()
    start = end - timedelta(days=days_back)
    n = 0
    with session_scope() as db:
        systems = MonitoredSystemRepository(db).active(vendor)
        by_serial = {s.inverter_serial: s for s in systems if s.inverter_serial}
        svc = MonitoringService(db)
        for batch in chunked(list(by_serial), BATCH_SIZE):
            try:
                data = client.daily_energy(vendor, list(batch), start, end)
            except requests.RequestException:
                log.exception("%s batch failed", vendor)
                continue
            for serial, raw in data.items():
                system = by_serial.get(serial)
                if system is None:
                    continue
                n += svc.ingest(system.id, normalize_payload(raw))
    return n


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    client = InverterCloudClient()
    for vendor in SUPPORTED_VENDORS:
        started = datetime.utcnow()
        n = poll_vendor(vendor, client)
        log.info("%s: %s readings in %.1fs", vendor, n, (datetime.utcnow() - started).total_seconds())


if __name__ == "__main__":
    main()
