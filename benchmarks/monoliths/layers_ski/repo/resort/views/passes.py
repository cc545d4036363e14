import datetime

from pyramid.httpexceptions import HTTPBadRequest, HTTPFound, HTTPNotFound
from pyramid.response import Response
from pyramid.view import view_config, view_defaults

from ..dal.base import get_or_404, paginate
from ..dal.commerce import PassRepository
from ..lib.dates import parse_date
from ..models import DBSession
from ..models.guests import Guest
from ..models.passes import LiftPass, PassProduct
from ..services import passes as pass_service
from ..services.pricing import quote_pass


@view_config(route_name='pass_products', renderer='resort:templates/passes/products.jinja2',
             permission='public')
def pass_products_view(request):
    products = DBSession.query(PassProduct).filter(PassProduct.active == True,  # noqa
                                                   PassProduct.sold_online == True) \
        .order_by(PassProduct.sort_order).all()
    return {'products': products}


@view_config(route_name='pass_quote', renderer='json', permission='public')
def pass_quote_view(request):
    product = DBSession.query(PassProduct).filter(
        PassProduct.code == request.params.get('product')).first()
    day = parse_date(request.params.get('day'))
    if product is None or day is None:
        raise HTTPBadRequest()
    birth = parse_date(request.params.get('birth_date'))
    return quote_pass(product, day, birth, request.params.get('promo')).as_dict()


@view_config(route_name='pass_purchase', renderer='resort:templates/passes/buy.jinja2',
             permission='sell')
def pass_purchase_view(request):
    if request.method != 'POST':
        return {'products': DBSession.query(PassProduct).filter(PassProduct.active == True).all()}  # noqa
    guest = get_or_404(Guest, request.POST['guest_id'])
    product = get_or_404(PassProduct, request.POST['product_id'])
    day = parse_date(request.POST.get('valid_from'), datetime.date.today())
    sold = []
    for _ in range(int(request.POST.get('qty', 1))):
        sold.append(pass_service.sell_pass(guest, product, day,
                                           promo_code=request.POST.get('promo'),
                                           user=request.user))
    request.session.flash('Sold %d x %s' % (len(sold), product.name))
    return HTTPFound(request.route_url('pass_detail', serial=sold[-1].serial))


@view_config(route_name='pass_detail', renderer='resort:templates/passes/detail.jinja2',
             permission='guest')
def pass_detail_view(request):
    lift_pass = PassRepository().by_serial(request.matchdict['serial'])
    if lift_pass is None:
        raise HTTPNotFound()
    if request.params.get('format') == 'pdf':
        return Response(body=pass_service.pass_card_pdf(lift_pass),
                        content_type='application/pdf')
    return {'pass': lift_pass, 'usage': pass_service.pass_usage(lift_pass)}


@view_defaults(permission='sell')
class PassAdminViews(object):

    def __init__(self, request):
        self.request = request

    def _pass(self):
        lift_pass = PassRepository().by_serial(self.request.matchdict['serial'])
        if lift_pass is None:
            raise HTTPNotFound()
        return lift_pass

    @view_config(route_name='pass_admin', renderer='resort:templates/passes/admin.jinja2')
    def list(self):
        q = DBSession.query(LiftPass).order_by(LiftPass.id.desc())
        status = self.request.params.get('status')
        if status:
            q = q.filter(LiftPass.status == status)
        return {'page': paginate(q, self.request.params.get('page'))}

    @view_config(route_name='pass_block', request_method='POST')
    def block(self):
        lift_pass = self._pass()
        pass_service.block_pass(lift_pass, self.request.POST.get('reason', 'blocked'),
                                self.request.user)
        return HTTPFound(self.request.route_url('pass_detail', serial=lift_pass.serial))

    @view_config(route_name='pass_refund', request_method='POST', permission='refund')
    def refund(self):
        lift_pass = self._pass()
        try:
            pass_service.refund_pass(lift_pass, self.request.POST.get('reason', ''),
                                     self.request.user)
        except pass_service.PassError as e:
            self.request.session.flash(str(e))
        return HTTPFound(self.request.route_url('pass_detail', serial=lift_pass.serial))
