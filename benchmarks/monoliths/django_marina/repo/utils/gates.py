"""Gate controller integration (Paxton box on the pontoon gates)."""
import logging
import random

import requests
from django.conf import settings

log = logging.getLogger(__name__)

_BANNED = {'0000', '1234', '1111', '9999', '2580'}


def _checksum(digits):
    return sum(int(d) * (i + 1) for i, d in enumerate(digits)) % 10


def generate_gate_code(length=5):
    while True:
        digits = ''.join(random.choice('0123456789') for _ in range(length - 1))
        code = digits + str(_checksum(digits))
        if code[:4] not in _BANNED:
            return code


def code_is_valid(code):
    if not code or not code.isdigit() or len(code) < 4:
        return False
    return int(code[-1]) == _checksum(code[:-1])


def legacy_gate_code(berth_no):
    # the old access PC just used berth number + 1000. still valid on gate B until
    # the controller there is replaced.
    return str(1000 + int(berth_no))


class GateControllerClient:
    def __init__(self, base_url=None, key=None):
        self.base_url = base_url or settings.GATE_CONTROLLER_URL
        self.key = key or settings.GATE_CONTROLLER_KEY

    def _post(self, path, payload):
        r = requests.post(self.base_url + path, json=payload, headers={'X-Key': self.key}, timeout=5)
        r.raise_for_status()
        return r.json()

    def add_code(self, code, valid_from, valid_to, gates=('A', 'B')):
        return self._post('/codes', {'code': code, 'from': valid_from.isoformat(),
                                     'to': valid_to.isoformat(), 'gates': list(gates)})

    def remove_code(self, code):
        return self._post('/codes/delete', {'code': code})

    def add_fob(self, serial, gates=('A', 'B')):
        return self._post('/fobs', {'serial': serial, 'gates': list(gates)})

    def remove_fob(self, serial):
        return self._post('/fobs/delete', {'serial': serial})


def push_code_to_controller(gate_code):
    try:
        GateControllerClient().add_code(gate_code.code, gate_code.valid_from, gate_code.valid_to)
        return True
    except requests.RequestException:
        log.exception('gate controller unreachable, code %s not pushed', gate_code.pk)
        return False
