"""Field registration, crop plans, soil testing & recommendations.

Anything that happens "out on the land" ended up in here.
"""
import json
import logging
from collections import defaultdict
from datetime import datetime

from coop.extensions import db_session
from coop.models import (AdvisoryVisit, CropPlan, Field, NutrientRecommendation,
                         PlantingRecord, SoilSample, SoilTestResult)
from coop.repositories.fields import (CropPlanRepository, FieldRepository,
                                      SoilSampleRepository)
from coop.repositories.members import MemberRepository
from coop.services import ServiceError, require
from coop.services.notifications import notify_soil_results
from coop.utils.dates import today
from coop.utils.helpers import safe_float
from coop.utils.units import acres_to_hectares

log = logging.getLogger(__name__)

# commodity -> commodities it must not follow (disease break)
ROTATION_RULES = {
    "canola": {"canola", "mustard"},
    "peas": {"peas", "lentils", "faba"},
    "wheat": set(),
    "barley": set(),
    "oats": set(),
}


# ------------------------------------------------------------------ fields

def register_field(member_id, data):
    member = MemberRepository().get(member_id)
    require(member is not None and member.status in ("active", "applicant"), "unknown member")
    area = safe_float(data.get("area_ha"))
    if area is None and data.get("area_ac"):
        area = acres_to_hectares(data["area_ac"])
    require(area and area > 0, "field area required")
    field = Field(member_id=member_id, name=data.get("name"), area_ha=area,
                  legal_land_desc=(data.get("legal_land_desc") or "").upper() or None,
                  soil_zone=data.get("soil_zone"), irrigated=bool(data.get("irrigated")),
                  tenure=data.get("tenure", "owned"))
    if data.get("boundary"):
        field.boundary_geojson = json.dumps(data["boundary"])
    db_session.add(field)
    db_session.flush()
    return field


def retire_field(field_id):
    field = FieldRepository().get(field_id)
    require(field is not None, "no such field")
    open_plans = [p for p in field.plans if p.status in ("draft", "submitted", "approved")]
    if open_plans:
        raise ServiceError("field has open crop plans")
    field.retired = True
    return field


# ------------------------------------------------------------------ planning

def _rotation_violations(field_id, commodity):
    history = CropPlanRepository().history_for_field(field_id, years=3)
    banned = ROTATION_RULES.get(commodity, set())
    problems = []
    for i, plan in enumerate(history):
        if plan.status == "abandoned":
            continue
        if plan.commodity in banned and i < 2:
            problems.append("%s grown in %s" % (plan.commodity, plan.season.crop_year))
    return problems


def create_crop_plan(field_id, commodity, variety_id=None, area_ha=None, crop_year=None, user=None):
    repo = CropPlanRepository()
    season = repo.season(crop_year) if crop_year else repo.current_season()
    require(season is not None, "no season open for planning")
    if not (season.planning_opens <= today() <= season.planning_closes):
        raise ServiceError("planning window for %s is closed" % season.label)
    field = FieldRepository().get(field_id)
    require(field is not None and not field.retired, "field not available")
    variety = repo.variety(variety_id) if variety_id else None
    if variety is not None and variety.commodity != commodity:
        raise ServiceError("variety %s is not %s" % (variety.name, commodity))
    plan = CropPlan(field_id=field_id, season_id=season.id, variety_id=variety_id,
                    commodity=commodity, planned_area_ha=area_ha or field.area_ha,
                    target_yield_t_ha=variety.expected_yield_t_ha if variety else None,
                    created_by=user)
    warnings = _rotation_violations(field_id, commodity)
    if warnings:
        plan.note = "ROTATION: " + "; ".join(warnings)
    db_session.add(plan)
    return plan, warnings


def approve_crop_plan(plan_id, user):
    plan = CropPlanRepository().get(plan_id)
    require(plan is not None, "no such plan")
    require(plan.status == "submitted", "only submitted plans can be approved")
    plan.status = "approved"
    plan.approved_by = user
    return plan


def record_planting(plan_id, seeded_on, seeded_area_ha, seed_lot=None, seed_rate=None):
    plan = CropPlanRepository().get(plan_id)
    require(plan is not None and plan.status in ("approved", "planted"), "plan not approved")
    rec = PlantingRecord(crop_plan_id=plan.id, seeded_on=seeded_on, seeded_area_ha=seeded_area_ha,
                         seed_lot=seed_lot, seed_rate_kg_ha=seed_rate)
    plan.status = "planted"
    db_session.add(rec)
    return rec


def estimate_season_production(crop_year=None):
    """Expected tonnes per commodity; storage + marketing use this in the summer."""
    repo = CropPlanRepository()
    season = repo.season(crop_year) if crop_year else repo.current_season()
    if season is None:
        return {}
    out = defaultdict(float)
    for plan in repo.plans_for_season(season.id):
        if plan.status in ("abandoned", "draft"):
            continue
        area = plan.planned_area_ha or 0
        if plan.plantings:
            area = sum(p.seeded_area_ha or 0 for p in plan.plantings)
        out[plan.commodity] += area * (plan.target_yield_t_ha or 0)
    return {k: round(v, 1) for k, v in out.items()}


# ------------------------------------------------------------------ soil

