#!/usr/bin/env python3
"""
One-off import from the old Google Sheets exports (Jan 2019 go-live).

    python3 legacy_import.py recipes  exports/Recipes.csv
    python3 legacy_import.py members  exports/MugClub.csv
    python3 legacy_import.py kegs     exports/KegLog.csv

Kept around in case we ever need to re-run it on a fresh db.  Probably
doesn't work anymore (schema changed), don't rely on it.
"""
import csv
import sys
from decimal import Decimal

from lib import db
from lib.util import parse_date, safe_decimal, safe_int, today, add_years


def _read_sheet(path):
    with open(path, newline='', encoding='utf-8-sig') as f:
        rows = list(csv.DictReader(f))
    # the sheets have trailing blank rows and "TOTAL" rows
    return [r for r in rows if any((v or '').strip() for v in r.values())
            and not (list(r.values())[0] or '').upper().startswith('TOTAL')]


def import_recipes(path):
    cur = db.cursor()
    n = 0
    for row in _read_sheet(path):
        name = row['Beer'].strip()
        cur.execute("SELECT id FROM recipes WHERE lower(name) = lower(%s)", (name,))
        if cur.fetchone():
            continue
        cur.execute("""INSERT INTO recipes (name, style, target_og, target_fg, target_abv, ibu, batch_size_bbl, notes)
                       VALUES (%s, %s, %s, %s, %s, %s, %s, %s) RETURNING id""",
                    (name, row.get('Style'), safe_decimal(row.get('OG')), safe_decimal(row.get('FG')),
                     safe_decimal((row.get('ABV') or '').rstrip('%')), safe_int(row.get('IBU')),
                     safe_decimal(row.get('Size (bbl)'), Decimal('15')), 'imported from sheet'))
        recipe_id = cur.fetchone()['id']
        # ingredients were "2-row 450lb; C40 30lb; Citra 11lb @whirlpool"
        for part in (row.get('Ingredients') or '').split(';'):
            part = part.strip()
            if not part:
                continue
            addition = None
            if '@' in part:
                part, addition = [p.strip() for p in part.split('@', 1)]
            bits = part.rsplit(' ', 1)
            if len(bits) != 2:
                print('skip ingredient %r for %s' % (part, name))
                continue
            mat_name, qty = bits
            unit = ''.join(c for c in qty if c.isalpha()) or 'lb'
            qty = safe_decimal(''.join(c for c in qty if c.isdigit() or c == '.'))
            cur.execute("SELECT id FROM materials WHERE lower(name) = lower(%s)", (mat_name,))
            m = cur.fetchone()
            if not m:
                print('unknown material %r for %s' % (mat_name, name))
                continue
            cur.execute("""INSERT INTO recipe_ingredients (recipe_id, material_id, qty, unit, addition)
                           VALUES (%s, %s, %s, %s, %s)""", (recipe_id, m['id'], qty, unit, addition))
        n += 1
    db.commit()
    print('imported %d recipes' % n)


def import_members(path):
    cur = db.cursor()
    n = 0
    for i, row in enumerate(_read_sheet(path)):
        joined = parse_date(row.get('Joined')) or today()
        cur.execute("""INSERT INTO mug_club_members (member_no, first_name, last_name, email, phone, mug_number,
                                                    joined_on, expires_on, status)
                       VALUES (%s, %s, %s, %s, %s, %s, %s, %s, 'active')""",
                    ('M%04d' % (i + 1), row['First'].strip(), row['Last'].strip(), row.get('Email'),
                     row.get('Phone'), safe_int(row.get('Mug #')), joined, add_years(joined)))
        n += 1
    db.commit()
    print('imported %d members' % n)


def import_kegs(path):
    cur = db.cursor()
    cur.execute("SELECT id, code FROM package_formats WHERE is_keg")
    formats = dict((r['code'], r['id']) for r in cur.fetchall())
    n = 0
    for row in _read_sheet(path):
        size = (row.get('Size') or '').strip().upper()
        fmt = formats.get({'1/2': 'HALF', '1/6': 'SIXTEL', '1/4': 'QUARTER'}.get(size, size))
        if not fmt:
            print('unknown keg size %r' % size)
            continue
        status = 'out' if (row.get('Where') or '').strip() not in ('', 'Brewery') else 'empty'
        cur.execute("""INSERT INTO kegs (serial, format_id, status, location, purchased_on)
                       VALUES (%s, %s, %s, %s, %s) ON CONFLICT (serial) DO NOTHING""",
                    (row['Keg #'].strip(), fmt, status, row.get('Where'), parse_date(row.get('Bought'))))
        n += cur.rowcount
    db.commit()
    print('imported %d kegs' % n)


def main(argv):
    if len(argv) != 2:
        print(__doc__)
        return 2
    what, path = argv
    fn = {'recipes': import_recipes, 'members': import_members, 'kegs': import_kegs}.get(what)
    if fn is None:
        print('unknown import %r' % what)
        return 2
    fn(path)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
