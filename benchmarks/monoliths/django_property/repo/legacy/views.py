from django.http import Http404
from django.shortcuts import get_object_or_404, render

from common.decorators import owner_required
from common.utils import format_money
from legacy.models import OwnerAccount, OwnerStatement


@owner_required
def statement_list(request, owner_id=None):
    owner = request.owner or get_object_or_404(OwnerAccount, pk=owner_id)
    statements = OwnerStatement.objects.filter(owner=owner).order_by("-period_start")
    return render(request, "legacy/statements.html", {"owner": owner, "statements": statements})


@owner_required
def statement_detail(request, pk):
    statement = get_object_or_404(OwnerStatement, pk=pk)
    if request.owner and statement.owner_id != request.owner.pk:
        raise Http404
    return render(request, "legacy/statement.html", {
        "statement": statement,
        "net": format_money(statement.net_cents),
        "payout": getattr(statement, "payout", None),
    })
