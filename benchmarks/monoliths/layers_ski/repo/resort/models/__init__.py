from sqlalchemy import engine_from_config
from sqlalchemy.orm import configure_mappers, scoped_session, sessionmaker
import zope.sqlalchemy

from .meta import Base  # noqa

# the old code base used a global scoped session everywhere, keep it
DBSession = scoped_session(sessionmaker())
zope.sqlalchemy.register(DBSession)

# import or define all models here to ensure they are attached to the
# Base.metadata prior to any initialization routines
from .guests import Guest, UserAccount, AuthToken, LoyaltyAccount, LoyaltyTransaction, Waiver  # noqa
from .passes import PassProduct, PriceSeason, PriceRule, PromoCode, LiftPass, PassScan  # noqa
from .school import Instructor, InstructorCertification, LessonType, Lesson, LessonEnrollment, InstructorShift  # noqa
from .rental import EquipmentCategory, EquipmentItem, RentalOrder, RentalOrderLine, TuningJob  # noqa
from .lodging import LodgingUnit, LodgingRate, LodgingReservation, HousekeepingTask  # noqa
from .mountain import Lift, LiftStatusLog, MaintenanceOrder, Trail, GroomingLog, SnowReport, WeatherReading  # noqa
from .fnb import Outlet, MenuItem, PosCheck, PosCheckLine  # noqa
from .billing import Folio, FolioCharge, Payment, Refund  # noqa

# run configure_mappers after defining all of the models to ensure
# all relationships can be setup
configure_mappers()


def get_engine(settings, prefix='sqlalchemy.'):
    return engine_from_config(settings, prefix)


def get_session_factory(engine):
    factory = sessionmaker()
    factory.configure(bind=engine)
    return factory


def get_tm_session(session_factory, transaction_manager):
    """
    Get a ``sqlalchemy.orm.Session`` instance backed by a transaction.

    Used by the scheduler scripts, web requests go through DBSession.
    """
    dbsession = session_factory()
    zope.sqlalchemy.register(
        dbsession, transaction_manager=transaction_manager)
    return dbsession


def includeme(config):
    settings = config.get_settings()
    settings['tm.manager_hook'] = 'pyramid_tm.explicit_manager'

    config.include('pyramid_tm')
    config.include('pyramid_retry')

    engine = get_engine(settings)
    DBSession.configure(bind=engine)
    Base.metadata.bind = engine
