# -*- coding: utf-8 -*-
# File importers, run by hand or from cron_import.sh. Python 2 only (csv unicode hell).
import csv
import os
import sys
import datetime

import db
import utils
import inventory


def read_csv(path, skip_header=True):
    f = open(path, 'rb')
    try:
        rows = list(csv.reader(f))
    finally:
        f.close()
    if skip_header and rows:
        rows = rows[1:]
    return [[c.decode('latin-1').strip() for c in r] for r in rows]


def import_supplier_pricefile(path, supplier_id):
    """Supplier monthly price file: part_no, description, cost, retail, superseded_by"""
    new, updated = 0, 0
    for row in read_csv(path):
        if len(row) < 4:
            continue
        part_no, desc, cost, retail = row[0].upper(), row[1], utils.to_decimal(row[2]), utils.to_decimal(row[3])
        existing = db.query_one('SELECT id FROM parts WHERE part_no = %s', (part_no,))
        if existing:
            db.execute('UPDATE parts SET description = %s, cost = %s, retail = %s WHERE id = %s',
                       (desc, cost, retail, existing['id']))
            updated += 1
        else:
            db.execute('INSERT INTO parts (part_no, description, supplier_id, cost, retail) '
                       'VALUES (%s, %s, %s, %s, %s)', (part_no, desc, supplier_id, cost, retail))
            new += 1
        if len(row) > 4 and row[4]:
            sup = db.query_one('SELECT id FROM parts WHERE part_no = %s', (row[4].upper(),))
            if sup:
                db.execute('UPDATE parts SET superseded_by = %s WHERE part_no = %s', (sup['id'], part_no))
    print "price file: %d new, %d updated" % (new, updated)
    return new, updated


def import_factory_deliveries(path):
    """Manufacturer's dispatch file for new cars: VIN, model, derivative, colour, options, invoice"""
    n = 0
    for row in read_csv(path):
        vin = row[0].upper()
        if db.query_one('SELECT id FROM vehicles WHERE vin = %s', (vin,)):
            continue
        opts = [{'description': o} for o in row[4].split(';') if o]
        try:
            inventory.create_vehicle({
                'vin': vin, 'make': row[6] if len(row) > 6 else 'SKODA', 'model': row[1],
                'derivative': row[2], 'colour': row[3], 'is_new': True, 'mileage': 10,
                'purchase_price': row[5], 'status': 'transit', 'source': 'factory',
                'year': datetime.date.today().year,
            }, opts)
            n += 1
        except inventory.InventoryError, e:
            print "skip %s: %s" % (vin, e)
    return n


def import_lender_rates(path, lender_id):
    """product, term, apr"""
    import finance
    rows = [{'product': r[0].lower(), 'term_months': r[1], 'apr': r[2]} for r in read_csv(path)]
    return finance.update_lender_rates(lender_id, rows)


def import_warranty_remittance(path):
    """Manufacturer remittance advice: claim_no, ro_no, amount_paid"""
    import warranty
    paid = 0
    for row in read_csv(path):
        claim_no, ro_no, amount = row[0], row[1], utils.to_decimal(row[2])
        ro = db.query_one('SELECT id FROM repair_orders WHERE ro_no = %s', (ro_no,))
        if ro:
            # claim_no only becomes known when the remittance arrives
            db.execute('UPDATE warranty_claims SET claim_no = %s WHERE ro_id = %s AND claim_no IS NULL',
                       (claim_no, ro['id']))
        paid += warranty.record_claim_payment(claim_no, amount)
    return paid


def import_kerridge_customers(path):
    # one-off from the 2010 migration off Kerridge. Kept "just in case".
    for row in read_csv(path):
        db.execute("INSERT INTO customers (title, first_name, last_name, address1, town, postcode, "
                   "phone, source, created_at) VALUES ('%s', '%s', '%s', '%s', '%s', '%s', '%s', "
                   "'kerridge', NOW())" % tuple([r.replace("'", "''") for r in row[:7]]))


if __name__ == '__main__':
    kind, path = sys.argv[1], sys.argv[2]
    if kind == 'prices':
        import_supplier_pricefile(path, int(sys.argv[3]))
    elif kind == 'factory':
        print import_factory_deliveries(path)
    elif kind == 'rates':
        print import_lender_rates(path, int(sys.argv[3]))
    elif kind == 'remittance':
        print import_warranty_remittance(path)
    else:
        print "unknown import", kind
