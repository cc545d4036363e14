# import all models so alembic autogenerate sees them
from cellar.models.base import TimestampMixin, SoftDeleteMixin  # noqa
from cellar.models.user import User, Role, AuditLog  # noqa
from cellar.models.product import Producer, Wine, ExciseRate  # noqa
from cellar.models.purchasing import PurchaseOrder, PurchaseOrderLine, Shipment, CustomsEntry  # noqa
from cellar.models.stock import (Warehouse, Bin, Lot, StockMovement, StockReservation,  # noqa
                                 StockCount, StockCountLine)
from cellar.models.customer import Customer, CustomerContact, CustomerAddress, CrmNote, SalesVisit  # noqa
from cellar.models.compliance import Licence, ComplianceCheck  # noqa
from cellar.models.orders import (SalesOrder, SalesOrderLine, PriceList, PriceListItem,  # noqa
                                  CustomerDiscount, Promotion)
from cellar.models.logistics import Carrier, Vehicle, DeliveryRoute, Delivery, DeliveryStop  # noqa
from cellar.models.finance import (Invoice, InvoiceLine, Payment, CreditNote,  # noqa
                                   PaymentReminder, ExciseReturn, ExciseReturnLine)
