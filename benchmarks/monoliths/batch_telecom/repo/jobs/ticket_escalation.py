#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Escalate tickets that breached their SLA.

cron: */30 * * * *
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from lib import dbutil, tickets  # noqa: E402
from lib.jobbase import base_arg_parser, exit_with, run_job  # noqa: E402
from lib.notify import send_mail  # noqa: E402

JOB_NAME = "ticket_escalation"
TEAM_MAILS = {
    "frontoffice": "fo-leads@telco.example",
    "backoffice": "bo-leads@telco.example",
    "noc": "noc@telco.example",
    "credit": "creditcontrol@telco.example",
}


def escalate_breaches(log, dry_run=False):
    escalated = []
    for t in tickets.breached_tickets():
        level = (t["level"] or 0) + 1
        if level > 3:
            continue
        reason = "resolve SLA breached" if t["resolve_breached"] else "response SLA breached"
        if dry_run:
            log.info("DRY would escalate %s to %d", t["ticket_no"], level)
            continue
        tickets.escalate(t["ticket_id"], level, reason)
        escalated.append((t, level, reason))
    dbutil.commit()
    return escalated


def mail_leads(escalated, log):
    by_team = {}
    for t, level, reason in escalated:
        team = dbutil.scalar("""
            SELECT c.team FROM tickets tk JOIN ticket_categories c ON c.id = tk.category_id
             WHERE tk.id = %s""", (t["ticket_id"],)) or "frontoffice"
        by_team.setdefault(team, []).append("%s [%s] L%d %s - %s" % (
            t["ticket_no"], t["priority"], level, reason, t["subject"]))
    for team, lines in by_team.items():
        send_mail(TEAM_MAILS.get(team, TEAM_MAILS["frontoffice"]),
                  "%d escalated tickets" % len(lines), "\n".join(lines))
        log.info("mailed %s about %d tickets", team, len(lines))


def _job(args, log):
    escalated = escalate_breaches(log, args.dry_run)
    if escalated:
        mail_leads(escalated, log)
    return 0


def main():
    args = base_arg_parser("Ticket escalation").parse_args()
    exit_with(run_job(JOB_NAME, _job, args))


if __name__ == "__main__":
    main()