def order_soil_test(field_id, agronomist_id=None, lab_name="Farmers Edge Lab", depth="0-15"):
    field = FieldRepository().get(field_id)
    require(field is not None, "no such field")
    if agronomist_id is None and field.owner.agronomist_id:
        agronomist_id = field.owner.agronomist_id
    sample = SoilSample(field_id=field_id, agronomist_id=agronomist_id, lab_name=lab_name,
                        depth_cm=depth, status="ordered")
    db_session.add(sample)
    return sample


def record_soil_results(lab_ref, values, raw=None):
    samples = SoilSampleRepository()
    sample = samples.by_lab_ref(lab_ref)
    if sample is None:
        raise ServiceError("unknown lab reference %s" % lab_ref)
    result = samples.result_for(sample.id) or SoilTestResult(sample_id=sample.id)
    for attr in ("ph", "organic_matter_pct", "nitrate_n_ppm", "phosphorus_ppm",
                 "potassium_ppm", "sulphur_ppm", "ec_ds_m"):
        if attr in values:
            setattr(result, attr, safe_float(values[attr]))
    result.received_at = datetime.utcnow()
    result.raw_payload = raw
    sample.status = "resulted"
    db_session.add(result)
    db_session.flush()
    rec = compute_nutrient_recommendation(sample)
    try:
        notify_soil_results(sample, rec)
    except Exception:
        log.exception("soil result notification failed for %s", lab_ref)
    return result


class NutrientCalculator(object):
    """Very simplified sufficiency approach (Sask. Soil Fertility Guide 2014)."""

    N_REQ = {"wheat": 100, "barley": 90, "oats": 80, "canola": 120, "peas": 0}
    P_TARGET_PPM = 15
    K_TARGET_PPM = 120
    S_TARGET_PPM = 10

    def __init__(self, commodity, target_yield=None):
        self.commodity = commodity
        self.target_yield = target_yield

    def nitrogen(self, nitrate_ppm, depth_factor=2.0):
        soil_n = (nitrate_ppm or 0) * depth_factor
        need = self.N_REQ.get(self.commodity, 90)
        if self.target_yield:
            need = need * (self.target_yield / 3.0)
        return max(round(need - soil_n, 1), 0)

    def phosphate(self, p_ppm):
        if (p_ppm or 0) >= self.P_TARGET_PPM * 2:
            return 15  # maintenance, seed-placed
        return round(max(self.P_TARGET_PPM - (p_ppm or 0), 0) * 3 + 20, 1)

    def potash(self, k_ppm):
        return round(max(self.K_TARGET_PPM - (k_ppm or 0), 0) * 0.6, 1)

    def sulphur(self, s_ppm):
        if self.commodity == "canola":
            return 20 if (s_ppm or 0) < self.S_TARGET_PPM * 2 else 10
        return 10 if (s_ppm or 0) < self.S_TARGET_PPM else 0

    def lime(self, ph):
        if ph is None or ph >= 6.0:
            return 0
        return round((6.5 - ph) * 2.5, 2)


def compute_nutrient_recommendation(sample, crop_plan=None):
    result = sample.result
    if result is None:
        return None
    if crop_plan is None:
        season = CropPlanRepository().current_season()
        crop_plan = next((p for p in sample.field.plans if season and p.season_id == season.id), None)
    commodity = crop_plan.commodity if crop_plan else "wheat"
    calc = NutrientCalculator(commodity, crop_plan.target_yield_t_ha if crop_plan else None)
    rec = NutrientRecommendation(
        sample_id=sample.id,
        crop_plan_id=crop_plan.id if crop_plan else None,
        n_kg_ha=calc.nitrogen(result.nitrate_n_ppm),
        p2o5_kg_ha=calc.phosphate(result.phosphorus_ppm),
        k2o_kg_ha=calc.potash(result.potassium_ppm),
        s_kg_ha=calc.sulphur(result.sulphur_ppm),
        lime_t_ha=calc.lime(result.ph),
    )
    if result.ec_ds_m and result.ec_ds_m > 4:
        rec.comments = "Saline (EC %.1f) -- consider barley or forage" % result.ec_ds_m
    db_session.add(rec)
    return rec


def schedule_advisory_visit(member_id, purpose, when, field_id=None, agronomist_id=None):
    member = MemberRepository().get(member_id)
    require(member is not None, "unknown member")
    agronomist_id = agronomist_id or member.agronomist_id
    if agronomist_id is None:
        raise ServiceError("member has no agronomist assigned")
    visit = AdvisoryVisit(agronomist_id=agronomist_id, member_id=member_id, field_id=field_id,
                          scheduled_for=when, purpose=purpose,
                          billable=purpose not in ("soil", "general"))
    db_session.add(visit)
    return visit


def close_advisory_visit(visit_id, findings):
    visit = db_session.query(AdvisoryVisit).get(visit_id)
    require(visit is not None, "no such visit")
    visit.visited_on = today()
    visit.findings = findings
    return visit


# ------------------------------------------------------------------ machinery

def book_tractor_for_field(field_id, equipment_code, start_at, end_at, user=None):
    """Convenience used by the field screen: book a machine for work on a field."""
    from coop.services.equipment import create_booking
    field = FieldRepository().get(field_id)
    require(field is not None, "no such field")
    return create_booking(field.member_id, equipment_code, start_at, end_at,
                          field_id=field.id, user=user)
