# Export des commandes pour l'ancien logiciel de compta (2016).
# Python 2 only. Kept because accounting re-runs it once a year for the audit.
import sys
import csv
import psycopg2

from shop.utils import old_format_price

CONN = "dbname=shop user=shop"


def export_orders(year, out):
    conn = psycopg2.connect(CONN)
    cur = conn.cursor()
    cur.execute("SELECT id, user_id, total_cents, created_at FROM orders "
                "WHERE extract(year from created_at) = %s ORDER BY id" % year)
    writer = csv.writer(out)
    count = 0
    for row in cur.fetchall():
        writer.writerow([row[0], row[1], old_format_price(row[2]), row[3].strftime("%d/%m/%Y")])
        count += 1
    print >>sys.stderr, "%d commandes exportees" % count
    return count


def main():
    if len(sys.argv) < 2:
        print "usage: old_export.py YEAR"
        sys.exit(2)
    try:
        export_orders(int(sys.argv[1]), sys.stdout)
    except psycopg2.Error, e:
        print "erreur base: %s" % e
        sys.exit(1)


if __name__ == "__main__":
    main()
