import datetime

from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config, view_defaults

from ..dal.base import get_or_404
from ..dal.bookings import ReservationRepository, free_units
from ..lib.dates import local_today, parse_date
from ..models import DBSession
from ..models.guests import Guest
from ..models.lodging import HousekeepingTask
from ..services import lodging, packages


@view_config(route_name='lodging_availability', renderer='resort:templates/lodging/availability.jinja2',
             permission='public')
def availability_view(request):
    arrival = parse_date(request.params.get('arrival'))
    departure = parse_date(request.params.get('departure'))
    result = {'arrival': arrival, 'departure': departure, 'options': []}
    if arrival and departure:
        by_type = {}
        for unit in free_units(arrival, departure):
            by_type.setdefault(unit.unit_type, []).append(unit)
        for unit_type, units in sorted(by_type.items()):
            try:
                price = lodging.quote_stay(unit_type, arrival, departure)
            except lodging.LodgingError as e:
                price = None
            result['options'].append({'unit_type': unit_type, 'free': len(units),
                                      'price': price})
    return result


@view_defaults(permission='lodging')
class ReservationViews(object):

    def __init__(self, request):
        self.request = request

    def _res(self):
        res = ReservationRepository().by_code(self.request.matchdict['code'])
        if res is None:
            raise HTTPNotFound()
        return res

    @view_config(route_name='reservation_new', renderer='resort:templates/lodging/new.jinja2')
    def new(self):
        p = self.request.POST
        if self.request.method != 'POST':
            return {'error': None}
        guest = get_or_404(Guest, p['guest_id'])
        try:
            res = lodging.create_reservation(guest, p['unit_type'], parse_date(p['arrival']),
                                             parse_date(p['departure']),
                                             int(p.get('adults', 2)), int(p.get('children', 0)),
                                             special_requests=p.get('requests'),
                                             user=self.request.user)
        except lodging.LodgingError as e:
            return {'error': str(e)}
        return HTTPFound(self.request.route_url('reservation_detail', code=res.confirmation_code))

    @view_config(route_name='reservation_detail', renderer='resort:templates/lodging/detail.jinja2')
    def detail(self):
        res = self._res()
        if self.request.method == 'POST' and self.request.POST.get('action') == 'cancel':
            lodging.cancel_reservation(res, self.request.user, self.request.POST.get('reason'))
        return {'res': res}

    @view_config(route_name='reservation_checkin', request_method='POST')
    def checkin(self):
        res = self._res()
        lodging.check_in(res, int(self.request.POST.get('unit_id') or 0) or None)
        return HTTPFound(self.request.route_url('reservation_detail', code=res.confirmation_code))

    @view_config(route_name='reservation_checkout', request_method='POST')
    def checkout(self):
        res = self._res()
        lodging.check_out(res, settle=self.request.POST.get('settle', '1') == '1')
        return HTTPFound(self.request.route_url('reservation_detail', code=res.confirmation_code))


@view_config(route_name='housekeeping', renderer='resort:templates/lodging/housekeeping.jinja2',
             permission='lodging')
def housekeeping_board(request):
    day = parse_date(request.params.get('day'), local_today())
    if request.method == 'POST':
        task = get_or_404(HousekeepingTask, request.POST['task_id'])
        task.status = request.POST.get('status', 'done')
        if task.status == 'done':
            task.unit.status = 'clean'
    tasks = DBSession.query(HousekeepingTask).filter(HousekeepingTask.task_date == day) \
        .order_by(HousekeepingTask.status, HousekeepingTask.unit_id).all()
    return {'day': day, 'tasks': tasks}


@view_config(route_name='package_booking', renderer='resort:templates/lodging/package.jinja2',
             permission='lodging')
def package_booking_view(request):
    p = request.params
    arrival, departure = parse_date(p.get('arrival')), parse_date(p.get('departure'))
    if request.method == 'POST':
        guest = get_or_404(Guest, p['guest_id'])
        res, passes = packages.book_stay_and_ski(guest, p['unit_type'], arrival, departure,
                                                 int(p.get('skiers', 2)),
                                                 with_rental=bool(p.get('rental')),
                                                 user=request.user)
        return HTTPFound(request.route_url('reservation_detail', code=res.confirmation_code))
    price = None
    if arrival and departure and p.get('unit_type'):
        price = packages.package_price(p['unit_type'], arrival, departure,
                                       int(p.get('skiers', 2)), bool(p.get('rental')))
    return {'price': price}
