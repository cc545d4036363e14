# Import all models so Base.metadata knows every table (alembic autogenerate needs this)
from solarco.models.lead import Lead, LeadActivity, Quote, QuoteLineItem, ReferralPartner  # noqa
from solarco.models.survey import RoofFace, ShadingReport, SiteSurvey, SurveyPhoto  # noqa
from solarco.models.project import (  # noqa
    Crew, CrewAssignment, CrewMember, InstallationProject, ProjectMilestone,
)
from solarco.models.inventory import (  # noqa
    Product, PurchaseOrder, PurchaseOrderLine, StockMovement, Supplier, WarehouseStock,
)
from solarco.models.permit import (  # noqa
    InspectionVisit, PermitApplication, PermitDocument, UtilityInterconnection,
)
from solarco.models.billing import FinanceApplication, Invoice, InvoiceLine, LoanProduct, Payment  # noqa
from solarco.models.monitoring import (  # noqa
    MaintenanceContract, MonitoredSystem, ProductionReading, ServiceTicket, SystemAlert,
)
