def unit_label(unit):
    floor = "G" if unit.floor == 0 else str(unit.floor)
    return f"{unit.building.name} – {floor}/{unit.number}"


def old_unit_code(building_id, number):
    # Yardi-era unit codes ("B007-12A"). Nothing calls this since the 2021 import.
    return "B%03d-%s" % (building_id, number.upper())
