from datetime import timedelta

from sqlalchemy import and_, func

from coop.models import (CropPlan, CropVariety, Field, PlantingRecord, Season,
                         SoilSample, SoilTestResult)
from coop.repositories import BaseRepository
from coop.utils.dates import today


class FieldRepository(BaseRepository):
    model = Field

    def for_member(self, member_id, include_retired=False):
        q = self.session.query(Field).filter(Field.member_id == member_id)
        if not include_retired:
            q = q.filter(Field.retired.is_(False))
        return q.order_by(Field.name).all()

    def total_area(self, member_id):
        return (
            self.session.query(func.coalesce(func.sum(Field.area_ha), 0))
            .filter(Field.member_id == member_id, Field.retired.is_(False))
            .scalar()
        )


class CropPlanRepository(BaseRepository):
    model = CropPlan

    def current_season(self):
        return self.session.query(Season).filter_by(is_current=True).first()

    def season(self, crop_year):
        return self.session.query(Season).filter_by(crop_year=crop_year).first()

    def plans_for_season(self, season_id, status=None):
        q = self.session.query(CropPlan).filter(CropPlan.season_id == season_id)
        if status:
            q = q.filter(CropPlan.status == status)
        return q.all()

    def history_for_field(self, field_id, years=4):
        return (
            self.session.query(CropPlan)
            .join(Season)
            .filter(CropPlan.field_id == field_id)
            .order_by(Season.crop_year.desc())
            .limit(years)
            .all()
        )

    def variety(self, variety_id):
        return self.session.query(CropVariety).get(variety_id)

    def seeded_area_by_commodity(self, season_id):
        return (
            self.session.query(CropPlan.commodity, func.sum(PlantingRecord.seeded_area_ha))
            .join(PlantingRecord, PlantingRecord.crop_plan_id == CropPlan.id)
            .filter(CropPlan.season_id == season_id)
            .group_by(CropPlan.commodity)
            .all()
        )


class SoilSampleRepository(BaseRepository):
    model = SoilSample

    def latest_for_field(self, field_id):
        return (
            self.session.query(SoilSample)
            .filter(SoilSample.field_id == field_id, SoilSample.status == "resulted")
            .order_by(SoilSample.sampled_on.desc())
            .first()
        )

    def by_lab_ref(self, lab_ref):
        return self.session.query(SoilSample).filter_by(lab_ref=lab_ref).first()

    def outstanding(self):
        return (
            self.session.query(SoilSample)
            .filter(SoilSample.status.in_(("ordered", "collected", "at_lab")))
            .all()
        )

    def result_for(self, sample_id):
        return self.session.query(SoilTestResult).filter_by(sample_id=sample_id).first()


def fields_due_for_soil_test(session, max_age_years=3):
    """Active fields with no resulted sample in the last N years."""
    cutoff = today() - timedelta(days=365 * max_age_years)
    recent = (
        session.query(SoilSample.field_id)
        .filter(and_(SoilSample.status == "resulted", SoilSample.sampled_on >= cutoff))
        .subquery()
    )
    return (
        session.query(Field)
        .filter(Field.retired.is_(False))
        .filter(~Field.id.in_(recent))
        .all()
    )
