from pyramid.config import Configurator
from pyramid.session import SignedCookieSessionFactory


def main(global_config, **settings):
    """ This function returns a Pyramid WSGI application.
    """
    session_factory = SignedCookieSessionFactory(
        settings.get('resort.auth_secret', 'itsaseekreet'))
    with Configurator(settings=settings) as config:
        config.set_session_factory(session_factory)
        config.include('pyramid_jinja2')
        config.include('pyramid_mailer')
        config.include('.models')
        config.include('.security')
        config.include('.routes')
        config.add_subscriber('resort.subscribers.add_renderer_globals',
                              'pyramid.events.BeforeRender')
        config.add_subscriber('resort.subscribers.log_new_request',
                              'pyramid.events.NewRequest')
        config.scan()
    return config.make_wsgi_app()
