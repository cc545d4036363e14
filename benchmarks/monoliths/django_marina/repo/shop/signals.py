from django.db.models.signals import post_save
from django.dispatch import receiver

from shop.models import FuelSale, SaleLine


@receiver(post_save, sender=SaleLine)
def sale_line_saved(sender, instance, created, **kwargs):
    # keep sale.total right when lines are edited in admin
    if not created:
        sale = instance.sale
        sale.total = sum(l.qty * l.unit_price for l in sale.lines.all())
        sale.save(update_fields=['total'])


@receiver(post_save, sender=FuelSale)
def fuel_sale_saved(sender, instance, created, **kwargs):
    if created and instance.sale_id:
        sale = instance.sale
        sale.total = (sale.total or 0) + instance.total
        sale.save(update_fields=['total'])
