import logging

import requests
from django.conf import settings
from django.utils import timezone

from clinic.models import LabOrder, LabShipment

log = logging.getLogger(__name__)

PORTAL_STATUS_MAP = {
    'RECEIVED': 'in_progress',
    'IN_PRODUCTION': 'in_progress',
    'QC': 'in_progress',
    'SHIPPED': 'shipped',
    'ON_HOLD': 'in_progress',
}


class LabPortalClient(object):
    def __init__(self, base_url=None, timeout=20):
        self.base_url = (base_url or settings.LAB_PORTAL_URL).rstrip('/')
        self.timeout = timeout
        self.session = requests.Session()

    def create_case(self, order):
        payload = {
            'lab_id': order.lab.portal_lab_id, 'practice_ref': 'LO-%s' % order.pk,
            'patient': '%s %s' % (order.patient.first_name[:1], order.patient.last_name),
            'work_type': order.work_type, 'teeth': order.teeth, 'shade': order.shade,
            'material': order.material, 'notes': order.instructions,
            'due': order.due_on.isoformat() if order.due_on else None,
        }
        r = self.session.post(self.base_url + '/cases', json=payload, timeout=self.timeout)
        r.raise_for_status()
        return r.json()['case_id']

    def case_status(self, case_id):
        r = self.session.get('%s/cases/%s' % (self.base_url, case_id), timeout=self.timeout)
        r.raise_for_status()
        return r.json()


def push_lab_order(order):
    if not order.lab.portal_enabled:
        return None
    case_id = LabPortalClient().create_case(order)
    LabOrder.objects.filter(pk=order.pk).update(portal_reference=case_id)
    return case_id


def poll_lab_statuses():
    client = LabPortalClient()
    changed = 0
    for order in LabOrder.objects.filter(status__in=['sent', 'in_progress']).exclude(portal_reference=''):
        try:
            data = client.case_status(order.portal_reference)
        except Exception:
            log.warning('lab portal lookup failed for %s', order.pk)
            continue
        new_status = PORTAL_STATUS_MAP.get(data.get('status'))
        if new_status and new_status != order.status:
            LabOrder.objects.filter(pk=order.pk).update(status=new_status)
            changed += 1
        if data.get('tracking_number') and not order.shipments.filter(direction='in').exists():
            LabShipment.objects.create(order=order, direction='in', carrier=data.get('carrier', ''),
                                       tracking_number=data['tracking_number'], shipped_on=timezone.localdate())
    return changed
