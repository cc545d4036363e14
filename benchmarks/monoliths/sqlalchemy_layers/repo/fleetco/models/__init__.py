# Import every model module so Base.metadata knows all tables (alembic autogenerate needs it).
from fleetco.models import accounts, assets, billing, orders  # noqa: F401
from fleetco.models.accounts import Customer, CustomerAddress, CustomerContact, Driver  # noqa: F401
from fleetco.models.assets import Vehicle, Warehouse  # noqa: F401
from fleetco.models.billing import Invoice, Payment  # noqa: F401
from fleetco.models.orders import Quote, Shipment, TrackingEvent  # noqa: F401
