"""SMS via the Octopush-like HTTP API. Only used for delivery notices."""
import logging

import requests

from shop import db
from shop.utils import config_bool, get_config, normalize_phone

log = logging.getLogger(__name__)

SMS_URL = "https://sms.provider.example/api/send"


class SmsClient(object):
    def __init__(self):
        self.key = get_config("SMS_KEY")
        self.sender = get_config("SMS_SENDER", "SHOP")
        self.enabled = config_bool("SMS_ENABLED")

    def send(self, phone, text):
        if not self.enabled:
            log.info("sms disabled, would send to %s: %s", phone, text)
            return None
        resp = requests.post(SMS_URL, json={"key": self.key, "sender": self.sender,
                                            "to": normalize_phone(phone), "text": text[:160]},
                             timeout=10)
        resp.raise_for_status()
        return resp.json().get("id")


def sms_delivery_notice(order_id):
    row = db.query_one(
        "SELECT u.phone, u.id AS user_id FROM orders o JOIN users u ON u.id = o.user_id "
        "WHERE o.id = %s",
        (order_id,),
    )
    if not row or not row["phone"]:
        return None
    pref = db.query_one(
        "SELECT enabled FROM notification_prefs WHERE user_id = %s AND kind = 'sms'",
        (row["user_id"],),
    )
    if pref and not pref["enabled"]:
        return None
    return SmsClient().send(row["phone"], "Your order #%s will be delivered today." % order_id)
