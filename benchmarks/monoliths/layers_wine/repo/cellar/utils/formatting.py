import re
import unicodedata


def slugify(value):
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub("[^\w\s-]", "", value).strip().lower()
    return re.sub("[-\s]+", "-", value)


def format_vintage(year):
    if not year:
        return "NV"
    return str(year)


def format_bottle_size(ml):
    names = {375: "Half", 750: "Bottle", 1500: "Magnum", 3000: "Jeroboam"}
    if ml in names:
        return names[ml]
    return "%scl" % (ml // 10)


def wine_display_name(producer_name, wine_name, vintage, size_ml=750):
    name = "%s %s %s" % (producer_name, wine_name, format_vintage(vintage))
    if size_ml and size_ml != 750:
        name += " (%s)" % format_bottle_size(size_ml)
    return name.strip()
