# One-off: fill subscriber_addresses.route_seq from the old Access "walk order" export.
# Run by hand on db1 with the system python (2.7) - April 2023.  Kept for reference.
import csv
import sys

import psycopg2

conn = psycopg2.connect("dbname=courier user=courier")
cur = conn.cursor()

done = 0
for row in csv.reader(open(sys.argv[1], "rb")):
    route_code, account_no, seq = row[0], row[1], int(row[2])
    cur.execute("""UPDATE subscriber_addresses a SET route_seq = %s
                     FROM subscribers s, delivery_routes r
                    WHERE s.id = a.subscriber_id AND s.account_no = %s
                      AND r.code = %s AND a.route_id = r.id""", (seq, account_no, route_code))
    if cur.rowcount == 0:
        print "no match for %s on %s" % (account_no, route_code)
    done += cur.rowcount

conn.commit()
print "updated", done
