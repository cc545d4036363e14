"""
Drug-drug interaction + allergy screening (DUR).

The drug_interactions table is loaded from the FDB extract every quarter
(see load_interaction_table).  Matching is by active ingredient name which
is... approximate.
"""
import logging

from dbconn import query, query_one, executemany, execute, in_clause
from decorators import memoize_ttl
import common

log = logging.getLogger('rxbo.dur')

SEVERITY_ORDER = {'MAJOR': 0, 'MODERATE': 1, 'MINOR': 2, 'ALLERGY': -1}

# allergen class -> ingredient keywords.  maintained by hand (!!)
ALLERGY_CLASSES = {
    'PENICILLIN': ['AMOXICILLIN', 'AMPICILLIN', 'PENICILLIN', 'PIPERACILLIN', 'DICLOXACILLIN'],
    'SULFA': ['SULFAMETHOXAZOLE', 'SULFASALAZINE', 'SULFADIAZINE'],
    'NSAID': ['IBUPROFEN', 'NAPROXEN', 'DICLOFENAC', 'MELOXICAM', 'ASPIRIN', 'CELECOXIB'],
    'CODEINE': ['CODEINE', 'HYDROCODONE', 'OXYCODONE'],
}


class InteractionWarning(dict):
    def __init__(self, severity, a, b, description):
        dict.__init__(self, severity=severity, a=a, b=b, description=description)


def severity_rank(sev):
    return SEVERITY_ORDER.get((sev or '').upper(), 9)


@memoize_ttl(600)
def _ingredients_for(product_ids):
    if not product_ids:
        return {}
    rows = query("SELECT id, UPPER(active_ingredient) AS ing FROM products WHERE id IN (%s)"
                 % in_clause(product_ids), list(product_ids))
    return dict((r['id'], r['ing']) for r in rows if r['ing'])


def check_interactions(product_ids):
    ings = _ingredients_for(tuple(sorted(set(product_ids))))
    names = sorted(set(ings.values()))
    out = []
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            row = query_one("SELECT severity, description FROM drug_interactions "
                            "WHERE (ingredient_a = %s AND ingredient_b = %s) "
                            "   OR (ingredient_a = %s AND ingredient_b = %s)", (a, b, b, a))
            if row:
                out.append(InteractionWarning(row['severity'], a, b, row['description']))
    return out


def check_allergy_conflicts(patient_id, product_ids):
    allergies = query("SELECT allergen, allergen_class, severity FROM patient_allergies WHERE patient_id = %s",
                      (patient_id,))
    if not allergies:
        return []
    ings = _ingredients_for(tuple(sorted(set(product_ids))))
    out = []
    for al in allergies:
        keywords = [al['allergen']] + ALLERGY_CLASSES.get((al['allergen_class'] or '').upper(), [])
        for pid, ing in ings.items():
            if any(k in ing for k in keywords):
                out.append(InteractionWarning('ALLERGY', al['allergen'], ing,
                                              'Patient allergic to %s (%s)' % (al['allergen'], al['severity'])))
    return out


def load_interaction_table(path):
    rows = common.read_csv_rows(path)
    execute("DELETE FROM drug_interactions", commit=False)
    executemany("INSERT INTO drug_interactions (ingredient_a, ingredient_b, severity, description) "
                "VALUES (%s, %s, %s, %s)",
                [(r['ingredient_a'].upper(), r['ingredient_b'].upper(), r['severity'].upper(), r['description'])
                 for r in rows])
    log.info('loaded %d interactions', len(rows))
    return len(rows)
