"""cron: 02:15 every night -> python -m insure.jobs.nightly"""
import logging
import sys

from insure import create_app
from insure.db import session_scope

log = logging.getLogger("insure.nightly")


def policy_jobs(session):
    from insure.services import renewals
    log.info("renewals offered: %s", len(renewals.run_renewals(session)))
    log.info("renewals activated: %s", renewals.activate_renewals(session))
    log.info("lapsed: %s", renewals.lapse_expired(session))


def billing_jobs(session):
    from insure.services import billing_service, dunning
    log.info("instalments collected: %s", billing_service.collect_due_instalments(session))
    dunning.run_dunning(session)
    dunning.cancel_after_final_notice(session)
    billing_service.pay_refunds(session)


def expire_quotes_job(session):
    from insure.services.underwriting import expire_quotes
    log.info("quotes expired: %s", expire_quotes(session))


def claims_payout_job(session):
    from insure.services.claims_service import pay_approved
    log.info("claim payments sent: %s", pay_approved(session))


def agent_licence_job(session):
    import datetime
    from insure.dal.agents import AgentRepo
    for a in AgentRepo(session).licences_expiring(datetime.date.today() + datetime.timedelta(days=30)):
        log.warning("agent %s licence expires %s", a.reference, a.licence_expires)


def outbox_job(session):
    from insure.services.documents import dispatch_outbox
    log.info("letters sent: %s", dispatch_outbox(session=session))


STEPS = [expire_quotes_job, policy_jobs, billing_jobs, claims_payout_job, agent_licence_job, outbox_job]


def main(argv=None):
    create_app("prod")
    failed = 0
    for step in STEPS:
        try:
            with session_scope() as s:
                step(s)
        except Exception:
            failed += 1
            log.exception("step %s failed", step.__name__)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
