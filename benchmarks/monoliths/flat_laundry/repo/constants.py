"""status codes etc. Some of these are also hardcoded as strings elsewhere, sorry."""

SECTORS = ['hotel', 'hospital', 'restaurant', 'care_home']
BILLING_BASES = ['per_piece', 'per_kg', 'rental']
SOIL_TYPES = ['normal', 'foul', 'infected']
LOCATIONS = ['depot', 'plant', 'site', 'transit']


class DeliveryStatus(object):
    PLANNED = 'planned'
    LOADED = 'loaded'
    DELIVERED = 'delivered'
    SHORT = 'short'
    ALL = [PLANNED, LOADED, DELIVERED, SHORT]


class BatchStatus(object):
    OPEN = 'open'
    RUNNING = 'running'
    DONE = 'done'
    FAILED = 'failed'


class InvoiceStatus(object):
    DRAFT = 'draft'
    ISSUED = 'issued'
    PAID = 'paid'
    VOID = 'void'
    OPEN = (DRAFT, ISSUED)


class TagStatus(object):
    ACTIVE = 'active'
    LOST = 'lost'
    RETIRED = 'retired'


# RFID reader locations -> what the read means
READER_MEANING = {
    'dirty_in': 'plant',
    'clean_out': 'depot',
    'van': 'transit',
    'site': 'site',
}
