"""JSON API for the mobile app and the Skidata turnstiles."""
import datetime

from pyramid.httpexceptions import HTTPBadRequest, HTTPUnauthorized
from pyramid.view import view_config

from ..dal.bookings import EnrollmentRepository, ReservationRepository
from ..dal.commerce import PassRepository
from ..lib.crypto import generate_token, verify_signature
from ..lib.dates import local_today, parse_date
from ..lib.decorators import memoize_for
from ..models import DBSession
from ..models.guests import AuthToken
from ..models.mountain import Lift
from ..models.passes import LiftPass, PassProduct
from ..services import accounts, passes
from ..services.pricing import quote_pass
from ..services.snow import conditions_summary


def api_user(request):
    """Bearer token from the app, falls back to the cookie session."""
    header = request.headers.get('Authorization', '')
    if header.startswith('Bearer '):
        token = DBSession.query(AuthToken).filter(AuthToken.token == header[7:],
                                                  AuthToken.purpose == 'api').first()
        if token is not None and not token.is_expired():
            return token.account
    if request.user is not None:
        return request.user
    raise HTTPUnauthorized()


@view_config(context=HTTPBadRequest, renderer='json')
@view_config(context=HTTPUnauthorized, renderer='json')
def json_error(exc, request):
    request.response.status = exc.status
    return {'error': exc.title, 'detail': exc.detail}


@view_config(route_name='api_login', renderer='json', request_method='POST')
def api_login(request):
    body = request.json_body
    account = accounts.authenticate(body.get('username', ''), body.get('password', ''))
    if account is None:
        raise HTTPUnauthorized()
    token = AuthToken(token=generate_token(), account_id=account.id, purpose='api',
                      expires_at=datetime.datetime.utcnow() + datetime.timedelta(days=30))
    DBSession.add(token)
    return {'token': token.token, 'expires': token.expires_at.isoformat()}


@view_config(route_name='api_conditions', renderer='json')
def api_conditions(request):
    c = conditions_summary()
    r = c['report']
    return {'date': r.report_date.isoformat() if r else None,
            'base_cm': r.base_cm if r else None,
            'new_24h': r.new_snow_24h if r else None,
            'surface': r.surface if r else None,
            'lifts_open': c['lifts_open'], 'lifts_total': c['lifts_total'],
            'trails_open': c['trails_open'], 'trails_total': c['trails_total'],
            'groomed': c['groomed']}


@view_config(route_name='api_lifts', renderer='json')
@memoize_for(30)
def api_lifts(request):
    return [{'id': l.id, 'name': l.name, 'status': l.status, 'sector': l.sector}
            for l in DBSession.query(Lift).order_by(Lift.name)]


@view_config(route_name='api_my_passes', renderer='json')
def api_my_passes(request):
    user = api_user(request)
    if user.guest is None:
        return []
    return [{'serial': p.serial, 'product': p.product.name, 'status': p.status,
             'valid_from': p.valid_from.isoformat(), 'valid_to': p.valid_to.isoformat()}
            for p in user.guest.passes if p.status != 'refunded']


@view_config(route_name='api_my_lessons', renderer='json')
def api_my_lessons(request):
    user = api_user(request)
    if user.guest is None:
        return []
    return [{'lesson': e.lesson.lesson_type.name,
             'starts_at': e.lesson.starts_at.isoformat(),
             'meeting_point': e.lesson.meeting_point,
             'instructor': e.lesson.instructor.name if e.lesson.instructor else None}
            for e in EnrollmentRepository().upcoming_for_guest(user.guest.id)]


@view_config(route_name='api_my_stays', renderer='json')
def api_my_stays(request):
    user = api_user(request)
    if user.guest is None:
        return []
    return [{'code': r.confirmation_code, 'arrival': r.arrival.isoformat(),
             'departure': r.departure.isoformat(), 'status': r.status,
             'unit': r.unit.label if r.unit and r.status == 'in_house' else None}
            for r in user.guest.reservations if r.departure >= local_today()]


@view_config(route_name='api_quote', renderer='json')
def api_quote(request):
    product = DBSession.query(PassProduct).filter(
        PassProduct.code == request.params.get('product')).first()
    day = parse_date(request.params.get('day'))
    if product is None or day is None:
        raise HTTPBadRequest('product and day required')
    return quote_pass(product, day, parse_date(request.params.get('birth_date')),
                      request.params.get('promo')).as_dict()


@view_config(route_name='api_gate_scan', renderer='json', request_method='POST')
def api_gate_scan(request):
    # DO NOT change the response format, the turnstile firmware parses it
    body = request.json_body
    if not verify_signature('%s|%s' % (body.get('code'), body.get('lift')), body.get('sig'),
                            key=request.registry.settings.get('resort.gate_key')):
        raise HTTPUnauthorized()
    scan = passes.scan_pass(body['code'], int(body['lift']), body.get('gate'))
    return {'ok': scan.accepted, 'r': scan.reason or '', 'p': scan.pass_id or 0}
