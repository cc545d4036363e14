"""Jinja filters."""
from utils import format_money, truncate
from dateutils import fmt_date, fmt_datetime


def money_filter(pence):
    return format_money(pence)


def date_filter(d):
    return fmt_date(d)


def datetime_filter(dt):
    return fmt_datetime(dt)


def yesno_filter(v, choices='Yes,No'):
    yes, no = choices.split(',')
    return yes if v else no


def register_filters(app):
    app.jinja_env.filters['money'] = money_filter
    app.jinja_env.filters['date'] = date_filter
    app.jinja_env.filters['datetime'] = datetime_filter
    app.jinja_env.filters['yesno'] = yesno_filter
    app.jinja_env.filters['truncate60'] = truncate
