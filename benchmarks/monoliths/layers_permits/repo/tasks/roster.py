import datetime as dt
import logging

from models.base import session_scope
from services import scheduling
from tasks import task
from utils.dates import today

log = logging.getLogger(__name__)


@task("roster-next-week")
def publish_next_week():
    with session_scope() as session:
        monday = today() + dt.timedelta(days=7 - today().weekday())
        created = scheduling.build_roster(session, monday)
        for shift in created:
            shift.published = dt.datetime.utcnow()
        log.info("%d shifts rolled into week of %s", len(created), monday)
