# -*- coding: utf-8 -*-
"""Database plumbing.  Everything goes through here - please do NOT open your
own psycopg2 connections in views (remember the connection leak of Nov '22)."""
from __future__ import unicode_literals

import logging
from contextlib import contextmanager

import psycopg2
import psycopg2.extras
from flask import g

import config

log = logging.getLogger("courier.db")

_standalone = None   # cron jobs and scripts have no request context


def _connect():
    conn = psycopg2.connect(config.DB_DSN, connect_timeout=10)
    conn.set_client_encoding("UTF8")
    return conn


def get_conn():
    global _standalone
    try:
        conn = getattr(g, "_db", None)
    except RuntimeError:
        if _standalone is None or _standalone.closed:
            _standalone = _connect()
        return _standalone
    if conn is None or conn.closed:
        conn = g._db = _connect()
    return conn


def close_conn(exc=None):
    try:
        conn = g.pop("_db", None)
    except RuntimeError:
        conn = None
    if conn is not None:
        if exc is not None:
            conn.rollback()
        conn.close()


def get_cursor():
    return get_conn().cursor(cursor_factory=psycopg2.extras.RealDictCursor)


def query(sql, params=None):
    cur = get_cursor()
    cur.execute(sql, params)
    rows = cur.fetchall()
    cur.close()
    return rows


def query_one(sql, params=None):
    cur = get_cursor()
    cur.execute(sql, params)
    row = cur.fetchone()
    cur.close()
    return row


def scalar(sql, params=None):
    cur = get_conn().cursor()
    cur.execute(sql, params)
    row = cur.fetchone()
    cur.close()
    return row[0] if row else None


def execute(sql, params=None, commit=True):
    cur = get_conn().cursor()
    cur.execute(sql, params)
    n = cur.rowcount
    cur.close()
    if commit:
        get_conn().commit()
    return n


def insert(sql, params=None, commit=True):
    """INSERT ... RETURNING id; gives the new id."""
    if "returning" not in sql.lower():
        sql = sql.rstrip().rstrip(";") + " RETURNING id"
    cur = get_conn().cursor()
    cur.execute(sql, params)
    new_id = cur.fetchone()[0]
    cur.close()
    if commit:
        get_conn().commit()
    return new_id


def commit():
    get_conn().commit()


def rollback():
    get_conn().rollback()


@contextmanager
def transaction():
    conn = get_conn()
    try:
        yield conn
        conn.commit()
    except Exception:
        log.exception("rolling back")
        conn.rollback()
        raise


def in_list(values):
    """'(1,2,3)' for an IN clause - ints only!"""
    return "(" + ",".join(str(int(v)) for v in values) + ")" if values else "(NULL)"


def like(term):
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
