from datetime import date

from cellar.models.orders import PriceList, PriceListItem, SalesOrder, SalesOrderLine
from cellar.repositories.base import BaseRepository


class SalesOrderRepository(BaseRepository):
    model = SalesOrder

    def by_number(self, number):
        return SalesOrder.query.filter_by(number=number).first()

    def for_customer(self, customer_id, limit=50):
        return (self.session.query(SalesOrder).filter_by(customer_id=customer_id)
                .order_by(SalesOrder.order_date.desc()).limit(limit).all())

    def awaiting_allocation(self):
        return (self.session.query(SalesOrder)
                .filter(SalesOrder.status == "confirmed").order_by(SalesOrder.requested_delivery).all())

    def backorder_lines(self, wine_id=None):
        q = SalesOrderLine.query.filter(SalesOrderLine.backorder.is_(True))
        if wine_id:
            q = q.filter(SalesOrderLine.wine_id == wine_id)
        return q.all()


class PriceListRepository(BaseRepository):
    model = PriceList

    def by_code(self, code):
        return PriceList.query.filter_by(code=code).first()

    def current(self, code):
        today = date.today()
        return (self.session.query(PriceList)
                .filter(PriceList.code == code, PriceList.published.is_(True))
                .filter(PriceList.valid_from <= today)
                .order_by(PriceList.valid_from.desc()).first())

    def item(self, price_list_id, wine_id):
        return (self.session.query(PriceListItem)
                .filter_by(price_list_id=price_list_id, wine_id=wine_id).first())
