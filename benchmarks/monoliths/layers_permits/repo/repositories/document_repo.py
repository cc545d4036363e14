from models.documents import Document, DocumentVersion, PlanSet
from repositories.base import BaseRepository


class PlanSetRepository(BaseRepository):
    model = PlanSet

    def latest_for_application(self, application_id):
        return (self.query().filter(PlanSet.application_id == application_id)
                .order_by(PlanSet.revision.desc()).first())

    def for_application(self, application_id):
        return (self.query().filter(PlanSet.application_id == application_id)
                .order_by(PlanSet.revision).all())


class DocumentRepository(BaseRepository):
    model = Document

    def for_owner(self, owner_type, owner_id):
        return (self.query()
                .filter(Document.owner_type == owner_type, Document.owner_id == owner_id)
                .filter(Document.deleted.is_(False))
                .order_by(Document.uploaded_at).all())

    def orphan_versions(self):
        return (self.session.query(DocumentVersion).join(Document)
                .filter(Document.deleted.is_(True)).all())
