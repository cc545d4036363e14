"""Cashless Ltd SOAP integration - the old card processor. Still used by the IVR because
PayGate can't take card numbers keyed over DTMF without a new PCI assessment."""
import logging
import xml.etree.ElementTree as ET

from django.conf import settings
from django.utils import timezone

from legacy.models import CardToken
from legacy.utils import xml_escape
from shared.utils import mask_card_number

log = logging.getLogger("cashless")


class CashlessClient(object):
    def __init__(self, wsdl=None, terminal=None):
        self.wsdl = wsdl or settings.CASHLESS_WSDL
        self.terminal = terminal or settings.CASHLESS_TERMINAL
        self._client = None

    @property
    def client(self):
        if self._client is None:
            import zeep  # slow import, only when actually used
            self._client = zeep.Client(self.wsdl)
        return self._client

    def register_card(self, pan, expiry_month, expiry_year, cv2):
        return self.client.service.RegisterCard(Terminal=self.terminal, PAN=pan,
                                                ExpMonth=expiry_month, ExpYear=expiry_year, CV2=cv2)

    def charge(self, token, amount_pence, reference):
        return self.client.service.Sale(Terminal=self.terminal, Token=token,
                                        Amount=amount_pence, Reference=xml_escape(reference))

    def refund(self, transaction_id, amount_pence):
        return self.client.service.Refund(Terminal=self.terminal, TransactionId=transaction_id,
                                          Amount=amount_pence)


def tokenise_card(customer, pan, expiry_month, expiry_year, cv2):
    result = CashlessClient().register_card(pan, expiry_month, expiry_year, cv2)
    if result.Status != "OK":
        log.info("card %s refused: %s", mask_card_number(pan), result.Message)
        return None
    return CardToken.objects.create(customer=customer, provider="cashless", token=result.Token,
                                    card_type=result.CardType or "", last4=pan[-4:],
                                    expiry_month=expiry_month, expiry_year=expiry_year)


def legacy_charge(card_token, amount_pence, reference):
    from main.models import Payment

    payment = Payment.objects.create(reference=reference, customer=card_token.customer,
                                     amount_pence=amount_pence, purpose="session", method="ivr",
                                     gateway="cashless", card_token=card_token)
    result = CashlessClient().charge(card_token.token, amount_pence, reference)
    if result.Status == "OK":
        payment.mark_captured(result.TransactionId)
    else:
        payment.status = "failed"
        payment.failure_reason = (result.Message or "")[:200]
        payment.save()
    return payment


def legacy_refund(payment, amount_pence):
    result = CashlessClient().refund(payment.gateway_ref, amount_pence)
    return result.Status == "OK"


def parse_settlement_file(path):
    """Cashless still sends a nightly XML file by SFTP; ops drop it in /data/cashless."""
    tree = ET.parse(path)
    rows = []
    for tx in tree.getroot().iter("Transaction"):
        rows.append({
            "id": tx.findtext("Id"),
            "amount": int(tx.findtext("AmountPence") or 0),
            "type": "payment" if tx.findtext("Type") == "SALE" else "refund",
            "date": tx.findtext("Date"),
        })
    return rows
