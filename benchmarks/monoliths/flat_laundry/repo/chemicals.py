"""chemical dosing per programme + usage costs (for the monthly plant P&L)"""
import db
import util

# ml per kg of dry linen, by chem_profile. From the supplier's dosing sheet (2012)
DOSING = {
    'STD':   {'detergent': 8, 'alkali': 4, 'softener': 2},
    'STAIN': {'detergent': 10, 'alkali': 6, 'bleach': 5, 'softener': 2},
    'THERM': {'detergent': 9, 'alkali': 5, 'peracetic': 3},
    'DELIC': {'detergent': 5, 'softener': 3},
}

# price per litre
CHEM_PRICES = {
    'detergent': 2.10, 'alkali': 1.35, 'bleach': 0.95, 'softener': 1.80, 'peracetic': 3.40,
}


def dose_for(chem_profile, weight_kg):
    out = {}
    for chem, ml_per_kg in DOSING.get(chem_profile or 'STD', DOSING['STD']).items():
        out[chem] = int(round(ml_per_kg * float(weight_kg or 0)))
    return out


def record_usage(batch_id):
    b = db.fetch_one(
        "SELECT wb.weight_kg, p.chem_profile FROM wash_batches wb JOIN wash_programs p ON p.id = wb.program_id "
        "WHERE wb.id = %s", (batch_id,))
    if not b:
        return 0
    rows = []
    for chem, ml in dose_for(b['chem_profile'], b['weight_kg']).items():
        cost = round(ml / 1000.0 * CHEM_PRICES.get(chem, 0), 4)
        rows.append((batch_id, chem, ml, cost))
    db.run_many("INSERT INTO chemical_usage (batch_id, chemical, ml, cost) VALUES (%s, %s, %s, %s)", rows)
    return len(rows)


def monthly_chemical_cost(year, month):
    return db.fetch_all(
        "SELECT cu.chemical, sum(cu.ml) / 1000.0 AS litres, sum(cu.cost) AS cost FROM chemical_usage cu "
        "JOIN wash_batches wb ON wb.id = cu.batch_id WHERE extract(year FROM wb.started_at) = %s "
        "AND extract(month FROM wb.started_at) = %s GROUP BY cu.chemical ORDER BY cu.chemical",
        (year, month))


def cost_per_kg(start, end):
    r = db.fetch_one(
        "SELECT coalesce(sum(cu.cost),0) AS cost, (SELECT coalesce(sum(weight_kg),0) FROM wash_batches "
        " WHERE started_at::date BETWEEN %s AND %s) AS kg FROM chemical_usage cu "
        "JOIN wash_batches wb ON wb.id = cu.batch_id WHERE wb.started_at::date BETWEEN %s AND %s",
        (start, end, start, end))
    return util.safe_div(r['cost'], r['kg'])
