from sqlalchemy import func

from hrapp.common.base_repository import BaseRepository
from hrapp.models import Application, Candidate, Interview, JobOpening


class JobOpeningRepository(BaseRepository):
    model = JobOpening

    def published(self):
        return self.session.query(JobOpening).filter(JobOpening.status == "published").all()


class CandidateRepository(BaseRepository):
    model = Candidate

    def by_email(self, email):
        return self.session.query(Candidate).filter(func.lower(Candidate.email) == email.lower()).first()

    def application(self, application_id):
        return self.session.get(Application, application_id)


class InterviewRepository(BaseRepository):
    model = Interview

    def average_score(self, application_id):
        return (
            self.session.query(func.avg(Interview.score))
            .filter(Interview.application_id == application_id, Interview.score.isnot(None))
            .scalar()
        )
