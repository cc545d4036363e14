"""
Template helpers (Sam's module).  Some of these duplicate utils.py - sorry.
"""
from flask import flash

from db import query_scalar, query_one
from utils import format_money


def money(pence):
    return format_money(pence)


def flash_errors(errors):
    for e in errors:
        flash(str(e), 'error')


def breadcrumbs(*parts):
    return ' &rsaquo; '.join(parts)


def site_name(site_id):
    return query_scalar('SELECT name FROM sites WHERE id = %s', (site_id,), default='?')


def opening_hours_text(site_id):
    s = query_one('SELECT opens_at, closes_at FROM sites WHERE id = %s', (site_id,))
    if not s:
        return ''
    return '%s - %s' % (s['opens_at'].strftime('%H:%M'), s['closes_at'].strftime('%H:%M'))


def staff_name(staff_id):
    if not staff_id:
        return ''
    return query_scalar('SELECT name FROM staff WHERE id = %s', (staff_id,), default='(unknown)')


def team_name(team_id):
    return query_scalar('SELECT name FROM teams WHERE id = %s', (team_id,), default='TBC')


def plan_name(plan_id):
    return query_scalar('SELECT name FROM membership_plans WHERE id = %s', (plan_id,), default='')


def register_helpers(app):
    app.jinja_env.globals.update(site_name=site_name, staff_name=staff_name, team_name=team_name,
                                 plan_name=plan_name, money=money, opening_hours_text=opening_hours_text)
