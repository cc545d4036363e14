"""Applicant screening against the credit bureau.

Lives in common/ because the first version was shared with the (since
abandoned) commercial-leasing site.
"""
import json
import logging

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from common.models import ScreeningReport

log = logging.getLogger(__name__)


class ScreeningError(Exception):
    pass


class BureauClient:
    def __init__(self, base_url=None, api_key=None, timeout=20):
        self.base_url = base_url or settings.SCREENING_BUREAU_URL
        self.api_key = api_key or settings.SCREENING_API_KEY
        self.timeout = timeout

    def request_report(self, applicant):
        payload = {
            "first_name": applicant.first_name,
            "last_name": applicant.last_name,
            "email": applicant.email,
            "consent": applicant.consent_to_screening,
            "callback_url": "/api/v1/screening/callback",
        }
        response = requests.post(
            self.base_url + "reports",
            json=payload,
            headers={"Authorization": "Bearer " + self.api_key},
            timeout=self.timeout,
        )
        if response.status_code >= 400:
            raise ScreeningError(f"bureau said {response.status_code}: {response.text[:200]}")
        return response.json()


def income_ratio(applicant):
    rent = applicant.unit.market_rent_cents or 1
    return round((applicant.annual_income_cents / 12) / rent, 2)


def score_to_decision(credit_score, eviction_records, criminal_flag, ratio):
    if eviction_records > 0 or criminal_flag:
        return "declined"
    if credit_score is None:
        return "pending"
    if credit_score >= settings.SCREENING_MIN_SCORE and ratio >= 3:
        return "approved"
    if credit_score >= settings.SCREENING_MIN_SCORE - 40 and ratio >= 2.5:
        return "conditional"
    return "declined"


class ScreeningService:
    def __init__(self, client=None):
        self.client = client or BureauClient()

    def start(self, applicant):
        if not applicant.consent_to_screening:
            raise ScreeningError("applicant has not consented")
        data = self.client.request_report(applicant)
        report = ScreeningReport.objects.create(
            applicant=applicant,
            bureau_reference=data.get("id", ""),
            income_ratio=income_ratio(applicant),
        )
        applicant.status = "screening"
        applicant.save(update_fields=["status"])
        return report

    @transaction.atomic
    def complete(self, reference, payload):
        report = ScreeningReport.objects.select_for_update().get(bureau_reference=reference)
        report.credit_score = payload.get("score")
        report.eviction_records = int(payload.get("evictions", 0))
        report.criminal_flag = bool(payload.get("criminal", False))
        report.raw_payload = json.dumps(payload)
        report.completed_at = timezone.now()
        report.decision = score_to_decision(
            report.credit_score, report.eviction_records, report.criminal_flag,
            float(report.income_ratio or 0),
        )
        report.save()
        applicant = report.applicant
        applicant.status = "approved" if report.decision == "approved" else "review"
        applicant.save(update_fields=["status"])
        log.info("screening %s finished: %s", reference, report.decision)
        return report

    def override(self, report, decision, user):
        ScreeningReport.objects.filter(pk=report.pk).update(decision=decision, decided_by=user)
        report.applicant.__class__.objects.filter(pk=report.applicant_id).update(
            status="approved" if decision in ("approved", "conditional") else "declined"
        )


def purge_old_reports(days=None):
    days = days or settings.SCREENING_RETENTION_DAYS
    cutoff = timezone.now() - timezone.timedelta(days=days)
    deleted, _ = ScreeningReport.objects.filter(requested_at__lt=cutoff).delete()
    return deleted
