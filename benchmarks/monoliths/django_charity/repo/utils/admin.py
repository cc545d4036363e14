from django.contrib import admin

from utils.models import TaxYear, ShippingRate, DataProtectionRequest

admin.site.register(TaxYear)
admin.site.register(ShippingRate)
admin.site.register(DataProtectionRequest)
