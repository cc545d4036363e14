from django.contrib import admin

from boxoffice.models import Gate, PriceZone, Scan, ScannerDevice, SeatHold


@admin.register(PriceZone)
class PriceZoneAdmin(admin.ModelAdmin):
    list_display = ("performance", "name", "price_pence", "standing_quota")
    filter_horizontal = ("sections",)
    raw_id_fields = ("performance",)


@admin.register(SeatHold)
class SeatHoldAdmin(admin.ModelAdmin):
    list_display = ("token", "performance", "expires_at", "released")
    list_filter = ("released",)


@admin.register(ScannerDevice)
class ScannerDeviceAdmin(admin.ModelAdmin):
    list_display = ("label", "serial", "gate", "last_seen_at")


@admin.register(Scan)
class ScanAdmin(admin.ModelAdmin):
    list_display = ("barcode", "result", "gate", "device", "scanned_at")
    list_filter = ("result", "gate")
    search_fields = ("barcode",)


admin.site.register(Gate)
