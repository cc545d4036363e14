from cellar.models.logistics import Delivery, DeliveryRoute, DeliveryStop, Vehicle
from cellar.repositories.base import BaseRepository


class DeliveryRepository(BaseRepository):
    model = Delivery

    def pending(self):
        return Delivery.query.filter_by(status="pending").all()

    def for_order(self, sales_order_id):
        return self.session.query(Delivery).filter_by(sales_order_id=sales_order_id).all()


class RouteRepository(BaseRepository):
    model = DeliveryRoute

    def for_date(self, route_date, zone=None):
        q = self.session.query(DeliveryRoute).filter(DeliveryRoute.route_date == route_date)
        if zone:
            q = q.filter(DeliveryRoute.zone == zone)
        return q.all()

    def free_vehicles(self, route_date):
        busy = self.session.query(DeliveryRoute.vehicle_id).filter(
            DeliveryRoute.route_date == route_date)
        return Vehicle.query.filter(Vehicle.active.is_(True), ~Vehicle.id.in_(busy)).all()

    def max_sequence(self, route_id):
        last = (DeliveryStop.query.filter_by(route_id=route_id)
                .order_by(DeliveryStop.sequence.desc()).first())
        return last.sequence if last else 0
