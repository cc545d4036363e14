from django.db import connection

from utils.db import dictfetchall
from utils.emails import send_templated_email
from web.models import Order, ProductVariant


def pick_list():
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT p.sku || v.sku_suffix AS sku, p.name, v.label, SUM(l.qty) AS qty
            FROM web_orderline l
            JOIN web_order o ON o.id = l.order_id
            JOIN web_productvariant v ON v.id = l.variant_id
            JOIN web_product p ON p.id = v.product_id
            WHERE o.status = 'paid'
            GROUP BY 1, 2, 3 ORDER BY 1
        """)
        return dictfetchall(cursor)


def dispatch(order, tracking_no):
    order.status = "dispatched"
    order.tracking_no = tracking_no
    order.save()
    if order.supporter and order.supporter.email:
        send_templated_email(order.supporter.email, "order_dispatched", {"order": order})


def low_stock():
    from django.db.models import F
    return ProductVariant.objects.filter(stock__lte=F("reorder_level"),
                                         product__active=True).select_related("product")
