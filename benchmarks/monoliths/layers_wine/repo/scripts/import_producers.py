"""Usage: python scripts/import_producers.py producers.csv

Bulk load producers from the buying team's sheet (columns: name,country,region,currency,email)."""
import csv
import sys

from cellar import create_app
from cellar.services.producer_service import create_producer


def main(path):
    app = create_app()
    with app.app_context(), open(path) as fh:
        for row in csv.DictReader(fh):
            create_producer({"name": row["name"], "country": row["country"], "region": row.get("region"),
                             "currency": row.get("currency") or "EUR",
                             "contact_email": row.get("email") or None})
            print("ok", row["name"])


if __name__ == "__main__":
    main(sys.argv[1])
