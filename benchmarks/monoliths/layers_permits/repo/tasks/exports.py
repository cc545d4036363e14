import logging

from models.base import session_scope
from services import documents
from tasks import task

log = logging.getLogger(__name__)


@task("purge-documents")
def purge_deleted_documents():
    with session_scope() as session:
        log.info("%d deleted document versions purged", documents.purge_deleted(session))
