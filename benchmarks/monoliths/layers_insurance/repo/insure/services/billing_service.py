import datetime
import logging

from insure.config import get_config
from insure.dal.billing import BillingAccountRepo, InvoiceRepo, PaymentRepo
from insure.db import get_session
from insure.models.billing import BillingAccount, Instalment, Invoice, Payment, Refund
from insure.models.party import Party
from insure.util import make_reference, percent, round_money, split_evenly, to_decimal, today, utcnow

log = logging.getLogger(__name__)

INSTALMENTS = {"annual": 1, "quarterly": 4, "monthly": 12}
INSTALMENT_SURCHARGE = {"annual": "0", "quarterly": "0.02", "monthly": "0.05"}


def account_for(party_id, session=None):
    session = session or get_session()
    repo = BillingAccountRepo(session)
    acc = repo.for_payer(party_id)
    if acc is None:
        party = session.query(Party).get(party_id)
        acc = BillingAccount(payer_id=party_id, iban=party.iban if party else None,
                             method="direct_debit" if party is not None and party.iban else "invoice")
        session.add(acc)
        session.flush()
    return acc


def _new_invoice_number():
    return make_reference("INV", 9)


def invoice_new_policy(policy, session=None):
    """First (or renewal) invoice for a term, split into instalments."""
    session = session or get_session()
    acc = account_for(policy.holder_id, session)
    freq = policy.payment_frequency or "annual"
    net = round_money(to_decimal(policy.annual_premium) * (1 + to_decimal(INSTALMENT_SURCHARGE[freq])))
    tax = percent(net, get_config().IPT_RATE)
    inv = Invoice(number=_new_invoice_number(), account_id=acc.id, policy_id=policy.id,
                  period_start=policy.start_date, period_end=policy.end_date,
                  net_amount=net, tax_amount=tax, total=round_money(net + tax), paid_amount=0,
                  due_date=max(policy.start_date, today()) + datetime.timedelta(days=14))
    session.add(inv)
    n = INSTALMENTS[freq]
    months = 12 // n
    for i, amount in enumerate(split_evenly(inv.total, n)):
        from insure.util import add_months
        inv.instalments.append(Instalment(due_date=add_months(inv.due_date, i * months), amount=amount))
    acc.balance = round_money(to_decimal(acc.balance) + inv.total)
    session.flush()
    return inv


def invoice_adjustment(policy, net_delta, label, session=None):
    session = session or get_session()
    acc = account_for(policy.holder_id, session)
    tax = percent(net_delta, get_config().IPT_RATE)
    inv = Invoice(number=_new_invoice_number(), account_id=acc.id, policy_id=policy.id,
                  net_amount=net_delta, tax_amount=tax, total=round_money(to_decimal(net_delta) + tax),
                  paid_amount=0, due_date=today() + datetime.timedelta(days=14),
                  kind="endorsement" if net_delta > 0 else "credit_note")
    session.add(inv)
    acc.balance = round_money(to_decimal(acc.balance) + inv.total)
    # TODO credit notes should be applied to open invoices (BILL-88)
    log.info("adjustment %s for %s: %s", inv.number, policy.number, label)
    return inv


def handle_cancellation(policy, refund_amount, session=None):
    """Void what is not yet due, refund what was overpaid."""
    session = session or get_session()
    acc = account_for(policy.holder_id, session)
    for inv in InvoiceRepo(session).for_policy(policy.id):
        if inv.status == "open" and inv.due_date > policy.cancelled_at:
            inv.status = "void"
            acc.balance = round_money(to_decimal(acc.balance) - inv.total)
    refund_amount = to_decimal(refund_amount)
    if refund_amount > 0:
        session.add(Refund(account_id=acc.id, policy_id=policy.id, amount=refund_amount,
                           reason="cancellation"))
    return acc


def record_payment(account_id, amount, channel, external_ref=None, invoice_number=None, session=None):
    session = session or get_session()
    payments = PaymentRepo(session)
    if external_ref and payments.by_external_ref(external_ref):
        log.warning("duplicate payment %s ignored", external_ref)
        return None
    acc = BillingAccountRepo(session).get_or_404(account_id)
    pay = Payment(account_id=acc.id, amount=round_money(amount), channel=channel,
                  external_ref=external_ref, received_at=utcnow())
    session.add(pay)
    invoices = InvoiceRepo(session)
    target = invoices.by_number(invoice_number) if invoice_number else None
    allocate(pay, [target] if target else invoices.open_for_account(acc.id))
    acc.balance = round_money(to_decimal(acc.balance) - pay.amount)
    if acc.balance <= 0 and acc.dunning_level:
        acc.dunning_level = 0
        _reinstate_policies(acc, session)
    return pay


def allocate(payment, invoices):
    left = to_decimal(payment.amount)
    for inv in invoices:
        if left <= 0:
            break
        take = min(left, inv.outstanding)
        inv.paid_amount = round_money(to_decimal(inv.paid_amount) + take)
        inv.status = "paid" if inv.outstanding <= 0 else "partial"
        if payment.invoice_id is None:
            payment.invoice_id = inv.id
        left -= take
    return left


def _reinstate_policies(acc, session):
    from insure.models.policy import Policy, PolicyStatus
    from insure.services.policy_service import reinstate
    for p in session.query(Policy).filter(Policy.holder_id == acc.payer_id,
                                          Policy.status == PolicyStatus.SUSPENDED):
        reinstate(p, session)


def collect_due_instalments(session=None):
    """Send due direct-debit instalments to the PSP."""
    session = session or get_session()
    from insure.services.psp import PspClient
    client = PspClient()
    sent = 0
    for inst in InvoiceRepo(session).instalments_due(today()):
        acc = inst.invoice.account
        if acc.method != "direct_debit" or acc.on_hold:
            continue
        inst.collection_attempts += 1
        ok, ref = client.debit(acc.iban, acc.mandate_ref, inst.amount, inst.invoice.number)
        if ok:
            inst.collected = 1
            record_payment(acc.id, inst.amount, "sdd", ref, inst.invoice.number, session=session)
            sent += 1
    return sent


def pay_refunds(session=None):
    session = session or get_session()
    from insure.services.psp import PspClient
    client = PspClient()
    for r in PaymentRepo(session).pending_refunds():
        acc = session.query(BillingAccount).get(r.account_id)
        if not acc.iban:
            continue
        if client.payout(acc.iban, r.amount, "REFUND %s" % r.id):
            r.status = "paid"
            r.paid_at = utcnow()
