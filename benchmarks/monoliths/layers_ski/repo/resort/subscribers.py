import logging

from .lib.money import format_money
from .lib.dates import format_date

log = logging.getLogger(__name__)


def add_renderer_globals(event):
    request = event.get('request')
    event['format_money'] = format_money
    event['format_date'] = format_date
    if request is not None:
        event['user'] = request.user
        event['flash'] = request.session.pop_flash()


def log_new_request(event):
    # noisy, only useful when chasing the turnstile timeouts
    req = event.request
    if req.path.startswith('/api/gate'):
        log.debug('gate request %s %s', req.method, req.path_qs)
