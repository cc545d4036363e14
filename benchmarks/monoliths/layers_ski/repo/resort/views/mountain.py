import datetime

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config, view_defaults

from ..dal.base import get_or_404
from ..dal.operations import latest_snow_report, open_maintenance_orders
from ..lib.dates import local_today
from ..models import DBSession
from ..models.mountain import GroomingLog, Lift, MaintenanceOrder, SnowReport, Trail
from ..services import lifts, snow


@view_defaults(permission='ops')
class LiftViews(object):

    def __init__(self, request):
        self.request = request

    @view_config(route_name='lift_board', renderer='resort:templates/mountain/lifts.jinja2')
    def board(self):
        return {'board': lifts.lift_board()}

    @view_config(route_name='lift_toggle', request_method='POST')
    def toggle(self):
        lift = get_or_404(Lift, self.request.matchdict['id'])
        wanted = self.request.POST.get('status')
        try:
            if wanted == 'open':
                lifts.open_lift(lift, self.request.user)
            else:
                lifts.set_lift_status(lift, wanted or 'closed',
                                      self.request.POST.get('reason'), self.request.user)
        except ValueError as e:
            self.request.session.flash(str(e))
        return HTTPFound(self.request.route_url('lift_board'))

    @view_config(route_name='maintenance_list',
                 renderer='resort:templates/mountain/maintenance.jinja2')
    def maintenance(self):
        if self.request.method == 'POST':
            order = get_or_404(MaintenanceOrder, self.request.POST['order_id'])
            lifts.close_maintenance_order(order, self.request.user.username,
                                          int(self.request.POST.get('downtime') or 0),
                                          self.request.POST.get('parts_cost') or None)
        return {'orders': open_maintenance_orders()}

    @view_config(route_name='maintenance_new',
                 renderer='resort:templates/mountain/maintenance_new.jinja2')
    def maintenance_new(self):
        if self.request.method == 'POST':
            lift = get_or_404(Lift, self.request.POST['lift_id'])
            lifts.open_maintenance_order(lift, self.request.POST['title'],
                                         int(self.request.POST.get('priority', 3)),
                                         self.request.POST.get('description'),
                                         self.request.user)
            return HTTPFound(self.request.route_url('maintenance_list'))
        return {'lifts': DBSession.query(Lift).order_by(Lift.name).all()}


@view_defaults(permission='ops')
class SnowViews(object):

    def __init__(self, request):
        self.request = request

    @view_config(route_name='snow_report', renderer='resort:templates/mountain/snow.jinja2',
                 permission='public')
    def report(self):
        return snow.conditions_summary()

    @view_config(route_name='snow_report_edit',
                 renderer='resort:templates/mountain/snow_edit.jinja2')
    def edit(self):
        if self.request.method == 'POST':
            report = snow.save_snow_report(self.request.POST, self.request.user)
            if self.request.POST.get('publish'):
                snow.publish_snow_report(report)
            return HTTPFound(self.request.route_url('snow_report'))
        today = DBSession.query(SnowReport).filter(SnowReport.report_date == local_today()).first()
        return {'report': today or latest_snow_report(False)}

    @view_config(route_name='grooming_log', renderer='resort:templates/mountain/grooming.jinja2')
    def grooming(self):
        if self.request.method == 'POST':
            trail = get_or_404(Trail, self.request.POST['trail_id'])
            snow.record_grooming(trail, self.request.POST.get('machine'),
                                 self.request.POST.get('operator'),
                                 self.request.POST.get('pass_type', 'full'),
                                 self.request.POST.get('hours') or None)
        since = datetime.datetime.utcnow() - datetime.timedelta(hours=24)
        logs = DBSession.query(GroomingLog).filter(GroomingLog.groomed_at >= since) \
            .order_by(GroomingLog.groomed_at.desc()).all()
        return {'logs': logs, 'trails': DBSession.query(Trail).order_by(Trail.name).all()}
