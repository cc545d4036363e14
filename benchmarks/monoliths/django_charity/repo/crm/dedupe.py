from difflib import SequenceMatcher

from core.models import Supporter


def soundex(name):
    name = (name or "").upper()
    if not name:
        return ""
    codes = {c: d for d, letters in (("1", "BFPV"), ("2", "CGJKQSXZ"), ("3", "DT"),
                                    ("4", "L"), ("5", "MN"), ("6", "R")) for c in letters}
    out = name[0]
    last = codes.get(name[0], "")
    for ch in name[1:]:
        code = codes.get(ch, "")
        if code and code != last:
            out += code
        last = code
    return (out + "000")[:4]


def similarity_score(a, b):
    score = 0
    if a.email and a.email.lower() == b.email.lower():
        score += 60
    if soundex(a.last_name) == soundex(b.last_name):
        score += 20
    score += int(20 * SequenceMatcher(None, a.first_name.lower(), b.first_name.lower()).ratio())
    pa, pb = a.primary_address(), b.primary_address()
    if pa and pb and pa.postcode == pb.postcode:
        score += 20
    return score


def find_duplicate_pairs(min_score=80):
    seen = set()
    qs = Supporter.objects.filter(merged_into__isnull=True).exclude(email="").order_by("created")
    by_email = {}
    for s in qs.iterator():
        by_email.setdefault(s.email.lower(), []).append(s)
    for group in by_email.values():
        if len(group) < 2:
            continue
        keep = group[0]
        for dupe in group[1:]:
            if (keep.pk, dupe.pk) in seen:
                continue
            seen.add((keep.pk, dupe.pk))
            score = similarity_score(keep, dupe)
            if score >= min_score:
                yield keep, dupe, score
