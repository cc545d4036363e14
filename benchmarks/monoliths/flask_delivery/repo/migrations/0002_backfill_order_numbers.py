# one-off, run by Rui on the old box (python 2.7) -- kept for reference
# usage: python 0004_backfill_order_numbers.py dishdash.db
import sys
import sqlite3

conn = sqlite3.connect(sys.argv[1])
cur = conn.cursor()
rows = cur.execute("SELECT id, placed_at FROM orders WHERE number IS NULL").fetchall()
print "backfilling %d orders" % len(rows)
for oid, placed in rows:
    number = "DD%s%05d" % (placed[2:4], oid)
    cur.execute("UPDATE orders SET number = ? WHERE id = ?", (number, oid))
    if oid % 1000 == 0:
        print oid,
conn.commit()
print
print "done"
