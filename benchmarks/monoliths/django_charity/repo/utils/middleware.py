import logging
import time


log = logging.getLogger("timing")


class RequestTimingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        t0 = time.time()
        response = self.get_response(request)
        elapsed = time.time() - t0
        if elapsed > 2:
            log.warning("slow request %s %.2fs", request.path, elapsed)
        return response

