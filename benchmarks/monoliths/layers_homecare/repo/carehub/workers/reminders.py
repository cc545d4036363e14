from datetime import date, timedelta

from carehub.core.database import session_scope
from carehub.models.care import CarePlan
from carehub.models.finance import Funder
from carehub.models.staff import Staff
from carehub.services.notification_service import notify_office, send_email, send_sms
from carehub.workers.scheduler import logged_job


@logged_job
def training_expiry_reminders():
    from carehub.services.training_service import expiring_training
    with session_scope() as db:
        for rec in expiring_training(db, within_days=30):
            staff = db.get(Staff, rec.staff_id)
            if staff.phone:
                send_sms(staff.phone, "Your %s training expires on %s - please book a refresher."
                         % (rec.course.title, rec.expires_on.strftime("%d/%m/%Y")))


@logged_job
def care_plan_review_reminders():
    from carehub.crud.care_plan import due_reviews
    with session_scope() as db:
        rows = due_reviews(db)
        if rows:
            lines = []
            for r in rows:
                plan = db.get(CarePlan, r.care_plan_id)
                lines.append("Client %s - review due %s (%s)" % (plan.client_id, r.due_date, r.trigger))
            notify_office("%d care plan reviews overdue" % len(rows), "\n".join(lines))


@logged_job
def overdue_invoice_chasers():
    from carehub.crud.finance import unpaid_invoices
    with session_scope() as db:
        for inv in unpaid_invoices(db):
            if inv.due_on and inv.due_on < date.today() - timedelta(days=14):
                funder = db.get(Funder, inv.funder_id)
                if funder.billing_email and funder.funder_type == "private":
                    send_email(funder.billing_email, "Reminder: invoice %s overdue" % inv.number,
                               "Our records show invoice %s remains unpaid." % inv.number)


def register(sched):
    sched.add_job(training_expiry_reminders, "cron", day_of_week="mon", hour=8)
    sched.add_job(care_plan_review_reminders, "cron", hour=7)
    sched.add_job(overdue_invoice_chasers, "cron", day_of_week="tue", hour=9)
