from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config, view_defaults

from ..dal.base import get_or_404
from ..dal.commerce import RentalRepository, items_due_for_tuning
from ..models import DBSession
from ..models.guests import Guest
from ..models.rental import EquipmentCategory, EquipmentItem, RentalOrder, TuningJob
from ..services import rental


@view_defaults(permission='rental')
class RentalCounterViews(object):

    def __init__(self, request):
        self.request = request

    @view_config(route_name='rental_counter', renderer='resort:templates/rental/counter.jinja2')
    def counter(self):
        repo = RentalRepository()
        return {'open': repo.open_orders(), 'overdue': repo.overdue()}

    @view_config(route_name='rental_new', renderer='resort:templates/rental/new.jinja2')
    def new(self):
        request = self.request
        if request.method != 'POST':
            return {'categories': DBSession.query(EquipmentCategory).all()}
        guest = get_or_404(Guest, request.POST['guest_id'])
        days = int(request.POST.get('days', 1))
        order = rental.create_rental_order(
            guest, days, skier_type=int(request.POST.get('skier_type') or 1),
            weight_kg=int(request.POST.get('weight_kg') or 0) or None,
            height_cm=int(request.POST.get('height_cm') or 0) or None,
            boot_sole_mm=int(request.POST.get('boot_sole_mm') or 0) or None)
        for tag in request.POST.getall('asset_tag'):
            item = DBSession.query(EquipmentItem).filter(EquipmentItem.asset_tag == tag).one()
            rental.add_item(order, item, days)
        rental.checkout_order(order, request.user)
        return HTTPFound(request.route_url('rental_counter'))

    @view_config(route_name='rental_return', renderer='resort:templates/rental/return.jinja2')
    def return_(self):
        order = get_or_404(RentalOrder, self.request.matchdict['id'])
        if self.request.method == 'POST':
            damaged = {}
            for line in order.lines:
                note = self.request.POST.get('damage_%d' % line.item_id)
                if note:
                    damaged[line.item_id] = note
            rental.return_order(order, damaged, self.request.user)
            return HTTPFound(self.request.route_url('rental_counter'))
        return {'order': order}

    @view_config(route_name='equipment_list', renderer='resort:templates/rental/equipment.jinja2')
    def equipment(self):
        q = DBSession.query(EquipmentItem).filter(EquipmentItem.deleted == False)  # noqa
        if self.request.params.get('category'):
            q = q.filter(EquipmentItem.category_id == int(self.request.params['category']))
        return {'items': q.order_by(EquipmentItem.asset_tag).all()}


@view_config(route_name='tuning_queue', renderer='resort:templates/rental/tuning.jinja2',
             permission='rental')
def tuning_queue_view(request):
    if request.method == 'POST':
        job = get_or_404(TuningJob, request.POST['job_id'])
        rental.complete_tuning(job, request.user.username)
        return HTTPFound(request.route_url('tuning_queue'))
    jobs = DBSession.query(TuningJob).filter(TuningJob.completed_at == None) \
        .order_by(TuningJob.requested_at).all()  # noqa
    return {'jobs': jobs, 'due': items_due_for_tuning()}
