from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config, view_defaults

from ..dal.base import get_or_404
from ..dal.commerce import PosRepository, menu_for_outlet
from ..lib.money import to_decimal
from ..models import DBSession
from ..models.fnb import MenuItem, Outlet, PosCheck, PosCheckLine
from ..services import pos


@view_defaults(permission='pos')
class PosViews(object):

    def __init__(self, request):
        self.request = request

    @view_config(route_name='pos_terminal', renderer='resort:templates/pos/terminal.jinja2')
    def terminal(self):
        outlet = DBSession.query(Outlet).filter(
            Outlet.code == self.request.matchdict['outlet']).first()
        if outlet is None:
            raise HTTPNotFound()
        if self.request.method == 'POST':
            pos.open_check(outlet, self.request.user.username,
                           self.request.POST.get('table_no'),
                           int(self.request.POST.get('register_no', 1)))
        return {'outlet': outlet, 'checks': PosRepository().open_checks(outlet.id),
                'menu': menu_for_outlet(outlet.id)}

    @view_config(route_name='pos_add_line', renderer='json', request_method='POST')
    def add_line(self):
        check = get_or_404(PosCheck, self.request.matchdict['id'])
        if self.request.POST.get('void_line'):
            line = get_or_404(PosCheckLine, self.request.POST['void_line'])
            pos.void_line(line, self.request.POST.get('reason', ''))
        else:
            item = get_or_404(MenuItem, self.request.POST['menu_item_id'])
            pos.add_line(check, item, int(self.request.POST.get('qty', 1)))
        return {'subtotal': str(check.subtotal), 'tax': str(check.tax), 'total': str(check.total)}

    @view_config(route_name='pos_close', request_method='POST')
    def close(self):
        check = get_or_404(PosCheck, self.request.matchdict['id'])
        pos.close_check(check, self.request.POST.get('tender', 'card'),
                        to_decimal(self.request.POST.get('tip')))
        return HTTPFound(self.request.route_url('pos_terminal', outlet=check.outlet.code))

    @view_config(route_name='pos_room_charge', request_method='POST')
    def room_charge(self):
        check = get_or_404(PosCheck, self.request.matchdict['id'])
        try:
            pos.charge_to_room(check, self.request.POST['confirmation_code'], self.request.user)
        except pos.PosError as e:
            self.request.session.flash(str(e))
        return HTTPFound(self.request.route_url('pos_terminal', outlet=check.outlet.code))


@view_config(route_name='outlet_menu', renderer='resort:templates/pos/menu.jinja2',
             permission='admin')
def outlet_menu_view(request):
    outlet = get_or_404(Outlet, request.matchdict['id'])
    if request.method == 'POST':
        p = request.POST
        if p.get('item_id'):
            item = get_or_404(MenuItem, p['item_id'])
        else:
            item = MenuItem(outlet_id=outlet.id)
            DBSession.add(item)
        item.name = p['name']
        item.sku = p.get('sku')
        item.category = p.get('category', 'food')
        item.price = to_decimal(p['price'])
        item.tax_rate = to_decimal(p.get('tax_rate'))
        item.active = 'active' in p
    return {'outlet': outlet, 'menu': menu_for_outlet(outlet.id, include_inactive=True)}
