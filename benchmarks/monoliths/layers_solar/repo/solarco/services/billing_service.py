"""Invoicing, payments, loan financing.

Also contains the maintenance-contract renewal logic because renewals are
"just invoices" (they are not - see OPS-577).
"""
import logging
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Dict, List, Optional

import requests
from sqlalchemy import select
from sqlalchemy.orm import Session

from solarco.core.config import settings
from solarco.core.notifications import OutgoingEmail, render_template, send_email
from solarco.core.utils import (BusinessRuleError, NotFoundError, compute_late_fee, format_money,
                                percent_of, retry, round_money, sales_tax_rate, to_decimal)
from solarco.models.billing import FinanceApplication, Invoice
from solarco.models.lead import Lead, Quote
from solarco.models.monitoring import MaintenanceContract, MonitoredSystem, ServiceTicket
from solarco.models.project import InstallationProject
from solarco.repositories.billing_repo import FinanceRepository, InvoiceRepository, PaymentRepository
from solarco.repositories.monitoring_repo import ContractRepository

log = logging.getLogger(__name__)

SERVICE_HOURLY_RATE = Decimal("125.00")
SERVICE_CALLOUT_FEE = Decimal("149.00")
CONTRACT_PLAN_FEES = {"basic": Decimal("149.00"), "plus": Decimal("249.00"), "premium": Decimal("399.00")}
MAX_REMINDERS = 4


def monthly_payment(principal: Decimal, apr: Decimal, months: int) -> Decimal:
    r = float(apr) / 100 / 12
    p = float(principal)
    if r == 0:
        return round_money(p / months)
    return round_money(p * r / (1 - (1 + r) ** -months))


def due_date_from(issue: date, days: Optional[int] = None) -> date:
    return issue + timedelta(days=days if days is not None else settings.invoice_due_days)


