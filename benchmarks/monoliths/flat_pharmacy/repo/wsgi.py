"""uwsgi entry point (uwsgi --wsgi-file wsgi.py --callable application)"""
import logging

import bottle

import common
import config
import dbconn


def setup_logging():
    common.get_logger('rxbo')
    logging.getLogger('rxbo').info('rxbo web starting (debug=%s)', config.DEBUG)


def create_app():
    config.load_overrides()
    setup_logging()
    import web
    bottle.TEMPLATE_PATH.insert(0, './views')
    app = web.app

    @app.hook('after_request')
    def _release_db():
        dbconn.close_conn()

    return app


application = create_app()

if __name__ == '__main__':
    bottle.run(application, host='0.0.0.0', port=8080, debug=config.DEBUG, reloader=config.DEBUG)
