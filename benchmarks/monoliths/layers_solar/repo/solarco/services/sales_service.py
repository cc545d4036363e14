"""Lead handling and quoting.

History: LeadService was written first (2019), QuoteService was bolted on when
we stopped doing quotes in Excel.  accept_quote() kicks off the whole
downstream machine (project, deposit invoice, finance) - be careful.
"""
import logging
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Dict, List, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from solarco.core.config import settings
from solarco.core.notifications import OutgoingEmail, render_template, send_email
from solarco.core.utils import (BusinessRuleError, NotFoundError, calc_payback_years,
                                estimate_annual_yield_kwh, normalize_email, normalize_phone,
                                panels_needed, round_money, sales_tax_rate, size_system_for_bill,
                                to_decimal)
from solarco.models.lead import Lead, Quote, ReferralPartner
from solarco.repositories.inventory_repo import ProductRepository
from solarco.repositories.lead_repo import LeadRepository, QuoteRepository, ReferralPartnerRepository
from solarco.repositories.misc import mark_lead_won

log = logging.getLogger(__name__)

# $/W installed labour + overhead adders
LABOR_PER_WATT = Decimal("0.85")
PERMIT_FEE_FLAT = Decimal("450.00")
PANEL_UPGRADE_ADDER = Decimal("2200.00")
REROOF_ADDER_PER_M2 = Decimal("55.00")
BATTERY_INSTALL_ADDER = Decimal("1500.00")

PROMO_CODES = {
    "SPRING10": Decimal("0.10"),
    "NEIGHBOR500": Decimal("500"),
    "VETERAN": Decimal("0.05"),
}


def pick_rep_round_robin(load: Dict[str, int], reps: Optional[List[str]] = None) -> str:
    reps = reps or settings.sales_reps
    return min(reps, key=lambda r: (load.get(r, 0), r))


def apply_promo(subtotal: Decimal, code: Optional[str]) -> Decimal:
    """Return the discount amount for a promo code."""
    if not code:
        return Decimal("0")
    value = PROMO_CODES.get(code.upper())
    if value is None:
        raise BusinessRuleError(f"unknown promo code {code}")
    if value < 1:
        return round_money(subtotal * value)
    return round_money(min(value, subtotal))


class LeadService:
    def __init__(self, db: Session):
        self.db = db
        self.leads = LeadRepository(db)
        self.partners = ReferralPartnerRepository(db)

    def create_lead(self, data: dict, created_by: Optional[str] = None) -> Lead:
        data = dict(data)
        data["email"] = normalize_email(data.get("email"))
        data["phone"] = normalize_phone(data.get("phone"))
        dup = self.leads.find_duplicate(data.get("email"), data.get("phone"), data.get("address_line1"))
        if dup:
            self.leads.add_activity(dup.id, "note", "Duplicate lead submission merged", created_by)
            self.db.commit()
            return dup
        if data.get("referral_code"):
            partner = self.db.scalars(select(ReferralPartner).where(
                ReferralPartner.email == data.pop("referral_code"))).first()
            if partner:
                data["referral_partner_id"] = partner.id
                data["source"] = "referral"
        data.pop("referral_code", None)
        lead = Lead(**data)
        lead.assigned_rep = pick_rep_round_robin(self.leads.rep_load())
        self.leads.add(lead)
        self.leads.add_activity(lead.id, "status_change", "new", created_by)
        self.db.commit()
        return lead

    def log_activity(self, lead_id: int, kind: str, note: str, by: Optional[str] = None):
        self.leads.get_or_404(lead_id)
        act = self.leads.add_activity(lead_id, kind, note, by)
        self.db.commit()
        return act

    def change_status(self, lead_id: int, status: str, by: Optional[str] = None,
                      reason: Optional[str] = None) -> Lead:
        lead = self.leads.get_or_404(lead_id)
        if lead.status == "won" and status != "won":
            raise BusinessRuleError("cannot reopen a won lead")
        lead.status = status
        if status == "lost":
            lead.lost_reason = reason
        self.leads.add_activity(lead_id, "status_change", f"{status} {reason or ''}".strip(), by)
        self.db.commit()
        return lead

    def qualify(self, lead_id: int, monthly_bill: float, utility: str, rate: float,
                by: Optional[str] = None) -> Lead:
        lead = self.leads.get_or_404(lead_id)
        lead.monthly_bill_usd = monthly_bill
        lead.utility_name = utility
        lead.rate_per_kwh = rate
        if monthly_bill < 60:
            # too small to be worth it - per sales policy 2020-03
            return self.change_status(lead_id, "lost", by, "bill too low")
        return self.change_status(lead_id, "qualified", by)

    def request_survey(self, lead_id: int, when: datetime, by: Optional[str] = None):
        # import here to avoid circular import with survey_service
        from solarco.services.survey_service import SurveyService

        lead = self.leads.get_or_404(lead_id)
        if lead.status not in ("qualified", "contacted", "survey_booked"):
            raise BusinessRuleError("lead must be qualified before booking a survey")
        survey = SurveyService(self.db).schedule(lead_id, when)
        lead.status = "survey_booked"
        self.leads.add_activity(lead_id, "note", f"survey booked for {when:%Y-%m-%d %H:%M}", by)
        self.db.commit()
        return survey

    def reassign(self, lead_id: int, rep: str) -> Lead:
        lead = self.leads.get_or_404(lead_id)
        lead.assigned_rep = rep
        self.db.commit()
        return lead


