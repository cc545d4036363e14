from sqlalchemy import func, or_, text

from ..models import DBSession
from ..models.guests import Guest, UserAccount, AuthToken
from .base import BaseRepository


class GuestRepository(BaseRepository):
    model = Guest

    def find_by_email(self, email):
        return self.query().filter(func.lower(Guest.email) == email.lower().strip(),
                                   Guest.deleted == False).first()  # noqa

    def search(self, term, limit=50):
        like = '%%%s%%' % term.strip()
        q = self.query().filter(Guest.deleted == False)  # noqa
        if term.isdigit():
            return q.filter(Guest.id == int(term)).all()
        return q.filter(or_(Guest.last_name.ilike(like),
                            Guest.first_name.ilike(like),
                            Guest.email.ilike(like),
                            Guest.phone.ilike(like))) \
            .order_by(Guest.last_name, Guest.first_name).limit(limit).all()

    def snow_alert_subscribers(self):
        return self.query().filter(Guest.snow_alerts == True,  # noqa
                                   Guest.email != None,  # noqa
                                   Guest.deleted == False).all()  # noqa


class AccountRepository(BaseRepository):
    model = UserAccount

    def by_username(self, username):
        return self.query().filter(
            or_(UserAccount.username == username,
                UserAccount.email == username)).first()

    def by_token(self, token, purpose='reset'):
        return DBSession.query(AuthToken).filter(AuthToken.token == token,
                                                 AuthToken.purpose == purpose).first()

    def staff(self):
        return self.query().filter(UserAccount.role != 'guest') \
            .order_by(UserAccount.username).all()


def find_duplicate_guests(limit=200):
    sql = text("""
        SELECT lower(email) AS email, count(*) AS n, array_agg(id ORDER BY id) AS ids
          FROM guests
         WHERE email IS NOT NULL AND deleted = false
         GROUP BY lower(email)
        HAVING count(*) > 1
         ORDER BY n DESC
         LIMIT :limit
    """)
    return DBSession.execute(sql, {'limit': limit}).fetchall()
