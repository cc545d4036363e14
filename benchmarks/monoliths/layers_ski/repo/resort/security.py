from pyramid.authentication import AuthTktAuthenticationPolicy
from pyramid.authorization import ACLAuthorizationPolicy
from pyramid.security import Allow, Authenticated, Everyone

from .models import DBSession
from .models.guests import UserAccount


class RootFactory(object):
    __acl__ = [
        (Allow, Everyone, 'public'),
        (Allow, Authenticated, 'guest'),
        (Allow, 'role:cashier', 'sell'),
        (Allow, 'role:frontdesk', ('sell', 'lodging')),
        (Allow, 'role:school', 'school'),
        (Allow, 'role:rental', 'rental'),
        (Allow, 'role:ops', 'ops'),
        (Allow, 'role:fnb', 'pos'),
        (Allow, 'role:manager', ('sell', 'lodging', 'school', 'rental', 'ops',
                                 'pos', 'reports', 'refund')),
        (Allow, 'role:admin', ('sell', 'lodging', 'school', 'rental', 'ops',
                               'pos', 'reports', 'refund', 'admin')),
    ]

    def __init__(self, request):
        self.request = request


def groupfinder(userid, request):
    user = request.user
    if user is None or not user.is_active:
        return None
    groups = ['role:%s' % user.role]
    if user.role == 'admin':
        groups.append('role:manager')
    return groups


def get_user(request):
    userid = request.unauthenticated_userid
    if userid is None:
        return None
    return DBSession.query(UserAccount).filter(
        UserAccount.id == int(userid)).first()


def includeme(config):
    settings = config.get_settings()
    authn_policy = AuthTktAuthenticationPolicy(
        settings['resort.auth_secret'], callback=groupfinder,
        hashalg='sha512', max_age=60 * 60 * 12)
    config.set_authentication_policy(authn_policy)
    config.set_authorization_policy(ACLAuthorizationPolicy())
    config.set_root_factory(RootFactory)
    config.add_request_method(get_user, 'user', reify=True)