class InvoiceService:
    def __init__(self, db: Session):
        self.db = db
        self.invoices = InvoiceRepository(db)
        self.payments = PaymentRepository(db)

    def _new_invoice(self, lead_id: int, kind: str, project_id: Optional[int] = None,
                     due_days: Optional[int] = None, **extra) -> Invoice:
        today = date.today()
        inv = Invoice(number=self.invoices.next_number(), lead_id=lead_id, project_id=project_id,
                      kind=kind, status="open", issue_date=today, due_date=due_date_from(today, due_days),
                      currency=settings.default_currency, **extra)
        self.invoices.add(inv)
        return inv

    def _finalise(self, inv: Invoice, state: Optional[str], taxable: Decimal = Decimal("0")) -> Invoice:
        self.db.flush()
        self.db.refresh(inv)
        inv.subtotal = round_money(sum((to_decimal(l.amount) for l in inv.lines), Decimal("0")))
        inv.tax = round_money(taxable * sales_tax_rate(state)) if taxable else Decimal("0.00")
        inv.total = round_money(inv.subtotal + inv.tax)
        return inv

    def create_deposit_invoice(self, project: InstallationProject, quote: Quote,
                               commit: bool = True) -> Invoice:
        if self.invoices.has_kind(project.id, "deposit"):
            raise BusinessRuleError("deposit already invoiced")
        inv = self._new_invoice(project.lead_id, "deposit", project.id, due_days=7)
        amount = percent_of(quote.total, settings.deposit_percent * 100)
        self.invoices.add_line(inv, f"Deposit ({int(settings.deposit_percent * 100)}%) - {quote.number}",
                               1, amount)
        self._finalise(inv, None)
        self.send(inv, commit=False)
        if commit:
            self.db.commit()
        return inv

    def create_progress_invoice(self, project: InstallationProject, commit: bool = True) -> Optional[Invoice]:
        quote = self.db.get(Quote, project.quote_id)
        if quote.financing_option == "loan":
            return None  # lender pays milestones directly
        if self.invoices.has_kind(project.id, "progress"):
            return None
        inv = self._new_invoice(project.lead_id, "progress", project.id)
        amount = percent_of(quote.total, settings.progress_percent * 100)
        self.invoices.add_line(inv, f"Installation complete - {project.project_number}", 1, amount)
        self._finalise(inv, None)
        self.send(inv, commit=False)
        if commit:
            self.db.commit()
        return inv

    def create_final_invoice(self, project: InstallationProject, commit: bool = True) -> Optional[Invoice]:
        quote = self.db.get(Quote, project.quote_id)
        if quote.financing_option == "loan":
            return None
        billed = sum((to_decimal(i.total) for i in self.invoices.for_project(project.id)
                      if i.status != "void" and i.kind in ("deposit", "progress")), Decimal("0"))
        remaining = round_money(to_decimal(quote.total) - billed)
        if remaining <= 0:
            return None
        inv = self._new_invoice(project.lead_id, "final", project.id)
        self.invoices.add_line(inv, f"Final balance - {project.project_number}", 1, remaining)
        self._finalise(inv, None)
        self.send(inv, commit=False)
        if commit:
            self.db.commit()
        return inv

    def create_service_invoice(self, ticket: ServiceTicket, lead_id: int, parts: Dict[str, Decimal],
                               state: Optional[str] = None, commit: bool = True) -> Invoice:
        inv = self._new_invoice(lead_id, "service", service_ticket_id=ticket.id)
        self.invoices.add_line(inv, "Service call-out", 1, SERVICE_CALLOUT_FEE)
        hours = to_decimal(ticket.labor_hours)
        if hours:
            self.invoices.add_line(inv, "Labour", hours, SERVICE_HOURLY_RATE)
        parts_total = Decimal("0")
        for desc, price in parts.items():
            self.invoices.add_line(inv, desc, 1, price)
            parts_total += to_decimal(price)
        self._finalise(inv, state, taxable=parts_total)
        self.send(inv, commit=False)
        if commit:
            self.db.commit()
        return inv

    def send(self, inv: Invoice, commit: bool = True) -> None:
        lead = self.db.get(Lead, inv.lead_id)
        if lead is None or not lead.email:
            log.warning("invoice %s has no email recipient", inv.number)
            return
        send_email(OutgoingEmail(
            to=[lead.email], subject=f"SolarCo invoice {inv.number}",
            body=render_template("invoice_issued", number=inv.number,
                                 total=format_money(inv.total, inv.currency),
                                 due_date=inv.due_date.isoformat())))
        if commit:
            self.db.commit()

    def record_payment(self, invoice_id: int, amount, method: str, reference: Optional[str] = None,
                       by: Optional[str] = None):
        from solarco.models.billing import Payment

        inv = self.invoices.get_or_404(invoice_id)
        if inv.status == "void":
            raise BusinessRuleError("cannot pay a void invoice")
        if reference and self.payments.by_reference(reference):
            raise BusinessRuleError(f"payment {reference} already recorded")
        pay = Payment(invoice_id=inv.id, amount=round_money(amount), method=method,
                      reference=reference, recorded_by=by)
        self.payments.add(pay)
        inv.amount_paid = self.payments.total_for_invoice(inv.id)
        if to_decimal(inv.amount_paid) >= to_decimal(inv.total):
            inv.status = "paid"
        else:
            inv.status = "partially_paid"
        self.db.commit()
        return pay

    def void(self, invoice_id: int, reason: str) -> Invoice:
        inv = self.invoices.get_or_404(invoice_id)
        if to_decimal(inv.amount_paid) > 0:
            raise BusinessRuleError("refund payments before voiding")
        inv.status = "void"
        self.db.commit()
        return inv

    def send_reminders(self, today: Optional[date] = None) -> int:
        today = today or date.today()
        sent = 0
        for inv in self.invoices.overdue(today):
            if (inv.reminders_sent or 0) >= MAX_REMINDERS:
                continue
            if inv.last_reminder_at and (today - inv.last_reminder_at.date()).days < 7:
                continue
            lead = self.db.get(Lead, inv.lead_id)
            if not lead or not lead.email:
                continue
            send_email(OutgoingEmail(to=[lead.email], subject=f"Reminder: invoice {inv.number}",
                                     body=render_template("payment_reminder", number=inv.number,
                                                          balance=format_money(inv.balance))))
            inv.reminders_sent = (inv.reminders_sent or 0) + 1
            inv.last_reminder_at = datetime.utcnow()
            sent += 1
        self.db.commit()
        return sent

    def apply_late_fees(self, today: Optional[date] = None) -> List[str]:
        today = today or date.today()
        created = []
        for inv in self.invoices.overdue(today):
            if inv.kind == "late_fee":
                continue
            fee = compute_late_fee(inv.balance, (today - inv.due_date).days)
            # only charge once per 30 days; reminders_sent is a proxy (yes, hacky)
            if fee <= 0 or (inv.reminders_sent or 0) < 2:
                continue
            fee_inv = self._new_invoice(inv.lead_id, "late_fee", inv.project_id)
            self.invoices.add_line(fee_inv, f"Late fee on {inv.number}", 1, fee)
            self._finalise(fee_inv, None)
            created.append(fee_inv.number)
        self.db.commit()
        return created