class QuoteService:
    def __init__(self, db: Session):
        self.db = db
        self.quotes = QuoteRepository(db)
        self.leads = LeadRepository(db)
        self.products = ProductRepository(db)

    # -- building -------------------------------------------------------------
    def build_from_survey(self, lead_id: int, survey_id: Optional[int] = None,
                          offset_pct: float = 100.0, with_battery: bool = False,
                          promo_code: Optional[str] = None) -> Quote:
        from solarco.services.survey_service import SurveyService

        lead = self.leads.get_or_404(lead_id)
        surveys = SurveyService(self.db)
        survey = surveys.get(survey_id) if survey_id else surveys.latest_completed(lead_id)
        if survey is None or survey.status != "completed":
            raise BusinessRuleError("a completed site survey is required before quoting")

        target_kw = size_system_for_bill(float(lead.monthly_bill_usd or 0),
                                         float(lead.rate_per_kwh or 0.15), lead.state, offset_pct)
        max_kw = surveys.max_system_kw(survey.id)
        system_kw = min(target_kw, max_kw) if max_kw else target_kw
        if system_kw <= 0:
            raise BusinessRuleError("roof cannot fit a viable system")

        panel = self.products.default_panel()
        if panel is None:
            raise BusinessRuleError("no panel in catalogue")
        count = panels_needed(system_kw, panel.watts)
        system_kw = round(count * panel.watts / 1000.0, 2)
        inverter = self.products.default_inverter(system_kw)

        quote = Quote(
            number=self.quotes.next_number(),
            lead_id=lead.id,
            survey_id=survey.id,
            revision=len(self.quotes.for_lead(lead.id)) + 1,
            system_size_kw=system_kw,
            panel_count=count,
            panel_product_id=panel.id,
            inverter_product_id=inverter.id if inverter else None,
            valid_until=date.today() + timedelta(days=settings.quote_validity_days),
            promo_code=promo_code,
        )
        access = surveys.solar_access(survey.id)
        quote.estimated_annual_kwh = estimate_annual_yield_kwh(system_kw, lead.state, access)
        self.quotes.add(quote)

        self.quotes.add_line(quote, product_id=panel.id, kind="equipment",
                             description=f"{panel.brand} {panel.model} {panel.watts}W",
                             qty=count, unit_price=panel.list_price,
                             line_total=round_money(to_decimal(panel.list_price) * count))
        if inverter:
            self.quotes.add_line(quote, product_id=inverter.id, kind="equipment",
                                 description=f"{inverter.brand} {inverter.model}", qty=1,
                                 unit_price=inverter.list_price, line_total=inverter.list_price)
        if with_battery:
            battery = next(iter(self.products.by_category("battery")), None)
            if battery:
                quote.battery_product_id = battery.id
                self.quotes.add_line(quote, product_id=battery.id, kind="equipment",
                                     description=f"{battery.brand} {battery.model}", qty=1,
                                     unit_price=battery.list_price, line_total=battery.list_price)
                self.quotes.add_line(quote, kind="labor", description="Battery installation",
                                     qty=1, unit_price=BATTERY_INSTALL_ADDER,
                                     line_total=BATTERY_INSTALL_ADDER)
        labor = round_money(LABOR_PER_WATT * Decimal(str(system_kw * 1000)))
        self.quotes.add_line(quote, kind="labor", description="Installation labour", qty=1,
                             unit_price=labor, line_total=labor)
        self.quotes.add_line(quote, kind="permit", description="Permitting & interconnection",
                             qty=1, unit_price=PERMIT_FEE_FLAT, line_total=PERMIT_FEE_FLAT)
        if survey.needs_panel_upgrade:
            self.quotes.add_line(quote, kind="adder", description="Main panel upgrade", qty=1,
                                 unit_price=PANEL_UPGRADE_ADDER, line_total=PANEL_UPGRADE_ADDER)
        self.recalculate(quote, lead.state)
        lead.status = "quoted"
        self.db.commit()
        return quote

    def recalculate(self, quote: Quote, state: Optional[str] = None) -> Quote:
        self.db.flush()
        self.db.refresh(quote)
        subtotal = sum((to_decimal(l.line_total) for l in quote.lines), Decimal("0"))
        equipment = sum((to_decimal(l.line_total) for l in quote.lines if l.kind == "equipment"),
                        Decimal("0"))
        quote.subtotal = round_money(subtotal)
        quote.discount = apply_promo(subtotal, quote.promo_code)
        if state is None:
            state = self.leads.get(quote.lead_id).state
        # tax only on equipment, after pro-rata discount
        ratio = (equipment / subtotal) if subtotal else Decimal("0")
        taxable = equipment - quote.discount * ratio
        quote.tax = round_money(taxable * sales_tax_rate(state))
        quote.total = round_money(quote.subtotal - quote.discount + quote.tax)
        return quote

    def add_custom_line(self, quote_id: int, description: str, qty: float, unit_price: float,
                        kind: str = "adder") -> Quote:
        quote = self.quotes.get_with_lines(quote_id)
        if quote is None:
            raise NotFoundError("Quote", quote_id)
        if quote.status not in ("draft",):
            raise BusinessRuleError("only draft quotes can be edited")
        self.quotes.add_line(quote, kind=kind, description=description, qty=qty,
                             unit_price=unit_price, line_total=round_money(qty * unit_price))
        self.recalculate(quote)
        self.db.commit()
        return quote

    def payback(self, quote_id: int) -> Optional[float]:
        quote = self.quotes.get_or_404(quote_id)
        lead = self.leads.get(quote.lead_id)
        net = to_decimal(quote.total) * Decimal("0.70")  # 30% federal ITC
        return calc_payback_years(net, float(quote.estimated_annual_kwh or 0),
                                  float(lead.rate_per_kwh or 0.15))

    # -- lifecycle ------------------------------------------------------------
    def send(self, quote_id: int, by: Optional[str] = None) -> Quote:
        quote = self.quotes.get_or_404(quote_id)
        lead = self.leads.get(quote.lead_id)
        if quote.status not in ("draft", "sent"):
            raise BusinessRuleError(f"cannot send a {quote.status} quote")
        self.quotes.supersede_others(lead.id, quote.id)
        quote.status = "sent"
        quote.sent_at = datetime.utcnow()
        body = render_template("quote_sent", first_name=lead.first_name, number=quote.number,
                               total=f"${quote.total:,.2f}",
                               link=f"https://portal.solarco.example/q/{quote.number}")
        send_email(OutgoingEmail(to=[lead.email], subject=f"Your solar proposal {quote.number}",
                                 body=body, cc=[lead.assigned_rep] if lead.assigned_rep else []))
        self.leads.add_activity(lead.id, "email", f"quote {quote.number} sent", by)
        self.db.commit()
        return quote

    def accept(self, quote_id: int, financing: str = "cash", loan_product_id: Optional[int] = None,
               by: Optional[str] = None) -> Dict:
        """Customer signed.  Creates the project, deposit invoice and (optionally)
        a finance application.  All in one transaction."""
        from solarco.services.billing_service import FinanceService, InvoiceService
        from solarco.services.project_service import ProjectService

        quote = self.quotes.get_with_lines(quote_id)
        if quote is None:
            raise NotFoundError("Quote", quote_id)
        if quote.status != "sent":
            raise BusinessRuleError("only sent quotes can be accepted")
        if quote.valid_until and quote.valid_until < date.today():
            raise BusinessRuleError("quote has expired, please revise")
        quote.status = "accepted"
        quote.accepted_at = datetime.utcnow()
        quote.financing_option = financing
        mark_lead_won(self.db, quote.lead_id, by)

        project = ProjectService(self.db).create_from_quote(quote, commit=False)
        result = {"quote": quote.number, "project": project.project_number}
        if financing == "loan":
            if not loan_product_id:
                raise BusinessRuleError("loan_product_id required for loan financing")
            app = FinanceService(self.db).open_application(quote, loan_product_id, commit=False)
            result["finance_application"] = app.id
        else:
            inv = InvoiceService(self.db).create_deposit_invoice(project, quote, commit=False)
            result["deposit_invoice"] = inv.number
        self.db.commit()
        return result

    def revise(self, quote_id: int, promo_code: Optional[str] = None) -> Quote:
        old = self.quotes.get_or_404(quote_id)
        new = self.build_from_survey(old.lead_id, old.survey_id,
                                     with_battery=bool(old.battery_product_id),
                                     promo_code=promo_code or old.promo_code)
        old.status = "superseded"
        self.db.commit()
        return new

    def expire_old(self, today: Optional[date] = None) -> int:
        today = today or date.today()
        n = 0
        for q in self.quotes.expired_candidates(today):
            q.status = "expired"
            n += 1
        self.db.commit()
        return n


def commission_for_quote(db: Session, quote: Quote) -> Decimal:
    """Referral commission owed for an accepted quote (paid by finance monthly)."""
    lead = db.get(Lead, quote.lead_id)
    if not lead or not lead.referral_partner_id:
        return Decimal("0")
    partner = db.get(ReferralPartner, lead.referral_partner_id)
    if not partner or not partner.active:
        return Decimal("0")
    return round_money(to_decimal(quote.subtotal) * to_decimal(partner.commission_pct) / 100)
