import datetime as dt

from errors import BusinessRuleViolation, NotFound, ValidationFailed
from models.documents import Document, DocumentVersion, PlanSet
from repositories.document_repo import PlanSetRepository
from utils.storage import checksum, get_store, new_key

ALLOWED_TYPES = {"application/pdf", "image/jpeg", "image/png", "image/tiff"}
MAX_BYTES = 80 * 1024 * 1024


def _store_version(document, filename, data, content_type):
    if content_type not in ALLOWED_TYPES:
        raise ValidationFailed("file type %s not accepted" % content_type)
    if len(data) > MAX_BYTES:
        raise ValidationFailed("file larger than 80 MB")
    now = dt.datetime.utcnow()
    key = new_key("plans" if document.category == "plan" else "docs", filename, now)
    get_store().put(key, data)
    version_no = (document.versions[-1].version + 1) if document.versions else 1
    version = DocumentVersion(document=document, version=version_no, storage_key=key, size_bytes=len(data),
                              sha256=checksum(data), content_type=content_type, uploaded_at=now)
    document.current_version = version_no
    return version


def upload_document(session, owner_type, owner_id, title, category, filename, data, content_type,
                    uploaded_by=None):
    document = Document(owner_type=owner_type, owner_id=owner_id, title=title, category=category,
                        uploaded_by=uploaded_by)
    session.add(document)
    session.add(_store_version(document, filename, data, content_type))
    session.flush()
    return document


def latest_plan_set(session, application):
    return PlanSetRepository(session).latest_for_application(application.id)


def attach_plan_set(session, application, files, uploaded_by):
    """files: [(filename, data, content_type, sheet_number), ...]"""
    previous = latest_plan_set(session, application)
    plan_set = PlanSet(application_id=application.id, revision=(previous.revision + 1) if previous else 1)
    session.add(plan_set)
    if previous is not None and previous.status != "approved":
        previous.status = "superseded"
    for filename, data, content_type, sheet in files:
        document = Document(plan_set=plan_set, title=filename, category="plan", sheet_number=sheet,
                            uploaded_by=uploaded_by)
        session.add(document)
        session.add(_store_version(document, filename, data, content_type))
    session.flush()
    return plan_set


def mark_plan_set(session, plan_set, status):
    plan_set.status = status
    session.flush()


def stamp_approved_plans(session, application, user):
    plan_set = latest_plan_set(session, application)
    if plan_set is None or plan_set.status != "approved":
        raise BusinessRuleViolation("no approved plan set to stamp")
    plan_set.stamped_at = dt.datetime.utcnow()
    plan_set.stamped_by_id = user.id
    session.flush()
    return plan_set


def download_url(session, document_id, version=None):
    document = session.get(Document, document_id)
    if document is None or document.deleted:
        raise NotFound("document not found")
    chosen = document.latest() if version is None else next(
        (v for v in document.versions if v.version == version), None)
    if chosen is None:
        raise NotFound("version not found")
    return get_store().url(chosen.storage_key)


def purge_deleted(session):
    from repositories.document_repo import DocumentRepository

    store = get_store()
    versions = DocumentRepository(session).orphan_versions()
    for v in versions:
        store.delete(v.storage_key)
        session.delete(v)
    session.flush()
    return len(versions)
