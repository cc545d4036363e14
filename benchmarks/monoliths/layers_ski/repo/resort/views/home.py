from pyramid.httpexceptions import HTTPFound
from pyramid.view import forbidden_view_config, notfound_view_config, view_config
from sqlalchemy import text

from ..models import DBSession
from ..services.lifts import lift_board
from ..services.snow import conditions_summary


@view_config(route_name='home', renderer='resort:templates/home.jinja2',
             permission='public')
def home_view(request):
    return {'conditions': conditions_summary(), 'board': lift_board()}


@notfound_view_config(renderer='resort:templates/404.jinja2')
def notfound_view(request):
    request.response.status = 404
    return {}


@forbidden_view_config()
def forbidden_view(request):
    if request.authenticated_userid is None:
        return HTTPFound(location=request.route_url('login', _query={'came_from': request.url}))
    request.response.status = 403
    return request.response


@view_config(route_name='health', renderer='json')
def health_view(request):
    try:
        DBSession.execute(text('SELECT 1'))
        return {'ok': True}
    except Exception as exc:
        request.response.status = 503
        return {'ok': False, 'error': str(exc)}
