from sqlalchemy import or_

from cellar.models.product import Producer, Wine
from cellar.repositories.base import BaseRepository


class ProducerRepository(BaseRepository):
    model = Producer

    def active(self):
        return (self.session.query(Producer)
                .filter(Producer.active.is_(True), Producer.deleted_at.is_(None))
                .order_by(Producer.name).all())

    def by_country(self, country):
        return Producer.query.filter_by(country=country.upper()).all()


class WineRepository(BaseRepository):
    model = Wine

    def by_sku(self, sku):
        return self.session.query(Wine).filter(Wine.sku == sku.upper()).first()

    def search(self, term, include_inactive=False):
        like = "%%%s%%" % term
        q = self.session.query(Wine).filter(or_(Wine.name.ilike(like), Wine.sku.ilike(like),
                                                Wine.appellation.ilike(like)))
        if not include_inactive:
            q = q.filter(Wine.is_active.is_(True))
        return q.order_by(Wine.name).limit(100).all()

    def for_producer(self, producer_id):
        return Wine.query.filter_by(producer_id=producer_id).order_by(Wine.vintage.desc()).all()
