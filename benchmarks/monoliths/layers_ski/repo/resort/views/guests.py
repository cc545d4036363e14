import colander
from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config, view_defaults

from ..dal.base import get_or_404, paginate
from ..dal.guest_repo import GuestRepository
from ..lib.validators import ValidationError
from ..models.guests import Guest
from ..services import guests as guest_service
from ..services import loyalty


class GuestSchema(colander.MappingSchema):
    first_name = colander.SchemaNode(colander.String(), validator=colander.Length(1, 80))
    last_name = colander.SchemaNode(colander.String(), validator=colander.Length(1, 80))
    email = colander.SchemaNode(colander.String(), validator=colander.Email(), missing=None)
    phone = colander.SchemaNode(colander.String(), missing=None)
    birth_date = colander.SchemaNode(colander.Date(), missing=None)
    country = colander.SchemaNode(colander.String(), missing='US')
    snow_alerts = colander.SchemaNode(colander.Boolean(), missing=False)


@view_defaults(permission='sell')
class GuestViews(object):

    def __init__(self, request):
        self.request = request

    @view_config(route_name='guest_list', renderer='resort:templates/guests/list.jinja2')
    def list(self):
        term = self.request.params.get('q', '').strip()
        repo = GuestRepository()
        if term:
            return {'guests': repo.search(term), 'q': term, 'page': None}
        page = paginate(repo.query().filter(Guest.deleted == False)  # noqa
                        .order_by(Guest.id.desc()), self.request.params.get('page'))
        return {'guests': page.items, 'page': page, 'q': ''}

    @view_config(route_name='guest_detail', renderer='resort:templates/guests/detail.jinja2')
    def detail(self):
        guest = get_or_404(Guest, self.request.matchdict['id'])
        return guest_service.guest_summary(guest)

    @view_config(route_name='guest_edit', renderer='resort:templates/guests/edit.jinja2')
    def edit(self):
        guest = get_or_404(Guest, self.request.matchdict['id'])
        if self.request.method == 'POST':
            try:
                data = GuestSchema().deserialize(dict(self.request.POST))
                guest_service.update_guest(guest, data)
                return HTTPFound(self.request.route_url('guest_detail', id=guest.id))
            except (colander.Invalid, ValidationError) as e:
                errors = e.asdict() if hasattr(e, 'asdict') else e.errors
                return {'guest': guest, 'errors': errors}
        return {'guest': guest, 'errors': {}}

    @view_config(route_name='guest_waiver', renderer='resort:templates/guests/waiver.jinja2',
                 permission='public')
    def waiver(self):
        guest = get_or_404(Guest, self.request.matchdict['id'])
        if self.request.method == 'POST':
            sig = self.request.POST['signature'].file.read()
            try:
                guest_service.sign_waiver(guest, sig, self.request.client_addr,
                                          self.request.POST.get('guardian_name'))
            except ValidationError as e:
                return {'guest': guest, 'errors': e.errors}
            return HTTPFound(self.request.route_url('guest_detail', id=guest.id))
        return {'guest': guest, 'errors': {}}

    @view_config(route_name='guest_loyalty', renderer='resort:templates/guests/loyalty.jinja2')
    def loyalty(self):
        guest = get_or_404(Guest, self.request.matchdict['id'])
        account = loyalty.get_or_create_account(guest)
        if self.request.method == 'POST' and 'redeem' in self.request.POST:
            try:
                loyalty.redeem_points(guest, int(self.request.POST['points']),
                                      self.request.POST.get('reason', 'redeemed at desk'))
            except ValueError as e:
                self.request.session.flash(str(e))
        return {'guest': guest, 'account': account}
