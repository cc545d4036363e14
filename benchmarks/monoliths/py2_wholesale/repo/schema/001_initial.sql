-- KOPS database, first cut on SQL Server 2005.
-- Converted from the Access back end (kestrel_be.mdb) by the upsizing wizard,
-- then cleaned up by hand. Column names kept as they were in Access.

CREATE TABLE SalesRep (
    SalesRepID      INT IDENTITY(1,1) PRIMARY KEY,
    RepCode         VARCHAR(6) NOT NULL UNIQUE,
    FullName        NVARCHAR(80) NOT NULL,
    Email           VARCHAR(120) NULL,
    Phone           VARCHAR(30) NULL,
    CommissionPct   DECIMAL(5,2) NOT NULL DEFAULT 0,
    Active          BIT NOT NULL DEFAULT 1
);

CREATE TABLE PriceList (
    PriceListID     INT IDENTITY(1,1) PRIMARY KEY,
    Code            VARCHAR(10) NOT NULL UNIQUE,
    Name            NVARCHAR(60) NOT NULL,
    Currency        CHAR(3) NOT NULL DEFAULT 'GBP',
    BasedOnID       INT NULL REFERENCES PriceList(PriceListID),
    MarkupPct       DECIMAL(6,2) NULL,
    Active          BIT NOT NULL DEFAULT 1
);

CREATE TABLE TaxCode (
    TaxCode         VARCHAR(4) NOT NULL PRIMARY KEY,
    Description     NVARCHAR(60) NOT NULL,
    RatePct         DECIMAL(5,2) NOT NULL
);

CREATE TABLE Customer (
    CustomerID      INT IDENTITY(1,1) PRIMARY KEY,
    AccountNo       VARCHAR(10) NOT NULL UNIQUE,
    Name            NVARCHAR(100) NOT NULL,
    BillAddr1       NVARCHAR(80) NULL,
    BillAddr2       NVARCHAR(80) NULL,
    BillCity        NVARCHAR(50) NULL,
    BillPostcode    VARCHAR(10) NULL,
    Phone           VARCHAR(30) NULL,
    Email           VARCHAR(120) NULL,
    SalesRepID      INT NULL REFERENCES SalesRep(SalesRepID),
    PriceListID     INT NULL REFERENCES PriceList(PriceListID),
    TaxCode         VARCHAR(4) NULL REFERENCES TaxCode(TaxCode),
    TermsDays       INT NOT NULL DEFAULT 30,
    CreditLimit     MONEY NOT NULL DEFAULT 0,
    OnStop          BIT NOT NULL DEFAULT 0,
    Created         DATETIME NOT NULL DEFAULT GETDATE(),
    Active          BIT NOT NULL DEFAULT 1
);

CREATE TABLE CustomerContact (
    ContactID       INT IDENTITY(1,1) PRIMARY KEY,
    CustomerID      INT NOT NULL REFERENCES Customer(CustomerID),
    Name            NVARCHAR(80) NOT NULL,
    JobRole         NVARCHAR(40) NULL,
    Phone           VARCHAR(30) NULL,
    Email           VARCHAR(120) NULL,
    IsPrimary       BIT NOT NULL DEFAULT 0,
    ReceivesInvoices BIT NOT NULL DEFAULT 0
);

CREATE TABLE CustomerShipTo (
    ShipToID        INT IDENTITY(1,1) PRIMARY KEY,
    CustomerID      INT NOT NULL REFERENCES Customer(CustomerID),
    Code            VARCHAR(10) NOT NULL,
    Name            NVARCHAR(100) NOT NULL,
    Addr1           NVARCHAR(80) NULL,
    Addr2           NVARCHAR(80) NULL,
    City            NVARCHAR(50) NULL,
    County          NVARCHAR(50) NULL,
    Postcode        VARCHAR(10) NULL,
    DeliveryNotes   NVARCHAR(255) NULL,
    Active          BIT NOT NULL DEFAULT 1
);

