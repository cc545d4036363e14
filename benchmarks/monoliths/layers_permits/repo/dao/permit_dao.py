# Data access from the first release, before repositories/ existed.
# Only the public portal and the state export still use it. New code: use repositories.
from sqlalchemy import text

from models.base import Session


def get_permit_by_number(number):
    row = Session().execute(text("""
        SELECT p.id, p.number, p.status, p.issued_at, p.expires_on, pa.permit_type, pa.description,
               pc.street_number || ' ' || pc.street_name AS address
          FROM permits p
          JOIN permit_applications pa ON pa.id = p.application_id
          JOIN parcels pc ON pc.id = pa.parcel_id
         WHERE p.number = :n
    """), {"n": number}).first()
    return dict(row._mapping) if row else None
