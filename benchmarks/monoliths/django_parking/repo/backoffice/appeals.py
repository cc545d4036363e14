"""Challenge / representation handling for PCNs (the appeals team's rules)."""
from datetime import timedelta

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from backoffice.models import Appeal
from main.models import ParkingSession, Permit
from shared.notifications import send_email


def appeal_deadline(pcn):
    return (pcn.issued_at + timedelta(days=settings.PCN_APPEAL_DAYS)).date()


def auto_decide_appeal(appeal):
    """Obvious cases the team asked us to auto-accept: paid session or permit we missed
    because the handheld was offline."""
    pcn = appeal.penalty_notice
    paid = ParkingSession.objects.filter(
        vrm=pcn.vrm, zone=pcn.zone, started_at__lte=pcn.issued_at,
        expires_at__gte=pcn.issued_at).exclude(status="cancelled").exists()
    permit = Permit.objects.filter(
        vehicle__vrm=pcn.vrm, zone=pcn.zone, status="active",
        valid_from__lte=pcn.issued_at.date(), valid_to__gte=pcn.issued_at.date()).exists()
    if paid or permit:
        decide(appeal, "accepted", None, "Auto-accepted: valid %s at time of issue" % (
            "session" if paid else "permit"))
        return True
    return False


def decide(appeal, decision, user, notes, send_letter=True):
    pcn = appeal.penalty_notice
    appeal.decision = decision
    appeal.decided_by = user
    appeal.decided_at = timezone.now()
    appeal.decision_notes = notes
    appeal.save()
    if decision == "accepted":
        pcn.status = "cancelled"
    elif decision == "reoffer":
        pcn.status = "issued"
        pcn.discount_until = timezone.localdate() + timedelta(days=settings.PCN_DISCOUNT_DAYS)
    else:
        pcn.status = "nto" if appeal.stage == "formal" else "issued"
    pcn.save()
    if send_letter and appeal.appellant_email:
        send_email(appeal.appellant_email, "Your challenge to PCN %s" % pcn.pcn_ref,
                   "emails/appeal_decision", {"appeal": appeal, "pcn": pcn})
    return appeal


def generate_appeal_letter(appeal):
    return render_to_string("backoffice/appeal_letter.html", {
        "appeal": appeal, "pcn": appeal.penalty_notice,
        "deadline": appeal_deadline(appeal.penalty_notice)})


class AppealEvidenceBundle(object):
    """Everything the tribunal asks for, in one zip."""

    def __init__(self, appeal):
        self.appeal = appeal
        self.pcn = appeal.penalty_notice

    def items(self):
        yield "pcn.txt", self._pcn_summary()
        yield "letter.html", generate_appeal_letter(self.appeal)
        for i, enq in enumerate(self.pcn.keeper_enquiries.all()):
            yield "keeper_%d.xml" % i, enq.raw_response

    def _pcn_summary(self):
        p = self.pcn
        return "\n".join([
            "PCN: %s" % p.pcn_ref, "VRM: %s" % p.vrm,
            "Contravention: %s" % p.contravention, "Issued: %s" % p.issued_at,
            "Officer: %s" % (p.officer or "-"), "Observed from: %s" % (p.observed_from or "-")])

    def open_appeals_for_vrm(self):
        return Appeal.objects.filter(penalty_notice__vrm=self.pcn.vrm, decision="")
