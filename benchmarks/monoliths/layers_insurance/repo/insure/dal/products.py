from insure.dal.base import BaseRepository
from insure.models.product import Product, RatingFactor, Tariff


class ProductRepo(BaseRepository):
    model = Product

    def by_code(self, code):
        return self.query().filter_by(code=code).first()

class TariffRepo(BaseRepository):
    model = Tariff

    def live_for(self, product_id, on_date):
        return (self.query()
                .filter(Tariff.product_id == product_id, Tariff.status == "live")
                .filter(Tariff.valid_from <= on_date)
                .filter((Tariff.valid_to == None) | (Tariff.valid_to >= on_date))  # noqa: E711
                .order_by(Tariff.valid_from.desc())
                .first())

    def factors(self, tariff_id, factor_name=None):
        q = self.session.query(RatingFactor).filter(RatingFactor.tariff_id == tariff_id)
        if factor_name:
            q = q.filter(RatingFactor.factor_name == factor_name)
        return q.all()
