"""Shared lookups used by more than one service.

NB: a lot of this duplicates the per-area repositories; new code should use
those instead.  Left in place because the jobs and the depot screens import
from here.
"""
import time

from sqlalchemy import text

from wastecorp.extensions import db
from wastecorp.models.customer import Customer
from wastecorp.models.fleet import Vehicle
from wastecorp.models.staff import Employee
from wastecorp.models.route import Route, RouteStop
from wastecorp.models.materials import DisposalSite, WasteStream


class LookupCache(object):
    """Tiny TTL cache for reference data that hardly ever changes."""

    def __init__(self, ttl=300):
        self.ttl = ttl
        self._data = {}

    def get(self, key, loader):
        hit = self._data.get(key)
        if hit and hit[0] > time.time():
            return hit[1]
        value = loader()
        self._data[key] = (time.time() + self.ttl, value)
        return value

    def clear(self):
        self._data.clear()


_cache = LookupCache()


def count_rows(table_name):
    # table_name is never user input
    return db.session.execute(text("SELECT COUNT(*) FROM %s" % table_name)).scalar()


# --- customers -------------------------------------------------------------

def get_customer_by_account(account_no):
    return db.session.query(Customer).filter(Customer.account_no == account_no).first()


# --- fleet -----------------------------------------------------------------

def get_vehicle(vehicle_id):
    return db.session.query(Vehicle).get(vehicle_id)


def vehicle_by_registration(reg):
    reg = (reg or "").replace(" ", "").upper()
    return db.session.query(Vehicle).filter(Vehicle.registration == reg).first()


def active_vehicles(depot=None, vehicle_class=None):
    q = db.session.query(Vehicle).filter(Vehicle.status != "DISPOSED")
    if depot:
        q = q.filter(Vehicle.depot == depot)
    if vehicle_class:
        q = q.filter(Vehicle.vehicle_class == vehicle_class)
    return q.order_by(Vehicle.fleet_no).all()


# --- staff -----------------------------------------------------------------

def get_employee(employee_id):
    return db.session.query(Employee).get(employee_id)


def drivers_at_depot(depot):
    return (db.session.query(Employee)
            .filter(Employee.depot == depot, Employee.job_role == "DRIVER")
            .filter(Employee.end_date == None)  # noqa: E711
            .order_by(Employee.last_name).all())


# --- routes ----------------------------------------------------------------

def get_route_by_code(code):
    return _cache.get(("route", code), lambda: db.session.query(Route)
                      .filter(Route.code == code).first())


def routes_for_day(depot, weekday):
    return (db.session.query(Route)
            .filter(Route.depot == depot, Route.weekday == weekday,
                    Route.active == True)  # noqa: E712
            .order_by(Route.code).all())


def stops_for_route(route_id):
    return (db.session.query(RouteStop).filter(RouteStop.route_id == route_id)
            .order_by(RouteStop.sequence).all())


# --- weighbridge -----------------------------------------------------------

def get_disposal_site(code):
    return _cache.get(("site", code), lambda: db.session.query(DisposalSite)
                      .filter(DisposalSite.code == code).first())


def waste_stream_by_code(code):
    return _cache.get(("stream", code), lambda: db.session.query(WasteStream)
                      .filter(WasteStream.code == code).first())
