"""Back office admin screens. Mostly plain CRUD over config tables."""
from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from ..dal.base import get_or_404
from ..dal.guest_repo import AccountRepository
from ..lib.dates import parse_date
from ..lib.money import to_decimal
from ..models import DBSession
from ..models.guests import UserAccount
from ..models.lodging import LodgingRate
from ..models.passes import PassProduct, PriceRule, PriceSeason, PromoCode
from ..models.rental import EquipmentCategory
from ..models.school import LessonType
from ..services.accounts import deactivate_account, hash_password


def _apply_form(obj, params, fields, converters=None):
    converters = converters or {}
    for f in fields:
        if f in params:
            value = params.get(f)
            if value == '':
                value = None
            if f in converters and value is not None:
                value = converters[f](value)
            setattr(obj, f, value)
    return obj


@view_config(route_name='admin', renderer='resort:templates/admin/index.jinja2',
             permission='admin')
def admin_index(request):
    return {'sections': [
        ('Lift ticket prices', 'admin_prices'), ('Promo codes', 'admin_promos'),
        ('Lesson types', 'admin_lesson_types'), ('Lodging rates', 'admin_rates'),
        ('Rental categories', 'admin_rental_categories'), ('Users', 'admin_users'),
    ]}


@view_config(route_name='admin_prices', renderer='resort:templates/admin/prices.jinja2',
             permission='admin')
def admin_prices(request):
    if request.method == 'POST':
        p = request.POST
        rule = get_or_404(PriceRule, p['id']) if p.get('id') else PriceRule()
        _apply_form(rule, p, ('product_id', 'season_id', 'age_category', 'advance_days',
                              'price', 'valid_from', 'valid_to'),
                    {'product_id': int, 'season_id': int, 'advance_days': int,
                     'price': to_decimal, 'valid_from': parse_date, 'valid_to': parse_date})
        DBSession.add(rule)
        return HTTPFound(request.route_url('admin_prices'))
    return {'products': DBSession.query(PassProduct).order_by(PassProduct.sort_order).all(),
            'seasons': DBSession.query(PriceSeason).order_by(PriceSeason.start_date).all(),
            'rules': DBSession.query(PriceRule).all()}


@view_config(route_name='admin_promos', renderer='resort:templates/admin/promos.jinja2',
             permission='admin')
def admin_promos(request):
    if request.method == 'POST':
        p = request.POST
        promo = get_or_404(PromoCode, p['id']) if p.get('id') else PromoCode(uses=0)
        _apply_form(promo, p, ('code', 'description', 'percent_off', 'amount_off',
                               'valid_until', 'max_uses', 'product_id'),
                    {'percent_off': to_decimal, 'amount_off': to_decimal,
                     'valid_until': parse_date, 'max_uses': int, 'product_id': int})
        promo.code = promo.code.upper()
        DBSession.add(promo)
        return HTTPFound(request.route_url('admin_promos'))
    return {'promos': DBSession.query(PromoCode).order_by(PromoCode.code).all()}


@view_config(route_name='admin_lesson_types', renderer='resort:templates/admin/lesson_types.jinja2',
             permission='admin')
def admin_lesson_types(request):
    if request.method == 'POST':
        p = request.POST
        lt = get_or_404(LessonType, p['id']) if p.get('id') else LessonType()
        _apply_form(lt, p, ('code', 'name', 'discipline', 'min_age', 'max_age',
                            'duration_minutes', 'max_students', 'price',
                            'min_instructor_level'),
                    {'min_age': int, 'max_age': int, 'duration_minutes': int,
                     'max_students': int, 'price': to_decimal, 'min_instructor_level': int})
        lt.private = 'private' in p
        lt.includes_pass = 'includes_pass' in p
        lt.includes_rental = 'includes_rental' in p
        DBSession.add(lt)
        return HTTPFound(request.route_url('admin_lesson_types'))
    return {'types': DBSession.query(LessonType).order_by(LessonType.name).all()}


@view_config(route_name='admin_rates', renderer='resort:templates/admin/rates.jinja2',
             permission='admin')
def admin_rates(request):
    if request.method == 'POST':
        p = request.POST
        rate = get_or_404(LodgingRate, p['id']) if p.get('id') else LodgingRate()
        _apply_form(rate, p, ('unit_type', 'season_id', 'nightly_rate', 'min_nights',
                              'weekend_surcharge'),
                    {'season_id': int, 'nightly_rate': to_decimal, 'min_nights': int,
                     'weekend_surcharge': to_decimal})
        DBSession.add(rate)
        return HTTPFound(request.route_url('admin_rates'))
    return {'rates': DBSession.query(LodgingRate).all(),
            'seasons': DBSession.query(PriceSeason).order_by(PriceSeason.start_date).all()}


@view_config(route_name='admin_rental_categories',
             renderer='resort:templates/admin/rental_categories.jinja2', permission='admin')
def admin_rental_categories(request):
    if request.method == 'POST':
        p = request.POST
        cat = get_or_404(EquipmentCategory, p['id']) if p.get('id') else EquipmentCategory()
        _apply_form(cat, p, ('name', 'kind', 'daily_rate', 'deposit', 'tune_every_days'),
                    {'daily_rate': to_decimal, 'deposit': to_decimal, 'tune_every_days': int})
        DBSession.add(cat)
        return HTTPFound(request.route_url('admin_rental_categories'))
    return {'categories': DBSession.query(EquipmentCategory).order_by(EquipmentCategory.name).all()}


@view_config(route_name='admin_users', renderer='resort:templates/admin/users.jinja2',
             permission='admin')
def admin_users(request):
    if request.method == 'POST':
        p = request.POST
        if p.get('id'):
            account = get_or_404(UserAccount, p['id'])
            if p.get('action') == 'deactivate':
                deactivate_account(account)
            else:
                account.role = p.get('role', account.role)
        else:
            account = UserAccount(username=p['username'], email=p.get('email'),
                                  role=p.get('role', 'cashier'),
                                  password_hash=hash_password(p['password']))
            DBSession.add(account)
        return HTTPFound(request.route_url('admin_users'))
    return {'users': AccountRepository().staff()}
