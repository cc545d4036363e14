"""Admin command line: python manage.py initdb | create-admin NAME | import-parcels FILE.csv"""
import csv
import getpass
import sys

import bcrypt

from models.base import init_db, session_scope


def create_admin(username):
    from models.core import StaffMember

    password = getpass.getpass("password for %s: " % username)
    with session_scope() as session:
        session.add(StaffMember(username=username, full_name=username, roles="admin",
                                password_hash=bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode()))


def import_parcels(path):
    """Assessor extract (CSV). Updates owners of existing parcels, adds new ones."""
    from models.core import Parcel
    from utils.geo import district_for_point

    with session_scope() as session, open(path, newline="") as fh:
        for row in csv.DictReader(fh):
            parcel = session.query(Parcel).filter_by(apn=row["APN"]).first() or Parcel(apn=row["APN"])
            parcel.street_number, parcel.street_name = row["SITUS_NUM"], row["SITUS_STREET"].title()
            parcel.zoning, parcel.owner_name = row["ZONING"], row["OWNER"]
            parcel.latitude, parcel.longitude = row["LAT"] or None, row["LON"] or None
            district = district_for_point(session, parcel.longitude, parcel.latitude)
            parcel.district_id = district.id if district else None
            session.add(parcel)


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    {"initdb": init_db, "create-admin": create_admin, "import-parcels": import_parcels}[command](*args)