CREATE TABLE ProductCategory (
    CategoryID      INT IDENTITY(1,1) PRIMARY KEY,
    Name            NVARCHAR(60) NOT NULL,
    ParentID        INT NULL REFERENCES ProductCategory(CategoryID)
);

CREATE TABLE Product (
    ProductID       INT IDENTITY(1,1) PRIMARY KEY,
    Sku             VARCHAR(20) NOT NULL UNIQUE,
    Description     NVARCHAR(120) NOT NULL,
    CategoryID      INT NULL REFERENCES ProductCategory(CategoryID),
    Uom             VARCHAR(4) NOT NULL DEFAULT 'EA',
    CaseQty         INT NOT NULL DEFAULT 1,
    WeightKg        DECIMAL(9,3) NULL,
    StdCost         MONEY NOT NULL DEFAULT 0,
    ListPrice       MONEY NOT NULL DEFAULT 0,
    TaxCode         VARCHAR(4) NOT NULL DEFAULT 'S' REFERENCES TaxCode(TaxCode),
    Barcode         VARCHAR(20) NULL,
    Discontinued    BIT NOT NULL DEFAULT 0,
    Created         DATETIME NOT NULL DEFAULT GETDATE()
);

CREATE TABLE Warehouse (
    WarehouseID     INT IDENTITY(1,1) PRIMARY KEY,
    Code            VARCHAR(4) NOT NULL UNIQUE,
    Name            NVARCHAR(60) NOT NULL,
    Addr1           NVARCHAR(80) NULL,
    City            NVARCHAR(50) NULL,
    Postcode        VARCHAR(10) NULL,
    Active          BIT NOT NULL DEFAULT 1
);

CREATE TABLE StockLevel (
    ProductID       INT NOT NULL REFERENCES Product(ProductID),
    WarehouseID     INT NOT NULL REFERENCES Warehouse(WarehouseID),
    OnHand          INT NOT NULL DEFAULT 0,
    Allocated       INT NOT NULL DEFAULT 0,
    OnOrder         INT NOT NULL DEFAULT 0,
    ReorderPoint    INT NOT NULL DEFAULT 0,
    ReorderQty      INT NOT NULL DEFAULT 0,
    LastCounted     DATETIME NULL,
    PRIMARY KEY (ProductID, WarehouseID)
);

CREATE TABLE StockMovement (
    MovementID      INT IDENTITY(1,1) PRIMARY KEY,
    ProductID       INT NOT NULL REFERENCES Product(ProductID),
    WarehouseID     INT NOT NULL REFERENCES Warehouse(WarehouseID),
    Qty             INT NOT NULL,
    MoveType        CHAR(3) NOT NULL,      -- RCV SHP ADJ CNT RMA TRF
    RefType         VARCHAR(10) NULL,
    RefID           INT NULL,
    UnitCost        MONEY NULL,
    MovedAt         DATETIME NOT NULL DEFAULT GETDATE(),
    MovedBy         VARCHAR(20) NULL
);

CREATE TABLE PriceListItem (
    PriceListID     INT NOT NULL REFERENCES PriceList(PriceListID),
    ProductID       INT NOT NULL REFERENCES Product(ProductID),
    UnitPrice       MONEY NOT NULL,
    EffectiveFrom   DATETIME NOT NULL DEFAULT GETDATE(),
    PRIMARY KEY (PriceListID, ProductID)
);

CREATE TABLE Carrier (
    CarrierID       INT IDENTITY(1,1) PRIMARY KEY,
    Name            NVARCHAR(60) NOT NULL,
    ScacCode        VARCHAR(4) NULL,
    Service         NVARCHAR(40) NULL,
    AccountNo       VARCHAR(30) NULL,
    TrackUrl        VARCHAR(255) NULL,
    RatePerKg       MONEY NOT NULL DEFAULT 0,
    MinCharge       MONEY NOT NULL DEFAULT 0,
    Active          BIT NOT NULL DEFAULT 1
);

