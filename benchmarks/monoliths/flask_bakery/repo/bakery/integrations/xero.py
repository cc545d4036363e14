"""Xero accounting export.

Sales invoices for wholesale customers and bills for supplier POs.
Till takings are posted as a daily journal by the accountant by hand (!).
"""
import datetime
import logging
import time

import requests
from flask import current_app

from bakery.helpers.decorators import retry
from bakery.helpers.money import to_money
from bakery.models import (PurchaseOrder, Supplier, WholesaleCustomer,
                           WholesaleInvoice, WholesaleOrder)

log = logging.getLogger(__name__)

API = "https://api.xero.com/api.xro/2.0"
TOKEN_URL = "https://identity.xero.com/connect/token"

SALES_ACCOUNT = "200"      # Wholesale sales
PURCHASES_ACCOUNT = "310"  # Cost of goods - ingredients


class XeroError(Exception):
    pass


class XeroClient(object):
    def __init__(self, client_id, client_secret, tenant_id):
        self.client_id = client_id
        self.client_secret = client_secret
        self.tenant_id = tenant_id
        self._token = None
        self._token_expires = 0

    @classmethod
    def from_config(cls):
        cfg = current_app.config
        return cls(cfg["XERO_CLIENT_ID"], cfg["XERO_CLIENT_SECRET"], cfg["XERO_TENANT"])

    def _auth(self):
        if self._token and time.time() < self._token_expires - 60:
            return self._token
        resp = requests.post(TOKEN_URL, data={"grant_type": "client_credentials"},
                             auth=(self.client_id, self.client_secret), timeout=20)
        resp.raise_for_status()
        data = resp.json()
        self._token = data["access_token"]
        self._token_expires = time.time() + data.get("expires_in", 1800)
        return self._token

    @retry(times=3, delay=2.0, exceptions=(requests.RequestException,))
    def request(self, method, path, **kwargs):
        headers = {"Authorization": "Bearer %s" % self._auth(), "Xero-tenant-id": self.tenant_id,
                   "Accept": "application/json"}
        resp = requests.request(method, API + path, headers=headers, timeout=30, **kwargs)
        if resp.status_code == 429:
            time.sleep(int(resp.headers.get("Retry-After", "5")))
            raise requests.RequestException("rate limited")
        if resp.status_code >= 400:
            raise XeroError("%s %s -> %s %s" % (method, path, resp.status_code, resp.text[:300]))
        return resp.json()


def _contact_for_customer(client, customer):
    if customer.xero_contact_id:
        return customer.xero_contact_id
    data = client.request("POST", "/Contacts", json={"Contacts": [{
        "Name": customer.name, "AccountNumber": customer.account_code,
        "EmailAddress": customer.email or "",
    }]})
    contact_id = data["Contacts"][0]["ContactID"]
    WholesaleCustomer.update(xero_contact_id=contact_id).where(WholesaleCustomer.id == customer.id).execute()
    return contact_id


def export_invoice(client, invoice):
    contact_id = _contact_for_customer(client, invoice.customer)
    orders = WholesaleOrder.select().where(WholesaleOrder.invoice_id == invoice.id)
    lines = []
    for order in orders:
        for line in order.lines:
            qty = line.delivered_qty if line.delivered_qty is not None else line.quantity
            lines.append({
                "Description": "%s (%s)" % (line.product.name, order.delivery_date.strftime("%d/%m")),
                "Quantity": qty, "UnitAmount": str(line.unit_price), "AccountCode": SALES_ACCOUNT,
                "TaxType": "ZERORATEDOUTPUT" if line.product.vat_rate == "zero" else "OUTPUT2",
            })
    data = client.request("POST", "/Invoices", json={"Invoices": [{
        "Type": "ACCREC", "Contact": {"ContactID": contact_id},
        "InvoiceNumber": invoice.number, "Date": invoice.issue_date.isoformat(),
        "DueDate": invoice.due_date.isoformat(), "LineItems": lines, "Status": "AUTHORISED",
    }]})
    invoice.xero_invoice_id = data["Invoices"][0]["InvoiceID"]
    invoice.save()
    return invoice.xero_invoice_id


def export_new_invoices(client):
    n = 0
    for invoice in WholesaleInvoice.select().where(WholesaleInvoice.xero_invoice_id.is_null()):
        try:
            export_invoice(client, invoice)
            n += 1
        except XeroError:
            log.exception("xero export failed for %s", invoice.number)
    return n


def pull_payments(client, since_days=7):
    since = (datetime.date.today() - datetime.timedelta(days=since_days)).isoformat()
    data = client.request("GET", "/Payments", params={"where": 'Date >= DateTime(%s)' % since.replace("-", ",")})
    n = 0
    for payment in data.get("Payments", []):
        inv_id = payment.get("Invoice", {}).get("InvoiceID")
        if not inv_id:
            continue
        invoice = WholesaleInvoice.get_or_none(WholesaleInvoice.xero_invoice_id == inv_id)
        if invoice is None or invoice.paid:
            continue
        if to_money(payment.get("Amount", 0)) >= invoice.gross:
            invoice.paid = True
            invoice.paid_on = datetime.date.today()
            invoice.save()
            n += 1
    return n


def export_supplier_bill(client, po):
    supplier = po.supplier
    lines = [{
        "Description": "%s x%s" % (line.ingredient.name, line.received_packs),
        "Quantity": line.received_packs, "UnitAmount": str(line.pack_price),
        "AccountCode": PURCHASES_ACCOUNT,
    } for line in po.lines if line.received_packs]
    if not lines:
        return None
    data = client.request("POST", "/Invoices", json={"Invoices": [{
        "Type": "ACCPAY", "Contact": {"Name": supplier.name, "AccountNumber": supplier.account_ref or ""},
        "Reference": po.reference, "Date": po.order_date.isoformat(), "LineItems": lines,
        "Status": "DRAFT",
    }]})
    PurchaseOrder.update(exported_to_xero=True).where(PurchaseOrder.id == po.id).execute()
    return data["Invoices"][0]["InvoiceID"]


def export_received_pos(client):
    n = 0
    for po in (PurchaseOrder.select().join(Supplier)
               .where((PurchaseOrder.status.in_(["received", "part_received"])) &
                      (PurchaseOrder.exported_to_xero == False))):  # noqa: E712
        try:
            if export_supplier_bill(client, po):
                n += 1
        except XeroError:
            log.exception("xero bill export failed for %s", po.reference)
    return n
