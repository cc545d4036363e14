-- 2011 changes. Run by hand on KESTREL-SQL01 (see the wiki page "DB changes").

CREATE TABLE BinLocation (
    BinID           INT IDENTITY(1,1) PRIMARY KEY,
    WarehouseID     INT NOT NULL REFERENCES Warehouse(WarehouseID),
    Code            VARCHAR(12) NOT NULL,
    Zone            VARCHAR(4) NULL,
    PickSeq         INT NOT NULL DEFAULT 0
);

ALTER TABLE StockLevel ADD DefaultBinID INT NULL REFERENCES BinLocation(BinID);
ALTER TABLE StockMovement ADD BinID INT NULL REFERENCES BinLocation(BinID);

CREATE TABLE GoodsReceipt (
    ReceiptID       INT IDENTITY(1,1) PRIMARY KEY,
    PurchaseOrderID INT NOT NULL REFERENCES PurchaseOrder(PurchaseOrderID),
    WarehouseID     INT NOT NULL REFERENCES Warehouse(WarehouseID),
    ReceivedAt      DATETIME NOT NULL DEFAULT GETDATE(),
    ReceivedBy      VARCHAR(20) NULL,
    DeliveryNoteRef VARCHAR(30) NULL
);

CREATE TABLE GoodsReceiptLine (
    ReceiptLineID   INT IDENTITY(1,1) PRIMARY KEY,
    ReceiptID       INT NOT NULL REFERENCES GoodsReceipt(ReceiptID),
    PoLineID        INT NOT NULL REFERENCES PurchaseOrderLine(PoLineID),
    ProductID       INT NOT NULL REFERENCES Product(ProductID),
    QtyReceived     INT NOT NULL,
    QtyDamaged      INT NOT NULL DEFAULT 0,
    BinID           INT NULL REFERENCES BinLocation(BinID)
);

CREATE TABLE PickList (
    PickListID      INT IDENTITY(1,1) PRIMARY KEY,
    SalesOrderID    INT NOT NULL REFERENCES SalesOrder(SalesOrderID),
    WarehouseID     INT NOT NULL REFERENCES Warehouse(WarehouseID),
    Status          VARCHAR(10) NOT NULL DEFAULT 'NEW',
    PrintedAt       DATETIME NULL,
    PickedBy        VARCHAR(20) NULL,
    CompletedAt     DATETIME NULL
);

CREATE TABLE PickListLine (
    PickListLineID  INT IDENTITY(1,1) PRIMARY KEY,
    PickListID      INT NOT NULL REFERENCES PickList(PickListID),
    SalesOrderLineID INT NOT NULL REFERENCES SalesOrderLine(SalesOrderLineID),
    ProductID       INT NOT NULL REFERENCES Product(ProductID),
    BinID           INT NULL REFERENCES BinLocation(BinID),
    QtyToPick       INT NOT NULL,
    QtyPicked       INT NULL
);

ALTER TABLE Shipment ADD PickListID INT NULL REFERENCES PickList(PickListID);

CREATE TABLE Quote (
    QuoteID         INT IDENTITY(1,1) PRIMARY KEY,
    QuoteNo         VARCHAR(12) NOT NULL UNIQUE,
    CustomerID      INT NOT NULL REFERENCES Customer(CustomerID),
    SalesRepID      INT NULL REFERENCES SalesRep(SalesRepID),
    QuoteDate       DATETIME NOT NULL DEFAULT GETDATE(),
    ValidUntil      DATETIME NULL,
    Status          VARCHAR(10) NOT NULL DEFAULT 'OPEN',
    ConvertedOrderID INT NULL REFERENCES SalesOrder(SalesOrderID),
    Notes           NVARCHAR(500) NULL
);

CREATE TABLE QuoteLine (
    QuoteLineID     INT IDENTITY(1,1) PRIMARY KEY,
    QuoteID         INT NOT NULL REFERENCES Quote(QuoteID),
    ProductID       INT NOT NULL REFERENCES Product(ProductID),
    Qty             INT NOT NULL,
    UnitPrice       MONEY NOT NULL,
    DiscountPct     DECIMAL(5,2) NOT NULL DEFAULT 0
);

CREATE TABLE ContractPrice (
    ContractPriceID INT IDENTITY(1,1) PRIMARY KEY,
    CustomerID      INT NOT NULL REFERENCES Customer(CustomerID),
    ProductID       INT NOT NULL REFERENCES Product(ProductID),
    UnitPrice       MONEY NOT NULL,
    ValidFrom       DATETIME NOT NULL,
    ValidTo         DATETIME NULL,
    ContractRef     VARCHAR(20) NULL
);

CREATE TABLE QuantityBreak (
    BreakID         INT IDENTITY(1,1) PRIMARY KEY,
    PriceListID     INT NOT NULL REFERENCES PriceList(PriceListID),
    ProductID       INT NOT NULL REFERENCES Product(ProductID),
    MinQty          INT NOT NULL,
    UnitPrice       MONEY NOT NULL
);

CREATE TABLE CreditHold (
    HoldID          INT IDENTITY(1,1) PRIMARY KEY,
    CustomerID      INT NOT NULL REFERENCES Customer(CustomerID),
    Reason          NVARCHAR(200) NOT NULL,
    PlacedBy        VARCHAR(20) NOT NULL,
    PlacedAt        DATETIME NOT NULL DEFAULT GETDATE(),
    ReleasedBy      VARCHAR(20) NULL,
    ReleasedAt      DATETIME NULL
);

CREATE TABLE CustomerNote (
    NoteID          INT IDENTITY(1,1) PRIMARY KEY,
    CustomerID      INT NOT NULL REFERENCES Customer(CustomerID),
    NoteText        NVARCHAR(2000) NOT NULL,
    CreatedBy       VARCHAR(20) NOT NULL,
    CreatedAt       DATETIME NOT NULL DEFAULT GETDATE(),
    FollowUp        DATETIME NULL
);

CREATE TABLE Backorder (
    BackorderID     INT IDENTITY(1,1) PRIMARY KEY,
    SalesOrderLineID INT NOT NULL REFERENCES SalesOrderLine(SalesOrderLineID),
    ProductID       INT NOT NULL REFERENCES Product(ProductID),
    QtyOutstanding  INT NOT NULL,
    CreatedAt       DATETIME NOT NULL DEFAULT GETDATE(),
    ReleasedAt      DATETIME NULL
);
