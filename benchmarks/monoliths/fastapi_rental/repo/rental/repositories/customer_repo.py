from sqlalchemy import func, or_, select

from rental.models import Account, Customer, CustomerStatus, DrivingLicence, Reservation, ReservationStatus
from rental.repositories.base import BaseRepository


class CustomerRepository(BaseRepository):
    model = Customer

    def by_email(self, email):
        return self.db.scalar(select(Customer).where(func.lower(Customer.email) == email.strip().lower()))

    def search(self, term):
        like = f"%{term}%"
        q = self.query().filter(or_(Customer.last_name.ilike(like), Customer.email.ilike(like),
                                    Customer.phone.ilike(like)))
        return q.filter(Customer.status != CustomerStatus.MERGED)

    def valid_licence(self, customer_id, on_date):
        stmt = select(DrivingLicence).where(
            DrivingLicence.customer_id == customer_id,
            DrivingLicence.expires_on >= on_date,
        ).order_by(DrivingLicence.expires_on.desc())
        return self.db.scalar(stmt)

    def completed_rentals(self, customer_id):
        stmt = select(func.count(Reservation.id)).where(
            Reservation.customer_id == customer_id, Reservation.status == ReservationStatus.RETURNED)
        return self.db.scalar(stmt) or 0

    def expiring_licences(self, before):
        return list(self.db.scalars(select(DrivingLicence).where(DrivingLicence.expires_on < before)))


class AccountRepository(BaseRepository):
    model = Account

    def by_vat(self, vat_number):
        return self.db.scalar(select(Account).where(Account.vat_number == vat_number))

    def members(self, account_id):
        return list(self.db.scalars(select(Customer).where(Customer.account_id == account_id)))
