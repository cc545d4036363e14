import datetime as dt

from sqlalchemy import text

from models.core import Contractor
from models.licensing import ContractorLicense
from repositories.base import BaseRepository


class ContractorRepository(BaseRepository):
    model = Contractor

    def search(self, name=None, license_class=None, status=None):
        q = self.query()
        if name:
            q = q.filter(Contractor.business_name.ilike("%%%s%%" % name) | Contractor.dba.ilike("%%%s%%" % name))
        if status:
            q = q.filter(Contractor.status == status)
        if license_class:
            q = q.join(ContractorLicense).filter(ContractorLicense.license_class == license_class)
        return q.order_by(Contractor.business_name)

    def permit_history(self, contractor_id, limit=100):
        # used on the contractor page; reads the permit tables directly
        rows = self.session.execute(text("""
            SELECT pa.number, pa.permit_type, pa.status, p.number AS permit_number,
                   p.status AS permit_status, pa.submitted_at
              FROM permit_applications pa
              LEFT JOIN permits p ON p.application_id = pa.id
             WHERE pa.contractor_id = :cid
                OR pa.id IN (SELECT application_id FROM application_contractors WHERE contractor_id = :cid)
             ORDER BY pa.submitted_at DESC
             LIMIT :limit
        """), {"cid": contractor_id, "limit": limit})
        return [dict(r._mapping) for r in rows]


class LicenseRepository(BaseRepository):
    model = ContractorLicense

    def by_number(self, number):
        return self.query().filter(ContractorLicense.number == number.strip().upper()).first()

    def expiring_within(self, days, today=None):
        today = today or dt.date.today()
        return (self.query()
                .filter(ContractorLicense.status == "active")
                .filter(ContractorLicense.expires_on >= today)
                .filter(ContractorLicense.expires_on <= today + dt.timedelta(days=days))
                .all())

    def lapsed(self, today):
        return (self.query()
                .filter(ContractorLicense.status == "active", ContractorLicense.expires_on < today)
                .all())
