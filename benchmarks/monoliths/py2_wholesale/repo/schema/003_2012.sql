-- 2012: EDI with the big customers, promotions, returns, credit notes.

CREATE TABLE TradingPartner (
    PartnerID       INT IDENTITY(1,1) PRIMARY KEY,
    CustomerID      INT NOT NULL REFERENCES Customer(CustomerID),
    IsaQualifier    CHAR(2) NOT NULL DEFAULT 'ZZ',
    IsaId           VARCHAR(15) NOT NULL,
    GsId            VARCHAR(15) NOT NULL,
    X12Version      VARCHAR(6) NOT NULL DEFAULT '004010',
    FtpHost         VARCHAR(100) NULL,
    FtpUser         VARCHAR(40) NULL,
    FtpPassword     VARCHAR(40) NULL,
    InboxDir        VARCHAR(100) NULL,
    OutboxDir       VARCHAR(100) NULL,
    Send855         BIT NOT NULL DEFAULT 0,
    Send856         BIT NOT NULL DEFAULT 1,
    Send810         BIT NOT NULL DEFAULT 1,
    LastControlNo   INT NOT NULL DEFAULT 0,
    Active          BIT NOT NULL DEFAULT 1
);

CREATE TABLE EdiInbox (
    InboxID         INT IDENTITY(1,1) PRIMARY KEY,
    PartnerID       INT NOT NULL REFERENCES TradingPartner(PartnerID),
    DocType         VARCHAR(3) NOT NULL,
    ControlNo       VARCHAR(9) NULL,
    FileName        VARCHAR(120) NULL,
    RawData         NTEXT NOT NULL,
    ReceivedAt      DATETIME NOT NULL DEFAULT GETDATE(),
    Status          VARCHAR(8) NOT NULL DEFAULT 'NEW',
    ErrorText       NVARCHAR(1000) NULL,
    SalesOrderID    INT NULL REFERENCES SalesOrder(SalesOrderID)
);

CREATE TABLE EdiOutbox (
    OutboxID        INT IDENTITY(1,1) PRIMARY KEY,
    PartnerID       INT NOT NULL REFERENCES TradingPartner(PartnerID),
    DocType         VARCHAR(3) NOT NULL,
    ControlNo       VARCHAR(9) NOT NULL,
    RefID           INT NOT NULL,
    RawData         NTEXT NOT NULL,
    CreatedAt       DATETIME NOT NULL DEFAULT GETDATE(),
    SentAt          DATETIME NULL,
    Status          VARCHAR(8) NOT NULL DEFAULT 'QUEUED',
    AckStatus       VARCHAR(3) NULL
);

CREATE TABLE EdiItemXref (
    PartnerID       INT NOT NULL REFERENCES TradingPartner(PartnerID),
    PartnerItemCode VARCHAR(30) NOT NULL,
    ProductID       INT NOT NULL REFERENCES Product(ProductID),
    PartnerUom      VARCHAR(4) NULL,
    PRIMARY KEY (PartnerID, PartnerItemCode)
);

CREATE TABLE Promotion (
    PromotionID     INT IDENTITY(1,1) PRIMARY KEY,
    Code            VARCHAR(12) NOT NULL UNIQUE,
    Description     NVARCHAR(120) NOT NULL,
    PriceListID     INT NULL REFERENCES PriceList(PriceListID),
    StartDate       DATETIME NOT NULL,
    EndDate         DATETIME NOT NULL,
    DiscountPct     DECIMAL(5,2) NULL,
    Active          BIT NOT NULL DEFAULT 1
);

CREATE TABLE PromotionItem (
    PromotionID     INT NOT NULL REFERENCES Promotion(PromotionID),
    ProductID       INT NOT NULL REFERENCES Product(ProductID),
    PromoPrice      MONEY NULL,
    PRIMARY KEY (PromotionID, ProductID)
);

