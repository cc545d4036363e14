def point_in_polygon(lon, lat, polygon):
    """Ray casting. polygon is a list of [lon, lat] pairs."""
    inside = False
    n = len(polygon)
    if n < 3:
        return False
    j = n - 1
    for i in range(n):
        xi, yi = polygon[i]
        xj, yj = polygon[j]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / ((yj - yi) or 1e-12) + xi:
            inside = not inside
        j = i
    return inside


def district_for_point(session, lon, lat):
    from models.staff import District

    if lon is None or lat is None:
        return None
    for district in session.query(District).order_by(District.code):
        if point_in_polygon(float(lon), float(lat), district.polygon()):
            return district
    return None

