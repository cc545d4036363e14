"""
HTTP clients for the outside world.

OEM warranty portals all speak different dialects of "JSON over HTTPS", so
there's one subclass per manufacturer. The supplier price feeds are CSV files
dropped by SFTP into SUPPLIER_FEED_DIR -- the importer is at the bottom
because it was written by the same contractor in the same week.
"""
import csv
import logging
import os
import time
from decimal import Decimal, InvalidOperation

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger('garage.integrations')


class RetryingHttpClient(object):
    """requests.Session with base URL, timeout, and naive retry on 5xx/timeouts."""

    def __init__(self, base_url, timeout=15, retries=3, backoff=2.0, headers=None, auth=None):
        self.base_url = base_url.rstrip('/') + '/'
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.session = requests.Session()
        if headers:
            self.session.headers.update(headers)
        if auth:
            self.session.auth = auth

    def request(self, method, path, **kwargs):
        url = self.base_url + path.lstrip('/')
        kwargs.setdefault('timeout', self.timeout)
        last_exc = None
        for attempt in range(1, self.retries + 1):
            try:
                resp = self.session.request(method, url, **kwargs)
                if resp.status_code >= 500:
                    raise requests.HTTPError('server error %s' % resp.status_code, response=resp)
                return resp
            except (requests.ConnectionError, requests.Timeout, requests.HTTPError) as e:
                last_exc = e
                logger.warning('%s %s failed (attempt %d): %s', method, url, attempt, e)
                time.sleep(self.backoff ** attempt)
        raise last_exc

    def get_json(self, path, **kwargs):
        resp = self.request('GET', path, **kwargs)
        resp.raise_for_status()
        return resp.json()

    def post_json(self, path, payload, **kwargs):
        resp = self.request('POST', path, json=payload, **kwargs)
        resp.raise_for_status()
        return resp.json()


# ===========================================================================
# OEM warranty portals
# ===========================================================================

class OEMError(Exception):
    pass


class OEMPortalClient(object):
    status_map = {}

    def __init__(self, manufacturer):
        self.manufacturer = manufacturer
        base = settings.OEM_PORTALS.get(manufacturer.portal_code)
        if not base:
            raise OEMError('No portal configured for %s' % manufacturer.name)
        self.http = RetryingHttpClient(base, timeout=settings.OEM_API_TIMEOUT,
                                       headers={'X-Dealer-Code': manufacturer.dealer_code})

    def claim_payload(self, claim):
        return {
            'dealer': self.manufacturer.dealer_code,
            'vin': claim.vehicle.vin,
            'mileage': claim.mileage,
            'repairDate': claim.repair_date.isoformat() if claim.repair_date else None,
            'failureCode': claim.failure_code,
            'cause': claim.cause,
            'correction': claim.correction,
            'lines': [{
                'type': l.kind,
                'opCode': l.op_code,
                'partNumber': l.part.part_number if l.part_id else None,
                'qty': str(l.quantity),
                'amount': str(l.amount),
            } for l in claim.lines.select_related('part')],
        }

    def submit(self, claim):
        data = self.http.post_json('claims', self.claim_payload(claim))
        return data.get('claimId') or data.get('id')

    def fetch_status(self, claim):
        data = self.http.get_json('claims/%s' % claim.oem_reference)
        status = self.status_map.get(data.get('status'), data.get('status', '').lower())
        return status, data

    def fetch_recalls(self, since=None):
        params = {'since': since.isoformat()} if since else {}
        return self.http.get_json('recalls', params=params).get('items', [])


class FordWarrantyClient(OEMPortalClient):
    status_map = {'PEND': 'submitted', 'QRY': 'query', 'APPR': 'approved', 'PAPR': 'part_approved',
                  'REJ': 'rejected', 'PAID': 'paid'}


class VWElsaClient(OEMPortalClient):
    status_map = {'offen': 'submitted', 'rueckfrage': 'query', 'genehmigt': 'approved',
                  'abgelehnt': 'rejected', 'bezahlt': 'paid'}

    def claim_payload(self, claim):
        payload = super(VWElsaClient, self).claim_payload(claim)
        payload['damageCode'] = payload.pop('failureCode')  # VW calls it "Schadcode"
        return payload


class ToyotaTisClient(OEMPortalClient):
    status_map = {'1': 'submitted', '2': 'query', '3': 'approved', '9': 'rejected', '10': 'paid'}

    def submit(self, claim):
        data = self.http.post_json('v1/claim/create', {'claim': self.claim_payload(claim)})
        if data.get('errors'):
            raise OEMError('; '.join(e.get('message', '') for e in data['errors']))
        return data['claim']['number']


def client_for_manufacturer(manufacturer):
    cls = {'FORD': FordWarrantyClient, 'VW': VWElsaClient, 'TOYOTA': ToyotaTisClient}.get(
        manufacturer.portal_code, OEMPortalClient)
    return cls(manufacturer)


# ===========================================================================
# supplier price feeds
# ===========================================================================

def parse_supplier_csv(path):
    """Yields dicts with part_number, brand, description, cost, stock. Suppliers can't
    agree on headers so we map the usual suspects."""
    aliases = {
        'part_number': ('part_number', 'partno', 'part no', 'sku', 'item'),
        'brand': ('brand', 'manufacturer', 'mfr'),
        'description': ('description', 'desc', 'item description'),
        'cost': ('cost', 'trade', 'trade price', 'net price', 'price'),
        'stock': ('stock', 'qty', 'free stock', 'available'),
    }
    with open(path, newline='', encoding='utf-8-sig') as fh:
        reader = csv.DictReader(fh)
        headers = {h.lower().strip(): h for h in reader.fieldnames or []}
        colmap = {}
        for key, names in aliases.items():
            for n in names:
                if n in headers:
                    colmap[key] = headers[n]
                    break
        for row in reader:
            yield {k: (row.get(v) or '').strip() for k, v in colmap.items()}


@transaction.atomic
def import_supplier_price_file(supplier, path):
    from integrations.models import SupplierFeedLog
    from shop.models import Part

    log = SupplierFeedLog(supplier=supplier, filename=os.path.basename(path))
    errors = []
    for i, row in enumerate(parse_supplier_csv(path), start=1):
        log.rows_read += 1
        pn = row.get('part_number')
        if not pn:
            continue
        try:
            cost = Decimal(row.get('cost') or '0')
        except InvalidOperation:
            errors.append('row %d: bad cost %r' % (i, row.get('cost')))
            continue
        part, created = Part.objects.get_or_create(
            part_number=pn, brand=row.get('brand', ''),
            defaults={'description': row.get('description', '')[:200], 'cost_price': cost,
                      'preferred_supplier': supplier, 'is_stocked': False})
        if created:
            log.parts_created += 1
        elif part.preferred_supplier_id == supplier.pk and part.cost_price != cost:
            Part.objects.filter(pk=part.pk).update(cost_price=cost, updated_at=timezone.now())
            log.parts_updated += 1
    log.errors = '\n'.join(errors[:200])
    log.save()
    return log
