from cellar.models.user import Role, User
from cellar.repositories.base import BaseRepository


class UserRepository(BaseRepository):
    model = User

    def by_email(self, email):
        return User.query.filter_by(email=email.lower()).first()

    def sales_reps(self):
        return (self.session.query(User).filter(User.is_sales_rep.is_(True), User.active.is_(True))
                .order_by(User.full_name).all())

    def role(self, name):
        return Role.query.filter_by(name=name).first()
