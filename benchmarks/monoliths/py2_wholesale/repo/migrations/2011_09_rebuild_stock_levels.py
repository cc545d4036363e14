# Rebuild StockLevel.OnHand from StockMovement after the September 2011 double-posting bug.
# python rebuild_stock_levels.py [--commit]
import sys
sys.path.insert(0, '..')
import db

totals = {}
for r in db.query("SELECT ProductID, WarehouseID, SUM(Qty) AS Qty FROM StockMovement "
                  "GROUP BY ProductID, WarehouseID"):
    totals[(r.ProductID, r.WarehouseID)] = r.Qty

bad = 0
for s in db.query("SELECT ProductID, WarehouseID, OnHand FROM StockLevel"):
    key = (s.ProductID, s.WarehouseID)
    should = totals.has_key(key) and totals[key] or 0
    if s.OnHand != should:
        print "%6d %2d  %6d -> %6d" % (s.ProductID, s.WarehouseID, s.OnHand, should)
        bad += 1
        if '--commit' in sys.argv:
            db.execute("UPDATE StockLevel SET OnHand = ? WHERE ProductID = ? AND WarehouseID = ?",
                       (should, s.ProductID, s.WarehouseID))
print "%d rows wrong" % bad
