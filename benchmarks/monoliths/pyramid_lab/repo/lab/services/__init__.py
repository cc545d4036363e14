"""Business logic.  Services take a connection and the acting staff id."""
import logging

log = logging.getLogger(__name__)


class Service(object):
    def __init__(self, conn, user_id=None):
        self.conn = conn
        self.user_id = user_id
        self.log = logging.getLogger(self.__class__.__module__)


def service_for(request, cls):
    """Build a service bound to the request's connection and user."""
    user = getattr(request, "user", None)
    return cls(request.db, user_id=getattr(user, "id", None))
