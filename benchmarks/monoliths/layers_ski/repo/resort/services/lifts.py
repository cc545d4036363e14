import datetime
import logging

from sqlalchemy import func

from ..dal.operations import LiftRepository, open_maintenance_orders
from ..models import DBSession
from ..models.mountain import Lift, LiftStatusLog, MaintenanceOrder, WeatherReading
from . import notifications

log = logging.getLogger(__name__)

STATUSES = ('open', 'closed', 'hold', 'wind_hold', 'maintenance')


def set_lift_status(lift, status, reason=None, user=None):
    if status not in STATUSES:
        raise ValueError(status)
    if lift.status == status:
        return None
    entry = LiftStatusLog(lift_id=lift.id, status=status, reason=reason,
                          changed_by=user.id if user else None)
    lift.status = status
    DBSession.add(entry)
    return entry


def open_lift(lift, user=None):
    blocking = [o for o in open_maintenance_orders(lift.id) if o.priority == 1]
    if blocking:
        raise ValueError('priority 1 work order open: %s' % blocking[0].title)
    return set_lift_status(lift, 'open', 'opened', user)


def close_lift(lift, reason='end of day', user=None):
    return set_lift_status(lift, 'closed', reason, user)


def open_maintenance_order(lift, title, priority=3, description=None, user=None):
    order = MaintenanceOrder(lift_id=lift.id, title=title, priority=priority,
                             description=description)
    DBSession.add(order)
    if priority == 1:
        set_lift_status(lift, 'maintenance', title, user)
        notifications.notify_ops_pager('%s DOWN: %s' % (lift.name, title))
    return order


def close_maintenance_order(order, technician, downtime_minutes=0, parts_cost=None):
    order.status = 'closed'
    order.closed_at = datetime.datetime.utcnow()
    order.technician = technician
    order.downtime_minutes = downtime_minutes
    order.parts_cost = parts_cost
    return order


def check_wind_holds(now=None):
    """Put lifts on wind hold when their station reads over the limit, and
    release them again. Runs every 5 minutes from the scheduler."""
    now = now or datetime.datetime.utcnow()
    since = now - datetime.timedelta(minutes=15)
    gusts = dict(DBSession.query(WeatherReading.station, func.max(WeatherReading.gust_kmh))
                 .filter(WeatherReading.read_at >= since)
                 .group_by(WeatherReading.station).all())
    changed = []
    for lift in DBSession.query(Lift).filter(Lift.status.in_(('open', 'wind_hold'))):
        gust = gusts.get(lift.weather_station)
        if gust is None:
            continue
        if lift.status == 'open' and gust > lift.wind_limit_kmh:
            set_lift_status(lift, 'wind_hold', 'gusts %d km/h' % gust)
            changed.append(lift)
        elif lift.status == 'wind_hold' and gust < lift.wind_limit_kmh * 0.8:
            set_lift_status(lift, 'open', 'wind dropped')
            changed.append(lift)
    return changed


def lift_board():
    repo = LiftRepository()
    orders = {}
    for o in open_maintenance_orders():
        orders.setdefault(o.lift_id, []).append(o)
    return [{'sector': sector, 'lifts': [(l, orders.get(l.id, [])) for l in lifts]}
            for sector, lifts in sorted(repo.all_by_sector().items())]
