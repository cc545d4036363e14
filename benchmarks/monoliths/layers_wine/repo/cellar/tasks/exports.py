from cellar.extensions import celery
from cellar.utils.mailer import send_email
from cellar.utils.pdf import render_pdf


@celery.task
def export_invoices_to_sage():
    from cellar.services.billing_service import export_to_sage
    path, n = export_to_sage()
    return {"path": path, "invoices": n}


@celery.task
def export_price_list_pdf(price_list_id, recipients):
    from cellar.models.orders import PriceList, PriceListItem
    plist = PriceList.query.get(price_list_id)
    items = PriceListItem.query.filter_by(price_list_id=plist.id).all()
    pdf = render_pdf("price_list.html", price_list=plist, items=items)
    for to in recipients:
        send_email(to, "Vino Trade %s price list" % plist.name, template="price_list.html",
                   attachments=[("pricelist-%s.pdf" % plist.code, "application/pdf", pdf)],
                   price_list=plist)
    return len(recipients)