class FinancePartnerClient:
    def __init__(self):
        self.base_url = settings.finance_partner_url.rstrip("/")
        self.key = settings.finance_partner_key

    @retry(times=3, delay=3.0, exceptions=(requests.RequestException,))
    def create_application(self, payload: dict) -> dict:
        resp = requests.post(f"{self.base_url}/applications", json=payload,
                             headers={"X-Api-Key": self.key}, timeout=30)
        resp.raise_for_status()
        return resp.json()

    def cancel_application(self, ref: str) -> None:
        requests.post(f"{self.base_url}/applications/{ref}/cancel",
                      headers={"X-Api-Key": self.key}, timeout=15)


class FinanceService:
    def __init__(self, db: Session, client: Optional[FinancePartnerClient] = None):
        self.db = db
        self.repo = FinanceRepository(db)
        self.client = client or FinancePartnerClient()

    def open_application(self, quote: Quote, loan_product_id: int, commit: bool = True) -> FinanceApplication:
        product = self.repo.loan_product(loan_product_id)
        if product is None or not product.active:
            raise BusinessRuleError("loan product not available")
        lead = self.db.get(Lead, quote.lead_id)
        # dealer fee is baked into the financed amount
        amount = round_money(to_decimal(quote.total) / (1 - to_decimal(product.dealer_fee_pct) / 100))
        app = FinanceApplication(quote_id=quote.id, lead_id=lead.id, loan_product_id=product.id,
                                 amount=amount, status="pending")
        self.repo.add(app)
        resp = self.client.create_application({
            "product_code": product.name, "amount": str(amount), "installer_ref": quote.number,
            "applicant": {"first_name": lead.first_name, "last_name": lead.last_name,
                          "email": lead.email, "phone": lead.phone,
                          "address": {"line1": lead.address_line1, "city": lead.city,
                                      "state": lead.state, "zip": lead.zip_code}},
        })
        app.external_ref = resp.get("id")
        if commit:
            self.db.commit()
        return app

    def handle_webhook(self, event: dict) -> Optional[FinanceApplication]:
        app = self.repo.by_external_ref(event.get("application_id", ""))
        if app is None:
            log.warning("finance webhook for unknown application %s", event.get("application_id"))
            return None
        kind = event.get("type")
        if kind == "application.approved":
            app.status = "approved"
            app.decision_at = datetime.utcnow()
        elif kind == "application.declined":
            app.status = "declined"
            app.decision_at = datetime.utcnow()
            app.decline_reason = event.get("reason")
        elif kind == "loan.funded":
            app.status = "funded"
            app.funded_at = datetime.utcnow()
            self._record_funding(app, to_decimal(event.get("amount", app.amount)))
        self.db.commit()
        return app

    def _record_funding(self, app: FinanceApplication, amount: Decimal) -> None:
        """Lender funding is booked as a single invoice+payment on the project."""
        from solarco.repositories.misc import project_for_quote

        project = project_for_quote(self.db, app.quote_id)
        invs = InvoiceService(self.db)
        inv = invs._new_invoice(app.lead_id, "final", project.id if project else None)
        invs.invoices.add_line(inv, f"Financed by {app.loan_product.lender}", 1, amount)
        invs._finalise(inv, None)
        invs.record_payment(inv.id, amount, "loan_funding", reference=app.external_ref)

    def quote_monthly(self, quote: Quote) -> List[Dict]:
        out = []
        for p in self.repo.loan_products():
            financed = to_decimal(quote.total) / (1 - to_decimal(p.dealer_fee_pct) / 100)
            out.append({"product_id": p.id, "lender": p.lender, "name": p.name, "apr": float(p.apr),
                        "term_months": p.term_months,
                        "monthly": float(monthly_payment(financed, p.apr, p.term_months))})
        return out


