from celery import shared_task

from common.notify import send_email


@shared_task
def email_report_cards(term_id):
    from reports.models import ReportCard

    sent = 0
    for card in ReportCard.objects.filter(term_id=term_id, status="published").select_related("student", "term"):
        for guardian in card.student.contactable_guardians():
            if guardian.email:
                send_email(guardian.email, "Report card for %s" % card.student.first_name,
                           "The %s report card for %s is now on the parent portal."
                           % (card.term.name, card.student.full_name))
                sent += 1
    return sent
