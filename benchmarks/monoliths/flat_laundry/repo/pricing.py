"""
pricing.py - price lists and contract prices.
contract_lines.unit_price / wash_price override the price list.
"""
import logging

import db
import util

log = logging.getLogger('lhs.pricing')


def current_price_list(sector, on=None):
    on = on or util.today()
    return db.fetch_one(
        "SELECT * FROM price_lists WHERE (sector = %s OR sector IS NULL) AND valid_from <= %s "
        "AND (valid_to IS NULL OR valid_to >= %s) ORDER BY sector NULLS LAST, valid_from DESC LIMIT 1",
        (sector, on, on))


def price_list_items(price_list_id):
    return db.fetch_all(
        "SELECT pli.*, lt.sku, lt.description FROM price_list_items pli "
        "JOIN linen_types lt ON lt.id = pli.linen_type_id WHERE pli.price_list_id = %s ORDER BY lt.sku",
        (price_list_id,))


def price_for(contract_id, linen_type_id, basis='piece'):
    """price per piece (or per week for basis='rental') for a linen type on a contract"""
    cl = db.fetch_one(
        "SELECT unit_price, wash_price FROM contract_lines WHERE contract_id = %s AND linen_type_id = %s",
        (contract_id, linen_type_id))
    if cl:
        if basis == 'rental' and cl['unit_price'] is not None:
            return cl['unit_price']
        if basis == 'piece' and cl['wash_price'] is not None:
            return cl['wash_price']
    col = {'piece': 'price_per_piece', 'rental': 'rental_per_week', 'kg': 'price_per_kg'}[basis]
    p = db.fetch_value(
        "SELECT pli." + col + " FROM contracts c JOIN price_list_items pli ON pli.price_list_id = c.price_list_id "
        "WHERE c.id = %s AND pli.linen_type_id = %s", (contract_id, linen_type_id))
    if p is None:
        log.warning('no price for contract %s type %s (%s)', contract_id, linen_type_id, basis)
        return util.to_decimal(0)
    return p


def kg_rate_for(contract_id):
    # per-kg contracts use one rate for everything: the average per_kg of the list
    return db.fetch_value(
        "SELECT avg(pli.price_per_kg) FROM contracts c JOIN price_list_items pli "
        "ON pli.price_list_id = c.price_list_id WHERE c.id = %s AND pli.price_per_kg IS NOT NULL",
        (contract_id,), 0)


def copy_price_list(src_id, name, valid_from):
    src = db.fetch_one("SELECT * FROM price_lists WHERE id = %s", (src_id,))
    with db.transaction():
        new_id = db.insert(
            "INSERT INTO price_lists (name, sector, valid_from) VALUES (%s, %s, %s) RETURNING id",
            (name, src['sector'], valid_from))
        db.run(
            "INSERT INTO price_list_items (price_list_id, linen_type_id, price_per_piece, price_per_kg, rental_per_week) "
            "SELECT %s, linen_type_id, price_per_piece, price_per_kg, rental_per_week "
            "FROM price_list_items WHERE price_list_id = %s", (new_id, src_id))
    return new_id


def apply_uplift(price_list_id, pct):
    """annual price increase, e.g. apply_uplift(7, 3.5)"""
    factor = 1 + float(pct) / 100.0
    n = db.run(
        "UPDATE price_list_items SET price_per_piece = round(price_per_piece * {0}, 4), "
        "price_per_kg = round(price_per_kg * {0}, 4), rental_per_week = round(rental_per_week * {0}, 4) "
        "WHERE price_list_id = {1}".format(factor, int(price_list_id)))
    log.info('uplift %s%% on list %s: %d items', pct, price_list_id, n)
    return n


def close_price_list(price_list_id, valid_to):
    db.run("UPDATE price_lists SET valid_to = %s WHERE id = %s", (valid_to, price_list_id))
