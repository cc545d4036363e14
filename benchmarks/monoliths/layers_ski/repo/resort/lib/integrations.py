"""Clients for the boxes and services we talk to over the network.

Everything in here should time out fast, the lifties complain otherwise.
"""
import datetime
import logging
import socket

import requests

from ..config import get_setting
from .money import round_money

log = logging.getLogger(__name__)

TIMEOUT = 5


def http_session():
    s = requests.Session()
    s.headers['User-Agent'] = 'peak-resort/3'
    return s


class WeatherStationClient(object):
    """Campbell loggers on the summit / mid / base stations, polled via the
    little HTTP bridge Dave put on 10.20.0.15."""

    def __init__(self, url=None):
        self.url = url or get_setting('resort.weather_station.url')
        self.session = http_session()

    def latest(self, station):
        resp = self.session.get(self.url, params={'station': station}, timeout=TIMEOUT)
        resp.raise_for_status()
        data = resp.json()
        return {
            'station': station,
            'read_at': datetime.datetime.strptime(data['ts'], '%Y-%m-%dT%H:%M:%S'),
            'temp_c': data.get('temp'),
            'wind_kmh': data.get('wind'),
            'gust_kmh': data.get('gust'),
            'snow_depth_cm': data.get('hs'),
        }

    def all_stations(self):
        out = []
        for station in ('SUMMIT', 'MID', 'BASE'):
            try:
                out.append(self.latest(station))
            except (requests.RequestException, ValueError, KeyError) as exc:
                log.warning('weather station %s failed: %s', station, exc)
        return out


class PaymentGateway(object):

    def __init__(self, url=None, key=None):
        self.url = url or get_setting('resort.payment_gateway.url')
        self.key = key or get_setting('resort.payment_gateway.key')
        self.session = http_session()
        self.session.headers['Authorization'] = 'Bearer %s' % self.key

    def charge(self, card_token, amount, currency='USD', reference=None):
        payload = {'source': card_token,
                   'amount': int(round_money(amount) * 100),
                   'currency': currency,
                   'reference': reference}
        resp = self.session.post(self.url + '/charges', json=payload, timeout=TIMEOUT * 3)
        data = resp.json()
        if resp.status_code >= 400:
            return {'ok': False, 'error': data.get('message', resp.text)}
        return {'ok': True, 'id': data['id'], 'last4': data.get('card', {}).get('last4')}

    def refund(self, charge_id, amount):
        resp = self.session.post(self.url + '/refunds',
                                 json={'charge': charge_id,
                                       'amount': int(round_money(amount) * 100)},
                                 timeout=TIMEOUT * 3)
        data = resp.json()
        return {'ok': resp.status_code < 400, 'id': data.get('id'),
                'error': data.get('message')}


def legacy_gateway_charge(card_number, exp, amount):
    # TODO remove - old Authorize.net path, card numbers must not touch our servers
    raise NotImplementedError('legacy gateway disabled since 2019')


class FiscalPrinter(object):
    """Epson fiscal printer in the restaurants, raw socket protocol."""

    def __init__(self, host=None, port=9100):
        self.host = host or get_setting('resort.fiscal_printer.host')
        self.port = port

    def _send(self, payload):
        sock = socket.create_connection((self.host, self.port), timeout=TIMEOUT)
        try:
            sock.sendall(payload.encode('ascii', 'replace') + b'\n')
            return sock.recv(256).decode('ascii', 'replace').strip()
        finally:
            sock.close()

    def print_receipt(self, check):
        lines = ['R|%s|%d|%s' % (l.menu_item.name[:24], l.qty, l.unit_price)
                 for l in check.lines if not l.voided]
        lines.append('T|%s|%s' % (check.tax, check.total))
        return self._send('\n'.join(lines))

    def z_report(self):
        return self._send('Z|')
