from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone


class ProductCategory(models.Model):
    name = models.CharField(max_length=64)
    parent = models.ForeignKey('self', null=True, blank=True, on_delete=models.SET_NULL)
    nominal_code = models.CharField(max_length=10, default='4000')

    class Meta:
        verbose_name_plural = 'product categories'

    def __str__(self):
        return self.name


class Product(models.Model):
    sku = models.CharField(max_length=32, unique=True)
    barcode = models.CharField(max_length=32, blank=True, db_index=True)
    name = models.CharField(max_length=128)
    category = models.ForeignKey(ProductCategory, null=True, on_delete=models.SET_NULL)
    supplier = models.CharField(max_length=64, blank=True)
    cost_price = models.DecimalField(max_digits=10, decimal_places=2)
    sell_price = models.DecimalField(max_digits=10, decimal_places=2)
    vat_rate = models.DecimalField(max_digits=4, decimal_places=3, default=Decimal('0.200'))
    stock_qty = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    reorder_level = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    active = models.BooleanField(default=True)

    def __str__(self):
        return '%s %s' % (self.sku, self.name)


class StockMovement(models.Model):
    REASONS = (('sale', 'Sale'), ('receipt', 'Goods in'), ('adjust', 'Adjustment'), ('yard', 'Issued to yard'), ('return', 'Return'))
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name='movements')
    qty = models.DecimalField(max_digits=10, decimal_places=2)
    reason = models.CharField(max_length=10, choices=REASONS)
    reference = models.CharField(max_length=32, blank=True)
    at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)


class PurchaseOrder(models.Model):
    supplier = models.CharField(max_length=64)
    ordered = models.DateField(default=timezone.localdate)
    received = models.DateField(null=True, blank=True)
    lines_json = models.TextField(default='[]')  # [{sku, qty, cost}]
    status = models.CharField(max_length=10, default='open')


class Sale(models.Model):
    till = models.CharField(max_length=8, default='T1')
    started = models.DateTimeField(default=timezone.now)
    completed = models.DateTimeField(null=True, blank=True)
    owner = models.ForeignKey('boats.Owner', null=True, blank=True, on_delete=models.SET_NULL)
    payment_method = models.CharField(max_length=10, blank=True)  # card / cash / account
    total = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    discount = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    voided = models.BooleanField(default=False)
    invoice = models.ForeignKey('main.Invoice', null=True, blank=True, on_delete=models.SET_NULL)
    cashier = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)


class SaleLine(models.Model):
    sale = models.ForeignKey(Sale, on_delete=models.CASCADE, related_name='lines')
    product = models.ForeignKey(Product, on_delete=models.PROTECT)
    qty = models.DecimalField(max_digits=8, decimal_places=2, default=1)
    unit_price = models.DecimalField(max_digits=10, decimal_places=2)


# ---- fuel dock ------------------------------------------------------------
# Moved in here in 2020 when the new Gilbarco pumps went in. Not really "shop"
# but it shares the till.

class FuelTank(models.Model):
    FUEL = (('diesel', 'White diesel'), ('red', 'Red diesel'), ('petrol', 'Petrol'))
    name = models.CharField(max_length=32)
    fuel_type = models.CharField(max_length=10, choices=FUEL)
    capacity_l = models.PositiveIntegerField()
    pump_id = models.CharField(max_length=8, blank=True)


class FuelPrice(models.Model):
    fuel_type = models.CharField(max_length=10)
    price_per_litre = models.DecimalField(max_digits=6, decimal_places=3)
    effective_from = models.DateTimeField(default=timezone.now)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        get_latest_by = 'effective_from'


class FuelSale(models.Model):
    tank = models.ForeignKey(FuelTank, on_delete=models.PROTECT)
    litres = models.DecimalField(max_digits=8, decimal_places=2)
    price_per_litre = models.DecimalField(max_digits=6, decimal_places=3)
    total = models.DecimalField(max_digits=10, decimal_places=2)
    boat_name = models.CharField(max_length=64, blank=True)
    owner = models.ForeignKey('boats.Owner', null=True, blank=True, on_delete=models.SET_NULL)
    propulsion_pct = models.PositiveSmallIntegerField(default=100)  # red diesel declaration
    sale = models.ForeignKey(Sale, null=True, blank=True, on_delete=models.SET_NULL)
    pump_txn = models.CharField(max_length=32, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = 'fuel_sales'


class TankDip(models.Model):
    tank = models.ForeignKey(FuelTank, on_delete=models.CASCADE, related_name='dips')
    litres = models.DecimalField(max_digits=8, decimal_places=1)
    taken_at = models.DateTimeField(default=timezone.now)
    taken_by = models.CharField(max_length=32)
    delivery_litres = models.DecimalField(max_digits=8, decimal_places=1, default=0)
