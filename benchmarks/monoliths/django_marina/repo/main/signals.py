from django.db.models.signals import post_save
from django.dispatch import receiver

from main.models import BerthAllocation, Payment


@receiver(post_save, sender=BerthAllocation)
def allocation_saved(sender, instance, created, **kwargs):
    # confirmed allocations get a gate code + invoice straight away (office asked, 2020)
    if instance.status != 'confirmed' or instance.invoice_id:
        return
    from main.billing import add_line, create_invoice, issue_invoice
    from staff.access import issue_gate_code
    inv = create_invoice(instance.owner, source='berth')
    add_line(inv, 'Berth %s from %s' % (instance.berth, instance.start_date), instance.agreed_price, nominal='4100')
    issue_invoice(inv)
    BerthAllocation.objects.filter(pk=instance.pk).update(invoice=inv)
    issue_gate_code(instance.owner, valid_to=instance.end_date)


@receiver(post_save, sender=Payment)
def payment_received(sender, instance, created, **kwargs):
    if not created:
        return
    owner = instance.invoice.owner
    if owner and owner.on_stop:
        from main.billing import owner_balance
        if owner_balance(owner) <= 0:
            owner.on_stop = False
            owner.save(update_fields=['on_stop'])

