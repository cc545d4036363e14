"""Staff back office. One page per thing somebody asked for."""
import datetime

from django.contrib import messages
from django.db import connection
from django.db.models import Count, Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from backoffice.models import Payout
from backoffice.payouts import PayoutError, approve_payout, bank_file
from boxoffice.models import Scan
from common.decorators import group_required, staff_required
from common.utils import local_now
from shop.models import Order, Refund
from shop.services import PaymentError, refund_order


@staff_required
def dashboard(request):
    today = local_now().date()
    paid_today = Order.objects.filter(status="paid", paid_at__date=today)
    return render(request, "backoffice/dashboard.html", {
        "orders_today": paid_today.count(),
        "revenue_today": paid_today.aggregate(s=Sum("total_pence"))["s"] or 0,
        "pending": Order.objects.filter(status="pending").count(),
    })


@staff_required
def sales_report(request):
    days = int(request.GET.get("days", 30))
    since = timezone.now() - datetime.timedelta(days=days)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT DATE(o.paid_at), o.channel, COUNT(*), SUM(o.total_pence)
            FROM orders o
            WHERE o.status = 'paid' AND o.paid_at >= %s
            GROUP BY DATE(o.paid_at), o.channel
            ORDER BY 1
            """,
            [since],
        )
        rows = cursor.fetchall()
    return render(request, "backoffice/sales.html", {"rows": rows, "days": days})


@group_required("finance")
def refund_queue(request):
    refunds = Refund.objects.filter(status__in=["pending", "failed"]).select_related("payment__order")
    return render(request, "backoffice/refunds.html", {"refunds": refunds})


@group_required("finance")
def force_refund(request, reference):
    order = get_object_or_404(Order, reference=reference)
    if request.method == "POST":
        try:
            refund_order(order, reason=request.POST.get("reason", "staff refund"), user=request.user)
            messages.success(request, "Refunded")
        except PaymentError as exc:
            messages.error(request, str(exc))
    return redirect("backoffice:refunds")


@group_required("finance")
def payout_list(request):
    payouts = Payout.objects.select_related("promoter").order_by("-period_end", "promoter__company_name")
    return render(request, "backoffice/payouts.html", {"payouts": payouts[:200]})


@group_required("finance")
def payout_approve(request, pk):
    payout = get_object_or_404(Payout, pk=pk)
    try:
        approve_payout(payout, request.user)
    except PayoutError as exc:
        messages.error(request, str(exc))
    return redirect("backoffice:payouts")


@group_required("finance")
def payout_bank_file(request):
    payouts = Payout.objects.filter(status="approved").select_related("promoter")
    response = HttpResponse(bank_file(payouts), content_type="text/csv")
    response["Content-Disposition"] = "attachment; filename=payouts.csv"
    return response


@staff_required
def scan_report(request, performance_id):
    scans = (Scan.objects.filter(ticket__line__performance_id=performance_id)
             .values("gate__name", "result").annotate(n=Count("id")).order_by("gate__name"))
    return render(request, "backoffice/scans.html", {"scans": scans, "performance_id": performance_id})


def old_dashboard(request):
    # the 2019 dashboard, URL removed in 2021 but people kept bookmarks; delete after Q3
    return redirect("backoffice:dashboard")
