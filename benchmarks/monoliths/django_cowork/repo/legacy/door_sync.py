"""Paxton Net2 sync for Camden. Camden will move to Salto "next quarter" (since 2021)."""
import logging
import socket

from django.conf import settings

from access.models import KeyCard

log = logging.getLogger(__name__)


class PaxtonClient:
    def __init__(self, host=None, port=8080):
        self.host = host or settings.PAXTON_HOST
        self.port = port

    def send(self, command):
        s = socket.create_connection((self.host, self.port), timeout=5)
        try:
            s.sendall((command + "\r\n").encode("latin-1"))
            return s.recv(1024).decode("latin-1")
        finally:
            s.close()


def legacy_sync_doors_paxton():
    if not settings.PAXTON_HOST:
        return 0
    client = PaxtonClient()
    n = 0
    for card in KeyCard.objects.filter(member__home_location__code="CMD", synced_at__isnull=True):
        cmd = "ADDCARD %s %s" % (card.uid, 1 if card.status == KeyCard.ACTIVE else 0)
        try:
            client.send(cmd)
            n += 1
        except socket.error:
            log.warning("paxton unreachable")
            break
    return n
