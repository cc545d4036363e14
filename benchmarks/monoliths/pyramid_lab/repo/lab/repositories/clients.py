import hashlib
import hmac

from sqlalchemy import select, and_, or_, func, text

from lab.db.tables import clients, client_contacts, client_sites, portal_users
from lab.lib import RecordNotFound, InvalidInput
from lab.lib.dates import utcnow
from lab.repositories import BaseRepository


class ClientRepository(BaseRepository):
    table = clients

    def by_code(self, code):
        return self.conn.execute(
            select([clients]).where(clients.c.code == code.upper())
        ).first()

    def create(self, code, name, **values):
        if self.by_code(code) is not None:
            raise InvalidInput("client code %s already exists" % code)
        return self.insert(code=code.upper(), name=name, **values)

    def active(self):
        return self.all(clients.c.archived == False, order_by=clients.c.name)  # noqa: E712

    def sites(self, client_id, include_inactive=False):
        q = select([client_sites]).where(client_sites.c.client_id == client_id)
        if not include_inactive:
            q = q.where(client_sites.c.active == True)  # noqa: E712
        return self.conn.execute(q.order_by(client_sites.c.name)).fetchall()

    def add_site(self, client_id, name, **values):
        res = self.conn.execute(client_sites.insert().values(client_id=client_id, name=name, **values))
        return res.inserted_primary_key[0]

    def set_on_hold(self, client_id, on_hold=True):
        self.update(client_id, on_hold=on_hold)

    def archive(self, client_id):
        self.update(client_id, archived=True)


def find_clients_by_name(conn, term, limit=20):
    like = "%%%s%%" % term.strip()
    q = (
        select([clients.c.id, clients.c.code, clients.c.name, clients.c.on_hold])
        .where(or_(clients.c.name.ilike(like), clients.c.code.ilike(like)))
        .where(clients.c.archived == False)  # noqa: E712
        .order_by(clients.c.name)
        .limit(limit)
    )
    return conn.execute(q).fetchall()


def get_client_contacts(conn, client_id, role=None, active_only=True):
    q = select([client_contacts]).where(client_contacts.c.client_id == client_id)
    if role:
        q = q.where(client_contacts.c.role == role)
    if active_only:
        q = q.where(client_contacts.c.active == True)  # noqa: E712
    return conn.execute(q.order_by(client_contacts.c.name)).fetchall()


def get_contact(conn, contact_id):
    row = conn.execute(select([client_contacts]).where(client_contacts.c.id == contact_id)).first()
    if row is None:
        raise RecordNotFound("contact %s not found" % contact_id)
    return row


def save_contact(conn, client_id, data, contact_id=None):
    values = dict(
        name=data["name"],
        email=data.get("email"),
        phone=data.get("phone"),
        role=data.get("role", "primary"),
        receives_certificates=data.get("receives_certificates", True),
    )
    if contact_id:
        conn.execute(client_contacts.update().where(client_contacts.c.id == contact_id).values(**values))
        return contact_id
    res = conn.execute(client_contacts.insert().values(client_id=client_id, **values))
    return res.inserted_primary_key[0]


def get_billing_contact(conn, client_id):
    """Billing contact, falling back to the primary contact."""
    rows = conn.execute(
        select([client_contacts])
        .where(and_(client_contacts.c.client_id == client_id,
                    client_contacts.c.active == True,  # noqa: E712
                    client_contacts.c.role.in_(["billing", "primary"])))
    ).fetchall()
    for r in rows:
        if r.role == "billing":
            return r
    return rows[0] if rows else None


def certificate_recipients(conn, client_id):
    q = select([client_contacts]).where(
        and_(client_contacts.c.client_id == client_id,
             client_contacts.c.receives_certificates == True,  # noqa: E712
             client_contacts.c.active == True)  # noqa: E712
    )
    return conn.execute(q).fetchall()


def _hash_password(password, salt):
    return hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt.encode("utf-8"), 50000).hex()


def create_portal_user(conn, client_id, login, password, contact_id=None):
    salt = login.lower()
    res = conn.execute(portal_users.insert().values(
        client_id=client_id, contact_id=contact_id, login=login.lower(),
        password_hash=_hash_password(password, salt), active=True,
    ))
    return res.inserted_primary_key[0]


def authenticate_portal_user(conn, login, password):
    row = conn.execute(select([portal_users]).where(portal_users.c.login == login.lower())).first()
    if row is None or not row.active:
        return None
    if row.failed_attempts and row.failed_attempts >= 5:
        return None
    ok = hmac.compare_digest(row.password_hash or "", _hash_password(password, row.login))
    if ok:
        conn.execute(portal_users.update().where(portal_users.c.id == row.id)
                     .values(last_login=utcnow(), failed_attempts=0))
        return row
    conn.execute(portal_users.update().where(portal_users.c.id == row.id)
                 .values(failed_attempts=portal_users.c.failed_attempts + 1))
    return None


def client_outstanding_balance(conn, client_id):
    # FIXME: doesn't account for credit notes, finance know about it
    sql = text(
        """
        SELECT COALESCE(SUM(i.gross_total), 0) - COALESCE((
            SELECT SUM(p.amount) FROM payments p
            JOIN invoices i2 ON i2.id = p.invoice_id
            WHERE i2.client_id = :cid AND i2.status IN ('issued', 'part_paid')
        ), 0) AS balance
        FROM invoices i
        WHERE i.client_id = :cid AND i.status IN ('issued', 'part_paid')
        """
    )
    return conn.execute(sql, cid=client_id).scalar() or 0