CREATE TABLE ReturnAuth (
    RmaID           INT IDENTITY(1,1) PRIMARY KEY,
    RmaNo           VARCHAR(12) NOT NULL UNIQUE,
    SalesOrderID    INT NOT NULL REFERENCES SalesOrder(SalesOrderID),
    CustomerID      INT NOT NULL REFERENCES Customer(CustomerID),
    Reason          NVARCHAR(200) NULL,
    Status          VARCHAR(10) NOT NULL DEFAULT 'OPEN',
    CreatedAt       DATETIME NOT NULL DEFAULT GETDATE(),
    ReceivedAt      DATETIME NULL
);

CREATE TABLE ReturnAuthLine (
    RmaLineID       INT IDENTITY(1,1) PRIMARY KEY,
    RmaID           INT NOT NULL REFERENCES ReturnAuth(RmaID),
    SalesOrderLineID INT NOT NULL REFERENCES SalesOrderLine(SalesOrderLineID),
    ProductID       INT NOT NULL REFERENCES Product(ProductID),
    Qty             INT NOT NULL,
    ItemCondition   VARCHAR(10) NULL,
    Restock         BIT NOT NULL DEFAULT 1
);

CREATE TABLE CreditNote (
    CreditNoteID    INT IDENTITY(1,1) PRIMARY KEY,
    CreditNoteNo    VARCHAR(12) NOT NULL UNIQUE,
    CustomerID      INT NOT NULL REFERENCES Customer(CustomerID),
    InvoiceID       INT NULL REFERENCES Invoice(InvoiceID),
    RmaID           INT NULL REFERENCES ReturnAuth(RmaID),
    IssueDate       DATETIME NOT NULL DEFAULT GETDATE(),
    Reason          NVARCHAR(200) NULL,
    TotalAmount     MONEY NOT NULL DEFAULT 0,
    AmountApplied   MONEY NOT NULL DEFAULT 0
);

CREATE TABLE CreditNoteLine (
    CreditNoteLineID INT IDENTITY(1,1) PRIMARY KEY,
    CreditNoteID    INT NOT NULL REFERENCES CreditNote(CreditNoteID),
    ProductID       INT NOT NULL REFERENCES Product(ProductID),
    Qty             INT NOT NULL,
    UnitPrice       MONEY NOT NULL,
    LineNet         MONEY NOT NULL,
    TaxAmount       MONEY NOT NULL DEFAULT 0
);

CREATE TABLE DunningLetter (
    LetterID        INT IDENTITY(1,1) PRIMARY KEY,
    CustomerID      INT NOT NULL REFERENCES Customer(CustomerID),
    InvoiceID       INT NOT NULL REFERENCES Invoice(InvoiceID),
    LetterLevel     INT NOT NULL,
    SentAt          DATETIME NOT NULL DEFAULT GETDATE(),
    SentTo          VARCHAR(120) NULL
);

CREATE TABLE CreditReview (
    ReviewID        INT IDENTITY(1,1) PRIMARY KEY,
    CustomerID      INT NOT NULL REFERENCES Customer(CustomerID),
    ReviewDate      DATETIME NOT NULL DEFAULT GETDATE(),
    OldLimit        MONEY NOT NULL,
    NewLimit        MONEY NOT NULL,
    Reviewer        VARCHAR(20) NOT NULL,
    Notes           NVARCHAR(1000) NULL,
    NextReview      DATETIME NULL
);

CREATE TABLE StockCount (
    CountID         INT IDENTITY(1,1) PRIMARY KEY,
    WarehouseID     INT NOT NULL REFERENCES Warehouse(WarehouseID),
    ProductID       INT NOT NULL REFERENCES Product(ProductID),
    BinID           INT NULL REFERENCES BinLocation(BinID),
    SystemQty       INT NOT NULL,
    CountedQty      INT NOT NULL,
    CountedAt       DATETIME NOT NULL DEFAULT GETDATE(),
    CountedBy       VARCHAR(20) NULL,
    Posted          BIT NOT NULL DEFAULT 0
);

ALTER TABLE SalesOrder ADD PromotionCode VARCHAR(12) NULL;
