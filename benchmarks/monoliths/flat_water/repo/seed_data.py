"""Reference data for a fresh database.  python seed_data.py"""
import sys

import config
import db
import auth

COMPLAINT_CATEGORIES = [
    # code, name, sla_hours, creates_wo, default_wo_type
    ('NOWATER', 'No water', 8, 1, 'INSPECT'),
    ('LEAK', 'Leak on street / meter', 24, 1, 'LEAK'),
    ('BURST', 'Burst pipe', 4, 1, 'BURST'),
    ('LOWP', 'Low pressure', 48, 1, 'INSPECT'),
    ('QUALITY', 'Dirty water / taste / smell', 24, 0, None),
    ('BILLQ', 'Billing query', 120, 0, None),
    ('METER', 'Meter stuck / damaged', 72, 1, 'METER_EXCH'),
    ('OTHER', 'Other', 120, 0, None),
]

QUALITY_PARAMETERS = [
    # code, name, unit, min, max, critical
    ('ECOLI', 'E. coli', 'count/100ml', None, 0, 1),
    ('TCOLI', 'Total coliforms', 'count/100ml', None, 10, 0),
    ('CL_FREE', 'Free chlorine', 'mg/l', 0.2, 5, 1),
    ('TURB', 'Turbidity', 'NTU', None, 1, 0),
    ('PH', 'pH', '', 5.0, 9.7, 0),
    ('EC', 'Conductivity', 'mS/m', None, 170, 0),
    ('NO3', 'Nitrate as N', 'mg/l', None, 11, 1),
]


def seed_roles():
    for r in ('admin', 'billing', 'cashier', 'field', 'lab', 'csr'):
        db.execute('INSERT OR IGNORE INTO roles (name) VALUES (?)', (r,))
    if not db.query_one("SELECT id FROM users WHERE username = 'admin'"):
        auth.create_user('admin', 'System Administrator', None, 'changeme', ['admin'])


def seed_complaint_categories():
    for code, name, sla, wo, wo_type in COMPLAINT_CATEGORIES:
        db.execute('INSERT OR IGNORE INTO complaint_categories (code, name, sla_hours, creates_wo, default_wo_type) '
                   'VALUES (?, ?, ?, ?, ?)', (code, name, sla, wo, wo_type))


def seed_quality_parameters():
    for code, name, unit, lo, hi, crit in QUALITY_PARAMETERS:
        db.execute('INSERT OR IGNORE INTO quality_parameters (code, name, unit, min_limit, max_limit, critical) '
                   'VALUES (?, ?, ?, ?, ?, ?)', (code, name, unit, lo, hi, crit))


def seed_tariffs():
    import billing
    if db.query_one('SELECT id FROM tariffs LIMIT 1'):
        return
    billing.create_tariff('RES', 'Domestic', 'RES', '95.00', '70', '2021-07-01',
                          [(0, 6, '0.00'), (6, 15, '18.40'), (15, 30, '26.90'), (30, None, '41.75')])
    billing.create_tariff('COM', 'Business', 'COM', '310.00', '95', '2021-07-01', [(0, None, '29.80')])
    billing.create_tariff('IND', 'Industrial', 'IND', '1250.00', '95', '2021-07-01', [(0, None, '27.10')])
    billing.create_tariff('GOV', 'Government / schools', 'GOV', '310.00', '95', '2021-07-01', [(0, None, '24.60')])


def main():
    config.load_config()
    db.init_db()
    seed_roles()
    seed_complaint_categories()
    seed_quality_parameters()
    seed_tariffs()
    print('seeded')


if __name__ == '__main__':
    sys.exit(main())
