import logging

audit = logging.getLogger('audit')


class AuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == 'POST' and getattr(request, 'user', None) and request.user.is_authenticated:
            audit.info('%s %s %s %s', request.user.username, request.method, request.path, response.status_code)
        return response