CREATE TABLE SalesOrder (
    SalesOrderID    INT IDENTITY(1,1) PRIMARY KEY,
    OrderNo         VARCHAR(12) NOT NULL UNIQUE,
    CustomerID      INT NOT NULL REFERENCES Customer(CustomerID),
    ShipToID        INT NULL REFERENCES CustomerShipTo(ShipToID),
    CustomerPO      VARCHAR(30) NULL,
    OrderDate       DATETIME NOT NULL DEFAULT GETDATE(),
    RequiredDate    DATETIME NULL,
    Status          VARCHAR(10) NOT NULL DEFAULT 'ENTERED',
    Source          VARCHAR(6) NOT NULL DEFAULT 'PHONE',
    WarehouseID     INT NOT NULL REFERENCES Warehouse(WarehouseID),
    CarrierID       INT NULL REFERENCES Carrier(CarrierID),
    TotalValue      MONEY NOT NULL DEFAULT 0,
    EnteredBy       VARCHAR(20) NULL,
    Notes           NVARCHAR(500) NULL
);

CREATE TABLE SalesOrderLine (
    SalesOrderLineID INT IDENTITY(1,1) PRIMARY KEY,
    SalesOrderID    INT NOT NULL REFERENCES SalesOrder(SalesOrderID),
    LineNo          INT NOT NULL,
    ProductID       INT NOT NULL REFERENCES Product(ProductID),
    Qty             INT NOT NULL,
    QtyAllocated    INT NOT NULL DEFAULT 0,
    QtyShipped      INT NOT NULL DEFAULT 0,
    UnitPrice       MONEY NOT NULL,
    DiscountPct     DECIMAL(5,2) NOT NULL DEFAULT 0,
    PriceSource     VARCHAR(8) NULL,
    TaxCode         VARCHAR(4) NULL
);

CREATE TABLE Shipment (
    ShipmentID      INT IDENTITY(1,1) PRIMARY KEY,
    SalesOrderID    INT NOT NULL REFERENCES SalesOrder(SalesOrderID),
    CarrierID       INT NULL REFERENCES Carrier(CarrierID),
    ShipToID        INT NULL REFERENCES CustomerShipTo(ShipToID),
    ShippedAt       DATETIME NULL,
    Cartons         INT NOT NULL DEFAULT 1,
    WeightKg        DECIMAL(9,3) NULL,
    FreightCharge   MONEY NOT NULL DEFAULT 0,
    TrackingNo      VARCHAR(40) NULL,
    Status          VARCHAR(10) NOT NULL DEFAULT 'OPEN',
    Invoiced        BIT NOT NULL DEFAULT 0
);

CREATE TABLE Invoice (
    InvoiceID       INT IDENTITY(1,1) PRIMARY KEY,
    InvoiceNo       VARCHAR(12) NOT NULL UNIQUE,
    CustomerID      INT NOT NULL REFERENCES Customer(CustomerID),
    SalesOrderID    INT NULL REFERENCES SalesOrder(SalesOrderID),
    ShipmentID      INT NULL REFERENCES Shipment(ShipmentID),
    InvoiceDate     DATETIME NOT NULL DEFAULT GETDATE(),
    DueDate         DATETIME NOT NULL,
    NetAmount       MONEY NOT NULL DEFAULT 0,
    TaxAmount       MONEY NOT NULL DEFAULT 0,
    FreightAmount   MONEY NOT NULL DEFAULT 0,
    TotalAmount     MONEY NOT NULL DEFAULT 0,
    AmountPaid      MONEY NOT NULL DEFAULT 0,
    Status          VARCHAR(8) NOT NULL DEFAULT 'OPEN',
    Printed         BIT NOT NULL DEFAULT 0
);

CREATE TABLE InvoiceLine (
    InvoiceLineID   INT IDENTITY(1,1) PRIMARY KEY,
    InvoiceID       INT NOT NULL REFERENCES Invoice(InvoiceID),
    SalesOrderLineID INT NULL REFERENCES SalesOrderLine(SalesOrderLineID),
    ProductID       INT NOT NULL REFERENCES Product(ProductID),
    Qty             INT NOT NULL,
    UnitPrice       MONEY NOT NULL,
    LineNet         MONEY NOT NULL,
    TaxCode         VARCHAR(4) NOT NULL REFERENCES TaxCode(TaxCode),
    TaxAmount       MONEY NOT NULL DEFAULT 0
);

