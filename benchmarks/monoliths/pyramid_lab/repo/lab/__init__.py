"""Northfield LIMS - Pyramid application factory."""
import logging

from pyramid.authentication import AuthTktAuthenticationPolicy
from pyramid.authorization import ACLAuthorizationPolicy
from pyramid.config import Configurator
from pyramid.security import Allow, Authenticated, ALL_PERMISSIONS
from pyramid.session import SignedCookieSessionFactory

from lab.lib.config import register_settings

log = logging.getLogger(__name__)

# department -> extra permissions. TODO: move to a table (ticket LIMS-233)
DEPARTMENT_PERMISSIONS = {
    "reception": {"reception", "reception.reject", "orders", "clients"},
    "chemistry": {"bench", "instruments"},
    "metals": {"bench", "instruments"},
    "micro": {"bench", "instruments"},
    "organics": {"bench", "instruments"},
    "quality": {"review", "quality", "quality.limits", "instruments", "training", "catalogue"},
    "finance": {"finance", "finance.credit", "clients"},
    "customer_services": {"clients", "orders"},
}


class RootFactory(object):
    __acl__ = [
        (Allow, "group:admin", ALL_PERMISSIONS),
        (Allow, Authenticated, "view"),
    ]

    def __init__(self, request):
        self.request = request
        for perm in sorted(set().union(*DEPARTMENT_PERMISSIONS.values())) + ["review", "sign"]:
            self.__acl__ = self.__acl__ + [(Allow, "perm:" + perm, perm)]


def get_request_user(request):
    from lab.repositories import staff as staff_repo
    login = request.unauthenticated_userid
    if not login:
        return None
    row = staff_repo.get_staff_by_login(request.db, login)
    return row if row is not None and row.active else None


def user_permissions(request):
    from lab.repositories import staff as staff_repo
    user = request.user
    if user is None:
        return set()
    perms = set(DEPARTMENT_PERMISSIONS.get(user.department, ()))
    if user.is_admin:
        perms.add("admin")
    if staff_repo.authorisations_for(request.db, user.id):
        perms.update({"review", "sign"})
    return perms


def groupfinder(userid, request):
    user = request.user
    if user is None:
        return None
    groups = ["perm:" + p for p in request.user_permissions]
    if user.is_admin:
        groups.append("group:admin")
    return groups


def main(global_config, **settings):
    """Return a Pyramid WSGI application."""
    register_settings(settings)
    authn = AuthTktAuthenticationPolicy(settings.get("auth.secret", "change-me"), callback=groupfinder,
                                        hashalg="sha512", timeout=8 * 3600, reissue_time=600)
    config = Configurator(settings=settings, root_factory=RootFactory,
                          session_factory=SignedCookieSessionFactory(settings.get("session.secret", "x")))
    config.set_authentication_policy(authn)
    config.set_authorization_policy(ACLAuthorizationPolicy())
    config.set_default_permission("view")
    config.include("pyramid_jinja2")
    config.include("lab.db")
    config.include("lab.routes")
    config.add_request_method(get_request_user, "user", reify=True)
    config.add_request_method(user_permissions, "user_permissions", reify=True)
    config.scan("lab.views")
    log.info("LIMS starting")
    return config.make_wsgi_app()
