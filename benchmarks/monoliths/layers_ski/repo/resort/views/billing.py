from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from ..dal.base import get_or_404
from ..dal.bookings import FolioRepository
from ..lib.money import to_decimal
from ..models.billing import Folio, Payment
from ..services import billing, notifications


@view_config(route_name='folio', renderer='resort:templates/billing/folio.jinja2',
             permission='sell')
def folio_view(request):
    folio = get_or_404(Folio, request.matchdict['id'])
    if request.params.get('email'):
        notifications.send_folio_statement(folio)
        request.session.flash('Statement sent')
    return {'folio': folio,
            'charges': FolioRepository().charges_for(folio.id, include_void=True),
            'balance': folio.balance()}


@view_config(route_name='payment_capture', request_method='POST', permission='sell')
def payment_capture_view(request):
    folio = get_or_404(Folio, request.matchdict['id'])
    amount = to_decimal(request.POST.get('amount')) or folio.balance()
    try:
        billing.capture_payment(folio, amount, request.POST.get('method', 'card'),
                                request.POST.get('card_token'))
    except billing.PaymentError as e:
        request.session.flash('Payment failed: %s' % e)
    return HTTPFound(request.route_url('folio', id=folio.id))


@view_config(route_name='refund', request_method='POST', permission='refund')
def refund_view(request):
    payment = get_or_404(Payment, request.matchdict['id'])
    try:
        billing.refund_payment(payment, to_decimal(request.POST['amount']),
                               request.POST.get('reason', ''), request.user)
    except billing.PaymentError as e:
        request.session.flash(str(e))
    return HTTPFound(request.route_url('folio', id=payment.folio_id))
