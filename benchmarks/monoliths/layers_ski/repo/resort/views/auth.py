from pyramid.httpexceptions import HTTPFound
from pyramid.security import forget, remember
from pyramid.view import view_config, view_defaults

from ..dal.guest_repo import AccountRepository
from ..lib.validators import ValidationError
from ..services import accounts, notifications
from ..services.guests import create_guest


@view_defaults(renderer='resort:templates/auth/login.jinja2')
class AuthViews(object):

    def __init__(self, request):
        self.request = request

    @view_config(route_name='login')
    def login(self):
        request = self.request
        came_from = request.params.get('came_from') or request.route_url('home')
        error = None
        if request.method == 'POST':
            account = accounts.authenticate(request.POST.get('username', '').strip(),
                                            request.POST.get('password', ''))
            if account is not None:
                headers = remember(request, account.id)
                return HTTPFound(location=came_from, headers=headers)
            error = 'Wrong username or password'
        return {'came_from': came_from, 'error': error}

    @view_config(route_name='logout')
    def logout(self):
        headers = forget(self.request)
        return HTTPFound(location=self.request.route_url('home'), headers=headers)

    @view_config(route_name='register', renderer='resort:templates/auth/register.jinja2')
    def register(self):
        request = self.request
        errors = {}
        if request.method == 'POST':
            try:
                account = accounts.register_account(request.POST['email'],
                                                    request.POST['email'],
                                                    request.POST.get('password'))
                create_guest(request.POST, account=account)
                return HTTPFound(location=request.route_url('home'),
                                 headers=remember(request, account.id))
            except ValidationError as e:
                errors = e.errors
        return {'errors': errors, 'data': request.POST}

    @view_config(route_name='forgot_password', renderer='resort:templates/auth/forgot.jinja2')
    def forgot(self):
        request = self.request
        if request.method == 'POST':
            account = AccountRepository().by_username(request.POST.get('email', ''))
            if account is not None:
                token = accounts.create_reset_token(account)
                notifications.send_password_reset(
                    account, token, request.route_url('reset_password', token=token.token))
            # same answer either way, don't leak which emails exist
            request.session.flash('If the address is registered you will get an email.')
            return HTTPFound(location=request.route_url('login'))
        return {}

    @view_config(route_name='reset_password', renderer='resort:templates/auth/reset.jinja2')
    def reset(self):
        request = self.request
        if request.method == 'POST':
            account = accounts.reset_password(request.matchdict['token'],
                                              request.POST.get('password', ''))
            if account is None:
                return {'error': 'This link has expired'}
            request.session.flash('Password changed, please log in.')
            return HTTPFound(location=request.route_url('login'))
        return {}
