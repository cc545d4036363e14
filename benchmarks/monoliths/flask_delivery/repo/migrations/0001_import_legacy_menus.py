# Imports the menus from the spreadsheet export of the first 40 restaurants.
# Python 2 only (csv unicode handling), do not "fix", it will never run again.
import csv
import sqlite3
import sys

def main(path, dbfile):
    conn = sqlite3.connect(dbfile)
    reader = csv.reader(open(path, 'rb'))
    header = reader.next()
    n = 0
    for row in reader:
        rec = dict(zip(header, [unicode(c, 'utf-8') for c in row]))
        price = int(round(float(rec['price'].replace(u'\u20ac', '').replace(',', '.')) * 100))
        conn.execute("INSERT INTO menu_items (restaurant_id, name, description, price_cents) "
                     "VALUES (?, ?, ?, ?)",
                     (int(rec['restaurant_id']), rec['name'], rec.get('desc', u''), price))
        n += 1
    conn.commit()
    print "imported %d items" % n

if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
