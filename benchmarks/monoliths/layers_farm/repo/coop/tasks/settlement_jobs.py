"""Month-end finance jobs."""
import logging

from coop.extensions import celery
from coop.models import SettlementRun
from coop.repositories.equipment import BookingRepository
from coop.repositories.ledger import SettlementRepository
from coop.services import accounting
from coop.services.notifications import notify_payout
from coop.utils.dates import crop_year_for, today
from coop.utils.db import session_scope
from coop.utils.decorators import log_timing

log = logging.getLogger(__name__)


@celery.task(name="coop.tasks.settlement_jobs.monthly_initial_settlement")
@log_timing
def monthly_initial_settlement():
    """Draft + calculate an initial-payment run.  A human approves it next morning."""
    cy = crop_year_for(today())
    with session_scope():
        accounting.collect_rental_deductions()
        run = accounting.start_settlement_run(cy, "initial", today(), user="cron")
        accounting.compute_settlement_lines(run.id)
        return run.id


@celery.task(name="coop.tasks.settlement_jobs.send_payout_notices")
def send_payout_notices(run_id):
    sent = 0
    with session_scope() as s:
        run = s.query(SettlementRun).get(run_id)
        batch = (SettlementRepository().batches(run_id) or [None])[-1]
        if batch is None:
            log.warning("run %s has no payout batch", run_id)
            return 0
        for line_member_id, net in SettlementRepository().member_totals(run.id):
            if net and net > 0:
                member = next((l.member for l in run.lines if l.member_id == line_member_id), None)
                if member and notify_payout(member, net, batch.payment_date):
                    sent += 1
    return sent


@celery.task(name="coop.tasks.settlement_jobs.accrue_advance_interest")
def accrue_advance_interest():
    with session_scope():
        return accounting.accrue_interest()


@celery.task(name="coop.tasks.settlement_jobs.bill_returned_rentals")
def bill_returned_rentals():
    billed = 0
    with session_scope():
        for booking in BookingRepository().returned_unbilled():
            try:
                accounting.bill_rental_booking(booking.id)
                billed += 1
            except accounting.LedgerPostingError:
                log.exception("could not bill %s", booking.ref)
    return billed


@celery.task(name="coop.tasks.settlement_jobs.year_end_patronage")
def year_end_patronage(crop_year, amount, cash_pct=30):
    with session_scope():
        return len(accounting.allocate_patronage_dividend(crop_year, amount, cash_pct, user="cron"))
