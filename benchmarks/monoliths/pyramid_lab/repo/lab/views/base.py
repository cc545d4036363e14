import csv
import io

from pyramid.httpexceptions import HTTPFound
from pyramid.response import Response

from lab.lib.misc import safe_int


class BaseView(object):
    """Common bits for class based views."""

    def __init__(self, context, request):
        self.context = context
        self.request = request

    @property
    def conn(self):
        return self.request.db

    @property
    def user_id(self):
        user = getattr(self.request, "user", None)
        return user.id if user is not None else None

    def service(self, cls):
        return cls(self.conn, user_id=self.user_id)

    def redirect(self, route_name, **kw):
        return HTTPFound(location=self.request.route_url(route_name, **kw))

    def flash(self, message, queue="info"):
        self.request.session.flash(message, queue=queue)

    def matchdict_int(self, key):
        return safe_int(self.request.matchdict.get(key))


def paginate_params(request, default_per_page=50, max_per_page=500):
    page = safe_int(request.params.get("page"), 1) or 1
    per_page = safe_int(request.params.get("per_page"), default_per_page) or default_per_page
    return max(page, 1), min(per_page, max_per_page)


def json_body(request):
    try:
        return request.json_body
    except ValueError:
        return dict(request.POST)


def csv_response(header, rows, filename):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    resp = Response(body=buf.getvalue().encode("utf-8"), content_type="text/csv", charset="utf-8")
    resp.content_disposition = 'attachment; filename="%s"' % filename
    return resp
