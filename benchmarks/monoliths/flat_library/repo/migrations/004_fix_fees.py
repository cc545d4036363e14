# one-off: convert old fee codes
import db


def run():
    db.execute("UPDATE fines SET fee_code = 'OVERDUE' WHERE fee_code = 'OD'")
    db.commit()