class MaintenanceContractService:
    """O&M contract sales and renewals."""

    def __init__(self, db: Session):
        self.db = db
        self.contracts = ContractRepository(db)

    def sell(self, system_id: int, plan: str, years: int = 1, start: Optional[date] = None) -> MaintenanceContract:
        if plan not in CONTRACT_PLAN_FEES:
            raise BusinessRuleError(f"unknown plan {plan}")
        system = self.db.get(MonitoredSystem, system_id)
        if system is None:
            raise NotFoundError("MonitoredSystem", system_id)
        if self.contracts.active_for_system(system_id, start):
            raise BusinessRuleError("system already has an active contract")
        start = start or date.today()
        contract = MaintenanceContract(system_id=system_id, plan=plan,
                                       annual_fee=CONTRACT_PLAN_FEES[plan], start_date=start,
                                       end_date=start.replace(year=start.year + years) - timedelta(days=1))
        self.contracts.add(contract)
        self._invoice(contract, system)
        self.db.commit()
        return contract

    def _invoice(self, contract: MaintenanceContract, system: MonitoredSystem) -> Invoice:
        invs = InvoiceService(self.db)
        inv = invs._new_invoice(system.lead_id, "contract", contract_id=contract.id, due_days=30)
        invs.invoices.add_line(inv, f"O&M plan '{contract.plan}' {contract.start_date}..{contract.end_date}",
                               1, contract.annual_fee)
        invs._finalise(inv, None)
        invs.send(inv, commit=False)
        return inv

    def renew_expiring(self, within_days: int = 30) -> int:
        today = date.today()
        n = 0
        for c in self.contracts.expiring_between(today, today + timedelta(days=within_days)):
            if not c.auto_renew:
                continue
            system = self.db.get(MonitoredSystem, c.system_id)
            if system is None or system.status == "decommissioned":
                continue
            new_start = c.end_date + timedelta(days=1)
            if self.contracts.active_for_system(c.system_id, new_start):
                continue
            renewed = MaintenanceContract(system_id=c.system_id, plan=c.plan,
                                          annual_fee=CONTRACT_PLAN_FEES.get(c.plan, c.annual_fee),
                                          start_date=new_start,
                                          end_date=new_start.replace(year=new_start.year + 1) - timedelta(days=1))
            self.contracts.add(renewed)
            self._invoice(renewed, system)
            n += 1
        self.db.commit()
        return n

    def cancel(self, contract_id: int) -> MaintenanceContract:
        c = self.contracts.get_or_404(contract_id)
        c.cancelled_at = datetime.utcnow()
        c.auto_renew = False
        self.db.commit()
        return c
