"""Monthly promoter payouts. Finance owns the numbers, we own the bugs."""
import csv
import io

from django.db import connection, transaction

from backoffice.models import Payout, PayoutLine
from common.utils import month_range
from core.services import contract_on, promoter_fee


class PayoutError(Exception):
    pass


def _performance_rows(promoter, start, end):
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT p.id,
                   COUNT(t.id) FILTER (WHERE t.status IN ('valid', 'used')),
                   COALESCE(SUM(l.price_pence) FILTER (WHERE t.status IN ('valid', 'used')), 0),
                   COALESCE(SUM(l.price_pence) FILTER (WHERE t.status = 'refunded'), 0)
            FROM performances p
            JOIN core_event e ON e.id = p.event_id
            JOIN shop_orderline l ON l.performance_id = p.id
            JOIN shop_ticket t ON t.line_id = l.id
            WHERE e.promoter_id = %s AND p.starts_at::date BETWEEN %s AND %s
            GROUP BY p.id
            """,
            [promoter.pk, start, end],
        )
        return cursor.fetchall()


@transaction.atomic
def build_payout(promoter, day):
    start, end = month_range(day)
    payout, _ = Payout.objects.get_or_create(promoter=promoter, period_start=start, period_end=end)
    if payout.status != "draft":
        raise PayoutError(f"payout {payout.pk} already {payout.status}")
    payout.lines.all().delete()
    contract = contract_on(promoter, end)
    totals = {"gross": 0, "fee": 0, "refunds": 0}
    for performance_id, tickets, gross, refunds in _performance_rows(promoter, start, end):
        fee = promoter_fee(contract, gross, tickets)
        PayoutLine.objects.create(payout=payout, performance_id=performance_id, tickets=tickets,
                                  gross_pence=gross, fee_pence=fee, refunds_pence=refunds)
        totals["gross"] += gross
        totals["fee"] += fee
        totals["refunds"] += refunds
    payout.gross_pence = totals["gross"]
    payout.fee_pence = totals["fee"]
    payout.refunds_pence = totals["refunds"]
    payout.net_pence = totals["gross"] - totals["fee"]
    payout.save()
    return payout


def approve_payout(payout, user):
    if payout.net_pence < 0:
        raise PayoutError("negative payout, talk to finance")
    if not payout.promoter.bank_account:
        raise PayoutError("promoter has no bank details")
    payout.status = "approved"
    payout.approved_by = user
    payout.save(update_fields=["status", "approved_by", "updated_at"])
    return payout


def bank_file(payouts):
    """BACS-ish CSV the bank portal accepts."""
    out = io.StringIO()
    writer = csv.writer(out)
    for payout in payouts:
        promoter = payout.promoter
        writer.writerow([promoter.bank_sort_code.replace("-", ""), promoter.bank_account,
                         promoter.company_name[:18], payout.net_pence, f"MARQUEE {payout.period_end:%b%y}"])
        payout.status = "exported"
        payout.save(update_fields=["status", "updated_at"])
    return out.getvalue()