CREATE TABLE Payment (
    PaymentID       INT IDENTITY(1,1) PRIMARY KEY,
    CustomerID      INT NOT NULL REFERENCES Customer(CustomerID),
    ReceivedDate    DATETIME NOT NULL,
    Amount          MONEY NOT NULL,
    Method          VARCHAR(8) NOT NULL,   -- CHQ BACS CARD LOCKBOX
    Reference       VARCHAR(40) NULL,
    BankBatch       VARCHAR(20) NULL,
    Unallocated     MONEY NOT NULL DEFAULT 0,
    EnteredBy       VARCHAR(20) NULL
);

CREATE TABLE PaymentAllocation (
    AllocationID    INT IDENTITY(1,1) PRIMARY KEY,
    PaymentID       INT NOT NULL REFERENCES Payment(PaymentID),
    InvoiceID       INT NOT NULL REFERENCES Invoice(InvoiceID),
    Amount          MONEY NOT NULL,
    AllocatedAt     DATETIME NOT NULL DEFAULT GETDATE(),
    AllocatedBy     VARCHAR(20) NULL
);

CREATE TABLE Supplier (
    SupplierID      INT IDENTITY(1,1) PRIMARY KEY,
    Code            VARCHAR(10) NOT NULL UNIQUE,
    Name            NVARCHAR(100) NOT NULL,
    ContactName     NVARCHAR(80) NULL,
    Email           VARCHAR(120) NULL,
    Phone           VARCHAR(30) NULL,
    Fax             VARCHAR(30) NULL,
    LeadTimeDays    INT NOT NULL DEFAULT 7,
    MinOrderValue   MONEY NOT NULL DEFAULT 0,
    SendPoBy        VARCHAR(5) NOT NULL DEFAULT 'EMAIL',
    Active          BIT NOT NULL DEFAULT 1
);

CREATE TABLE SupplierItem (
    SupplierID      INT NOT NULL REFERENCES Supplier(SupplierID),
    ProductID       INT NOT NULL REFERENCES Product(ProductID),
    SupplierSku     VARCHAR(30) NULL,
    Cost            MONEY NOT NULL,
    PackQty         INT NOT NULL DEFAULT 1,
    Preferred       BIT NOT NULL DEFAULT 0,
    LastCostUpdate  DATETIME NULL,
    PRIMARY KEY (SupplierID, ProductID)
);

CREATE TABLE PurchaseOrder (
    PurchaseOrderID INT IDENTITY(1,1) PRIMARY KEY,
    PoNo            VARCHAR(12) NOT NULL UNIQUE,
    SupplierID      INT NOT NULL REFERENCES Supplier(SupplierID),
    WarehouseID     INT NOT NULL REFERENCES Warehouse(WarehouseID),
    OrderDate       DATETIME NOT NULL DEFAULT GETDATE(),
    ExpectedDate    DATETIME NULL,
    Status          VARCHAR(10) NOT NULL DEFAULT 'DRAFT',
    SentAt          DATETIME NULL,
    TotalCost       MONEY NOT NULL DEFAULT 0,
    CreatedBy       VARCHAR(20) NULL,
    Notes           NVARCHAR(500) NULL
);

CREATE TABLE PurchaseOrderLine (
    PoLineID        INT IDENTITY(1,1) PRIMARY KEY,
    PurchaseOrderID INT NOT NULL REFERENCES PurchaseOrder(PurchaseOrderID),
    ProductID       INT NOT NULL REFERENCES Product(ProductID),
    QtyOrdered      INT NOT NULL,
    QtyReceived     INT NOT NULL DEFAULT 0,
    UnitCost        MONEY NOT NULL,
    SalesOrderLineID INT NULL REFERENCES SalesOrderLine(SalesOrderLineID)  -- back-to-back orders
);
