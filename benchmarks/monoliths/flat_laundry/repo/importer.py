"""
importer.py - one-off imports from the old Access database (2009 migration)
and the supplier's linen catalogue spreadsheet. Still used for new catalogue lines.
"""
import csv
import logging

import db
import util
import accounts
import linen

log = logging.getLogger('lhs.import')


def read_csv_rows(path, encoding='latin-1'):
    with open(path, encoding=encoding) as f:
        for row in csv.DictReader(f):
            yield dict((k.strip().lower(), (v or '').strip()) for k, v in row.items() if k)


def import_customers(path, dry_run=False):
    n = 0
    for row in read_csv_rows(path):
        if accounts.get_customer_by_account(row['account']):
            continue
        sector = {'H': 'hotel', 'N': 'hospital', 'R': 'restaurant', 'C': 'care_home'}.get(row.get('type', 'H')[:1], 'hotel')
        if dry_run:
            n += 1
            continue
        cid = accounts.create_customer({'account_no': row['account'], 'name': row['name'], 'sector': sector,
                                        'billing_email': row.get('email') or None})
        accounts.add_site(cid, {'name': row.get('site') or row['name'], 'address1': row.get('addr1'),
                                'town': row.get('town'), 'postcode': row.get('postcode')})
        n += 1
    log.info('imported %d customers', n)
    return n


def import_linen_catalogue(path):
    n = 0
    for row in read_csv_rows(path):
        sku = row['sku'].upper()
        exists = db.fetch_value("SELECT id FROM linen_types WHERE sku = '" + sku + "'")
        if exists:
            db.run("UPDATE linen_types SET description = %s, weight_g = %s, replacement_cost = %s WHERE id = %s",
                   (row['description'], util.to_int(row['weight']), util.to_decimal(row.get('cost')), exists))
        else:
            linen.create_linen_type(sku, row['category'], row['description'], util.to_int(row['weight']),
                                    replacement_cost=util.to_decimal(row.get('cost')))
        n += 1
    return n


def import_staff(path):
    # used once, 2010. payroll bureau list.
    n = 0
    for row in read_csv_rows(path):
        db.run("INSERT INTO staff (payroll_no, first_name, last_name, role, hourly_rate) VALUES (%s,%s,%s,%s,%s)",
               (row['payroll'], row['first'], row['last'], row.get('role') or 'operator', util.to_decimal(row.get('rate'))))
        n += 1
    return n
