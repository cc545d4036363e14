"""Monthly owner statements and ACH payouts."""
import datetime
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from legacy.models import ManagementAgreement, OwnerAccount, OwnerStatement, Payout

COLLECTED_RENT_SQL = """
    SELECT COALESCE(SUM(p.amount_cents), 0)
    FROM core_payment p
    JOIN rent_invoice i ON i.id = p.invoice_id
    JOIN core_lease l ON l.id = i.lease_id
    JOIN main_unit u ON u.id = l.unit_id
    WHERE u.building_id = %s AND p.reversed = FALSE
      AND p.received_at::date BETWEEN %s AND %s
"""

EXPENSES_SQL = """
    SELECT COALESCE(SUM(w.cost_cents), 0)
    FROM work_orders w
    JOIN main_unit u ON u.id = w.unit_id
    WHERE u.building_id = %s AND w.status = 'done' AND w.billable_to_tenant = FALSE
      AND w.completed_at::date BETWEEN %s AND %s
"""


def _scalar(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0] or 0


@transaction.atomic
def build_statement(owner, period_start, period_end):
    gross = fees = expenses = 0
    agreements = ManagementAgreement.objects.filter(owner=owner, starts_on__lte=period_end)
    for agreement in agreements.exclude(ends_on__lt=period_start):
        collected = _scalar(COLLECTED_RENT_SQL, [agreement.building_id, period_start, period_end])
        gross += collected
        fees += int(Decimal(collected) * agreement.fee_percent / 100)
        expenses += _scalar(EXPENSES_SQL, [agreement.building_id, period_start, period_end])
    statement, _ = OwnerStatement.objects.update_or_create(
        owner=owner,
        period_start=period_start,
        defaults={
            "period_end": period_end,
            "gross_rent_cents": gross,
            "management_fee_cents": fees,
            "expenses_cents": expenses,
            "net_cents": gross - fees - expenses,
        },
    )
    return statement


def create_payout(statement):
    amount = statement.net_cents - statement.owner.reserve_cents
    if amount <= 0 or statement.owner.payout_method == "hold":
        return None
    payout, _ = Payout.objects.get_or_create(
        statement=statement, defaults={"owner": statement.owner, "amount_cents": amount}
    )
    return payout


class AchExporter:
    """Writes a NACHA-ish flat file the bank picks up over SFTP."""

    def __init__(self, directory=None):
        self.directory = directory or settings.ACH_EXPORT_DIR

    def line(self, payout):
        owner = payout.owner
        return "6{:<9}{:<17}{:010d}{:<22}".format(
            owner.bank_routing, "****" + owner.bank_account_last4, payout.amount_cents, owner.name[:22]
        )

    def export(self, payouts):
        path = self.directory / f"ach-{timezone.now():%Y%m%d%H%M}.txt"
        path.write_text("\n".join(self.line(p) for p in payouts) + "\n")
        Payout.objects.filter(pk__in=[p.pk for p in payouts]).update(status="exported", exported_at=timezone.now())
        return path


def run_monthly_payouts(month_start):
    month_end = (month_start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(days=1)
    payouts = []
    for owner in OwnerAccount.objects.exclude(payout_method="hold"):
        payout = create_payout(build_statement(owner, month_start, month_end))
        if payout and owner.payout_method == "ach":
            payouts.append(payout)
    return AchExporter().export(payouts) if payouts else None


def legacy_fee_v1(gross_cents):
    # OwnerPay 1.x flat 10% fee. Superseded by ManagementAgreement.fee_percent.
    return gross_cents // 10
