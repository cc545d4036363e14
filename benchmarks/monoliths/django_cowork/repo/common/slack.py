import json
import logging
import urllib.request

from django.conf import settings

log = logging.getLogger(__name__)


def post_to_slack(text, channel=None):
    if not settings.SLACK_WEBHOOK_URL:
        log.info("slack disabled: %s", text)
        return
    payload = {"text": text}
    if channel:
        payload["channel"] = channel
    req = urllib.request.Request(settings.SLACK_WEBHOOK_URL, data=json.dumps(payload).encode(),
                                 headers={"Content-Type": "application/json"})
    try:
        urllib.request.urlopen(req, timeout=5)
    except Exception:  # never break a request because slack is down
        log.warning("slack post failed", exc_info=True)
