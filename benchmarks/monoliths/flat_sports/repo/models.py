"""
Plain model classes built on base.BaseRepository.

Only a handful of screens use these - most code calls queries.py.
"""
from base import BaseRepository, Row
from db import query_all, query_scalar


class Customers(BaseRepository):
    table = 'customers'

    def active(self):
        return [Row(r) for r in query_all('SELECT * FROM customers WHERE is_active ORDER BY last_name')]


class Facilities(BaseRepository):
    table = 'facilities'

    def for_site(self, site_id):
        return self.find(site_id=site_id)


class Bookings(BaseRepository):
    table = 'bookings'

    def by_ref(self, ref):
        rows = self.find(ref=ref)
        return rows[0] if rows else None


class MembershipPlans(BaseRepository):
    table = 'membership_plans'


class Memberships(BaseRepository):
    table = 'memberships'

    def count_by_plan(self):
        return query_all("""SELECT plan_id, count(*) AS n FROM memberships
                            WHERE status = 'active' GROUP BY plan_id""")


class Leagues(BaseRepository):
    table = 'leagues'


class Teams(BaseRepository):
    table = 'teams'


class Courses(BaseRepository):
    table = 'courses'

    def enrolled(self, course_id):
        return query_scalar("SELECT count(*) FROM enrolments WHERE course_id = %s AND status = 'confirmed'",
                            (course_id,), default=0)


class Invoices(BaseRepository):
    table = 'invoices'


class EquipmentItems(BaseRepository):
    table = 'equipment_items'


class StaffMembers(BaseRepository):
    table = 'staff'


class Shifts(BaseRepository):
    table = 'shifts'
