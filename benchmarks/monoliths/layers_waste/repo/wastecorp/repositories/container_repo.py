from sqlalchemy import text, func

from wastecorp.models.containers import (Container, ContainerType,
                                         ContainerAssignment, ContainerMovement,
                                         RfidTag)
from wastecorp.repositories.base_repo import BaseRepository


class ContainerRepository(BaseRepository):
    model = Container

    def by_serial(self, serial_no):
        return self.query().filter(Container.serial_no == serial_no).first()

    def at_address(self, service_address_id):
        return (self.query()
                .filter(Container.service_address_id == service_address_id)
                .filter(Container.status == "DEPLOYED").all())

    def in_stock(self, depot, container_type_id=None):
        q = self.query().filter(Container.status == "STOCK", Container.depot == depot)
        if container_type_id:
            q = q.filter(Container.container_type_id == container_type_id)
        return q

    def by_tag(self, tag_uid):
        return (self.session.query(Container).join(RfidTag)
                .filter(RfidTag.tag_uid == tag_uid, RfidTag.active == True)  # noqa: E712
                .first())

    def open_assignment(self, container_id):
        return (self.session.query(ContainerAssignment)
                .filter(ContainerAssignment.container_id == container_id)
                .filter(ContainerAssignment.removed_on == None)  # noqa: E711
                .first())

    def pending_movements(self, depot=None):
        q = (self.session.query(ContainerMovement)
             .filter(ContainerMovement.completed_at == None))  # noqa: E711
        if depot:
            q = q.join(Container).filter(Container.depot == depot)
        return q.order_by(ContainerMovement.requested_on).all()


class ContainerTypeRepository(BaseRepository):
    model = ContainerType

    def by_code(self, code):
        return self.query().filter(ContainerType.code == code).first()

    def stock_counts(self, depot):
        return (self.session.query(ContainerType.code, func.count(Container.id))
                .outerjoin(Container, (Container.container_type_id == ContainerType.id)
                           & (Container.status == "STOCK") & (Container.depot == depot))
                .group_by(ContainerType.code).all())


def containers_due_for_replacement(session, max_age_years=8):
    sql = text("""
        SELECT c.id, c.serial_no, t.code AS type_code, c.purchased_on, c.condition
          FROM containers c
          JOIN container_types t ON t.id = c.container_type_id
         WHERE c.status = 'DEPLOYED'
           AND (c.condition = 'POOR'
                OR c.purchased_on < CURRENT_DATE - (:yrs * INTERVAL '1 year'))
         ORDER BY c.purchased_on
    """)
    return [dict(r._mapping) for r in session.execute(sql, {"yrs": max_age_years})]
