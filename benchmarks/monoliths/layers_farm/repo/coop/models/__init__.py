"""Import every model so that metadata is complete (alembic autogenerate needs it)."""
from coop.models.base import Base  # noqa
from coop.models.people import (Member, MembershipApplication, MemberBankAccount,  # noqa
                                ShareClass, ShareHolding, ShareTransaction,
                                Agronomist, Buyer, OperatorCertification)
from coop.models.land import (Season, Field, CropVariety, CropPlan,  # noqa
                              PlantingRecord, SoilSample, SoilTestResult,
                              NutrientRecommendation, AdvisoryVisit)
from coop.models.grain import (IntakeTicket, GradeSample, DiscountSchedule,  # noqa
                               IntakeRejection, StorageSite, Bin, StockMovement,
                               BinTransfer, FumigationLog, StockCount, Pool)
from coop.models.commercial import (SalesContract, ContractDelivery, PriceQuote,  # noqa
                                    BuyerInvoice, SettlementRun, SettlementLine,
                                    MemberDeduction, AdvancePayment, PayoutBatch)
from coop.models.assets import (Equipment, EquipmentBooking, RentalCharge,  # noqa
                                MaintenanceLog)


def create_all(engine=None):
    from coop.extensions import engine as default_engine
    Base.metadata.create_all(engine or default_engine)


def drop_all(engine=None):
    from coop.extensions import engine as default_engine
    Base.metadata.drop_all(engine or default_engine)
