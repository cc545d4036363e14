"""One-off (2022-05): merge lots that were received twice when the goods-in
screen double-submitted. Keep for reference."""
from sqlalchemy import text

from cellar import create_app
from cellar.extensions import db


def find_duplicates():
    return db.session.execute(text(
        "SELECT purchase_order_line_id, array_agg(id ORDER BY id) FROM lots "
        "WHERE purchase_order_line_id IS NOT NULL GROUP BY purchase_order_line_id HAVING COUNT(*) > 1")).fetchall()


def merge_lots(ids):
    keep, drop = ids[0], ids[1:]
    for lot_id in drop:
        db.session.execute(text("UPDATE stock_movements SET lot_id = :k WHERE lot_id = :d"), {"k": keep, "d": lot_id})
        db.session.execute(text("DELETE FROM lots WHERE id = :d"), {"d": lot_id})


if __name__ == "__main__":
    with create_app().app_context():
        for _, ids in find_duplicates():
            merge_lots(ids)
        db.session.commit()
