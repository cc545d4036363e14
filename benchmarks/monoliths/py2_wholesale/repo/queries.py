"""All the SQL. Keep it in here so the DBA can find it (Phil's rule, 2010).

Conventions: functions return db rows (Storage) or lists of them; money is Decimal;
nothing in here talks to web.py.
"""
import datetime
import logging

import config
import db
from util import (to_decimal, round_money, today, next_order_no, next_quote_no,
                  next_invoice_no, next_po_no, line_tax, due_date)

log = logging.getLogger('kops.queries')


# ====================================================================== customers

def get_customer(customer_id):
    return db.query_one("SELECT c.*, r.FullName AS RepName, p.Code AS PriceListCode "
                        "FROM Customer c LEFT JOIN SalesRep r ON r.SalesRepID = c.SalesRepID "
                        "LEFT JOIN PriceList p ON p.PriceListID = c.PriceListID "
                        "WHERE c.CustomerID = ?", (customer_id,))


def customer_by_account(account_no):
    return db.query_one("SELECT * FROM Customer WHERE AccountNo = ?", (account_no.strip().upper(),))


def find_customers(term, include_inactive=False, limit=100):
    like = '%' + term.strip() + '%'
    sql = ("SELECT TOP %d CustomerID, AccountNo, Name, BillCity, Phone, OnStop, Active "
           "FROM Customer WHERE (Name LIKE ? OR AccountNo LIKE ? OR BillPostcode LIKE ?)" % limit)
    if not include_inactive:
        sql += " AND Active = 1"
    return db.query(sql + " ORDER BY Name", (like, like, like))


def save_customer(data, customer_id=None):
    fields = ('Name', 'BillAddr1', 'BillAddr2', 'BillCity', 'BillPostcode', 'Phone', 'Email',
              'SalesRepID', 'PriceListID', 'TaxCode', 'TermsDays', 'CreditLimit')
    values = [data.get(f) or None for f in fields]
    if customer_id:
        sets = ', '.join('%s = ?' % f for f in fields)
        db.execute("UPDATE Customer SET %s WHERE CustomerID = ?" % sets, values + [customer_id])
        return customer_id
    return db.insert("INSERT INTO Customer (AccountNo, %s) VALUES (?, %s)"
                     % (', '.join(fields), ', '.join(['?'] * len(fields))),
                     [data['AccountNo'].upper()] + values)


def customer_contacts(customer_id):
    return db.query("SELECT * FROM CustomerContact WHERE CustomerID = ? "
                    "ORDER BY IsPrimary DESC, Name", (customer_id,))


def add_contact(customer_id, name, role, phone, email, primary=False, invoices=False):
    if primary:
        db.execute("UPDATE CustomerContact SET IsPrimary = 0 WHERE CustomerID = ?",
                   (customer_id,), commit=False)
    return db.insert("INSERT INTO CustomerContact (CustomerID, Name, JobRole, Phone, Email, "
                     "IsPrimary, ReceivesInvoices) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (customer_id, name, role, phone, email, int(primary), int(invoices)))


def invoice_contact_email(customer_id):
    row = db.query_one("SELECT TOP 1 Email FROM CustomerContact WHERE CustomerID = ? "
                       "AND ReceivesInvoices = 1 AND Email IS NOT NULL", (customer_id,))
    if row:
        return row.Email
    return db.scalar("SELECT Email FROM Customer WHERE CustomerID = ?", (customer_id,))


def customer_shiptos(customer_id, active_only=True):
    sql = "SELECT * FROM CustomerShipTo WHERE CustomerID = ?"
    if active_only:
        sql += " AND Active = 1"
    return db.query(sql + " ORDER BY Code", (customer_id,))


def get_shipto(ship_to_id):
    return db.query_one("SELECT * FROM CustomerShipTo WHERE ShipToID = ?", (ship_to_id,))


def save_shipto(customer_id, data, ship_to_id=None):
    vals = (data.get('Code'), data.get('Name'), data.get('Addr1'), data.get('Addr2'),
            data.get('City'), data.get('County'), data.get('Postcode'), data.get('DeliveryNotes'))
    if ship_to_id:
        db.execute("UPDATE CustomerShipTo SET Code=?, Name=?, Addr1=?, Addr2=?, City=?, County=?, "
                   "Postcode=?, DeliveryNotes=? WHERE ShipToID = ? AND CustomerID = ?",
                   vals + (ship_to_id, customer_id))
        return ship_to_id
    return db.insert("INSERT INTO CustomerShipTo (CustomerID, Code, Name, Addr1, Addr2, City, "
                     "County, Postcode, DeliveryNotes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (customer_id,) + vals)


def sales_reps(active_only=True):
    sql = "SELECT * FROM SalesRep"
    if active_only:
        sql += " WHERE Active = 1"
    return db.query(sql + " ORDER BY FullName")


def customers_for_rep(rep_id):
    return db.query("SELECT CustomerID, AccountNo, Name, BillCity, CreditLimit, OnStop "
                    "FROM Customer WHERE SalesRepID = ? AND Active = 1 ORDER BY Name", (rep_id,))


def open_credit_holds():
    return db.query("SELECT h.*, c.AccountNo, c.Name FROM CreditHold h "
                    "JOIN Customer c ON c.CustomerID = h.CustomerID "
                    "WHERE h.ReleasedAt IS NULL ORDER BY h.PlacedAt")


def place_credit_hold(customer_id, reason, user):
    with db.transaction():
        db.execute("INSERT INTO CreditHold (CustomerID, Reason, PlacedBy) VALUES (?, ?, ?)",
                   (customer_id, reason[:200], user), commit=False)
        db.execute("UPDATE Customer SET OnStop = 1 WHERE CustomerID = ?", (customer_id,),
                   commit=False)


def release_credit_hold(hold_id, user):
    hold = db.query_one("SELECT * FROM CreditHold WHERE HoldID = ?", (hold_id,))
    if hold is None or hold.ReleasedAt:
        return False
    with db.transaction():
        db.execute("UPDATE CreditHold SET ReleasedBy = ?, ReleasedAt = GETDATE() WHERE HoldID = ?",
                   (user, hold_id), commit=False)
        others = db.scalar("SELECT COUNT(*) FROM CreditHold WHERE CustomerID = ? "
                           "AND ReleasedAt IS NULL AND HoldID <> ?", (hold.CustomerID, hold_id))
        if not others:
            db.execute("UPDATE Customer SET OnStop = 0 WHERE CustomerID = ?", (hold.CustomerID,),
                       commit=False)
    return True


def add_customer_note(customer_id, text, user, follow_up=None):
    return db.insert("INSERT INTO CustomerNote (CustomerID, NoteText, CreatedBy, FollowUp) "
                     "VALUES (?, ?, ?, ?)", (customer_id, text, user, follow_up))


def customer_notes(customer_id):
    return db.query("SELECT * FROM CustomerNote WHERE CustomerID = ? ORDER BY CreatedAt DESC",
                    (customer_id,))


# ====================================================================== products & stock

def get_product(product_id):
    return db.query_one("SELECT p.*, c.Name AS CategoryName FROM Product p "
                        "LEFT JOIN ProductCategory c ON c.CategoryID = p.CategoryID "
                        "WHERE p.ProductID = ?", (product_id,))


def product_by_sku(sku):
    return db.query_one("SELECT * FROM Product WHERE Sku = ?", (sku.strip().upper(),))


def find_products(term, category_id=None, include_discontinued=False):
    like = '%' + term + '%'
    sql = ("SELECT TOP 200 p.ProductID, p.Sku, p.Description, p.Uom, p.CaseQty, p.ListPrice, "
           "p.Discontinued, c.Name AS CategoryName FROM Product p "
           "LEFT JOIN ProductCategory c ON c.CategoryID = p.CategoryID "
           "WHERE (p.Sku LIKE ? OR p.Description LIKE ? OR p.Barcode = ?)")
    params = [like, like, term]
    if category_id:
        sql += " AND p.CategoryID = ?"
        params.append(category_id)
    if not include_discontinued:
        sql += " AND p.Discontinued = 0"
    return db.query(sql + " ORDER BY p.Sku", params)


def categories():
    return db.query("SELECT * FROM ProductCategory ORDER BY ParentID, Name")


def stock_levels(product_id):
    return db.query("SELECT s.*, w.Code AS WarehouseCode, w.Name AS WarehouseName, "
                    "b.Code AS BinCode, s.OnHand - s.Allocated AS Available "
                    "FROM StockLevel s JOIN Warehouse w ON w.WarehouseID = s.WarehouseID "
                    "LEFT JOIN BinLocation b ON b.BinID = s.DefaultBinID "
                    "WHERE s.ProductID = ? ORDER BY w.Code", (product_id,))


def available_qty(product_id, warehouse_id):
    return db.scalar("SELECT OnHand - Allocated FROM StockLevel "
                     "WHERE ProductID = ? AND WarehouseID = ?", (product_id, warehouse_id)) or 0


def post_stock_movement(product_id, warehouse_id, qty, move_type, ref_type=None, ref_id=None,
                        unit_cost=None, user=None, bin_id=None, commit=True):
    """The only place that should change OnHand. (It isn't.)"""
    db.execute("INSERT INTO StockMovement (ProductID, WarehouseID, BinID, Qty, MoveType, RefType, "
               "RefID, UnitCost, MovedBy) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (product_id, warehouse_id, bin_id, qty, move_type, ref_type, ref_id, unit_cost, user),
               commit=False)
    n = db.execute("UPDATE StockLevel SET OnHand = OnHand + ? WHERE ProductID = ? AND WarehouseID = ?",
                   (qty, product_id, warehouse_id), commit=False)
    if n == 0:
        db.execute("INSERT INTO StockLevel (ProductID, WarehouseID, OnHand) VALUES (?, ?, ?)",
                   (product_id, warehouse_id, qty), commit=False)
    if commit:
        db.get_conn().commit()


def allocate_line(order_line_id, warehouse_id):
    """Allocate as much of the line as the warehouse has. Returns qty allocated."""
    line = db.query_one("SELECT * FROM SalesOrderLine WHERE SalesOrderLineID = ?", (order_line_id,))
    wanted = line.Qty - line.QtyAllocated - line.QtyShipped
    if wanted <= 0:
        return 0
    avail = available_qty(line.ProductID, warehouse_id)
    qty = min(wanted, max(avail, 0))
    if qty:
        db.execute("UPDATE StockLevel SET Allocated = Allocated + ? "
                   "WHERE ProductID = ? AND WarehouseID = ?",
                   (qty, line.ProductID, warehouse_id), commit=False)
        db.execute("UPDATE SalesOrderLine SET QtyAllocated = QtyAllocated + ? "
                   "WHERE SalesOrderLineID = ?", (qty, order_line_id), commit=False)
    return qty


def movements(product_id, since=None, limit=200):
    since = since or (today() - datetime.timedelta(days=90))
    return db.query("SELECT TOP %d m.*, w.Code AS WarehouseCode FROM StockMovement m "
                    "JOIN Warehouse w ON w.WarehouseID = m.WarehouseID "
                    "WHERE m.ProductID = ? AND m.MovedAt >= ? ORDER BY m.MovedAt DESC" % limit,
                    (product_id, since))


def warehouses():
    return db.query("SELECT * FROM Warehouse WHERE Active = 1 ORDER BY Code")


def bins(warehouse_id):
    return db.query("SELECT * FROM BinLocation WHERE WarehouseID = ? ORDER BY PickSeq, Code",
                    (warehouse_id,))


def record_count(warehouse_id, product_id, bin_id, counted_qty, user):
    system_qty = db.scalar("SELECT OnHand FROM StockLevel WHERE ProductID = ? AND WarehouseID = ?",
                           (product_id, warehouse_id)) or 0
    return db.insert("INSERT INTO StockCount (WarehouseID, ProductID, BinID, SystemQty, CountedQty, "
                     "CountedBy) VALUES (?, ?, ?, ?, ?, ?)",
                     (warehouse_id, product_id, bin_id, system_qty, counted_qty, user))


def count_variances(warehouse_id):
    return db.query("SELECT sc.*, p.Sku, p.Description, p.StdCost, "
                    "(sc.CountedQty - sc.SystemQty) AS Variance, "
                    "(sc.CountedQty - sc.SystemQty) * p.StdCost AS VarianceValue "
                    "FROM StockCount sc JOIN Product p ON p.ProductID = sc.ProductID "
                    "WHERE sc.WarehouseID = ? AND sc.Posted = 0 AND sc.CountedQty <> sc.SystemQty "
                    "ORDER BY ABS((sc.CountedQty - sc.SystemQty) * p.StdCost) DESC",
                    (warehouse_id,))


def post_count(count_id, user):
    sc = db.query_one("SELECT * FROM StockCount WHERE CountID = ? AND Posted = 0", (count_id,))
    if sc is None:
        return
    with db.transaction():
        diff = sc.CountedQty - sc.SystemQty
        if diff:
            post_stock_movement(sc.ProductID, sc.WarehouseID, diff, 'CNT', 'COUNT', count_id,
                                user=user, bin_id=sc.BinID, commit=False)
        db.execute("UPDATE StockCount SET Posted = 1 WHERE CountID = ?", (count_id,), commit=False)
        db.execute("UPDATE StockLevel SET LastCounted = GETDATE() WHERE ProductID = ? "
                   "AND WarehouseID = ?", (sc.ProductID, sc.WarehouseID), commit=False)


# ====================================================================== sales orders

def get_order(order_id):
    order = db.query_one("SELECT o.*, c.AccountNo, c.Name AS CustomerName, c.OnStop, "
                         "s.Name AS ShipToName, w.Code AS WarehouseCode "
                         "FROM SalesOrder o JOIN Customer c ON c.CustomerID = o.CustomerID "
                         "LEFT JOIN CustomerShipTo s ON s.ShipToID = o.ShipToID "
                         "JOIN Warehouse w ON w.WarehouseID = o.WarehouseID "
                         "WHERE o.SalesOrderID = ?", (order_id,))
    if order is not None:
        order.lines = order_lines(order_id)
    return order


def order_by_no(order_no):
    return db.query_one("SELECT * FROM SalesOrder WHERE OrderNo = ?", (order_no,))


def order_lines(order_id):
    return db.query("SELECT l.*, p.Sku, p.Description, p.Uom, p.WeightKg, "
                    "l.Qty * l.UnitPrice * (100 - l.DiscountPct) / 100 AS LineValue "
                    "FROM SalesOrderLine l JOIN Product p ON p.ProductID = l.ProductID "
                    "WHERE l.SalesOrderID = ? ORDER BY l.LineNo", (order_id,))


def create_order(customer_id, ship_to_id, customer_po, user, source='PHONE',
                 warehouse_id=None, required_date=None, notes=None):
    order_no = next_order_no()
    return db.insert("INSERT INTO SalesOrder (OrderNo, CustomerID, ShipToID, CustomerPO, Source, "
                     "WarehouseID, RequiredDate, EnteredBy, Notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (order_no, customer_id, ship_to_id, customer_po, source,
                      warehouse_id or config.DEFAULT_WAREHOUSE, required_date, user, notes))


def add_order_line(order_id, product_id, qty, unit_price, discount_pct=0, price_source=None,
                   tax_code=None):
    line_no = (db.scalar("SELECT MAX(LineNo) FROM SalesOrderLine WHERE SalesOrderID = ?",
                         (order_id,)) or 0) + 1
    new_id = db.insert("INSERT INTO SalesOrderLine (SalesOrderID, LineNo, ProductID, Qty, UnitPrice, "
                       "DiscountPct, PriceSource, TaxCode) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       (order_id, line_no, product_id, qty, unit_price, discount_pct,
                        price_source, tax_code), commit=False)
    recalc_order_total(order_id)
    return new_id


def recalc_order_total(order_id):
    db.execute("UPDATE SalesOrder SET TotalValue = (SELECT ISNULL(SUM(Qty * UnitPrice * "
               "(100 - DiscountPct) / 100), 0) FROM SalesOrderLine WHERE SalesOrderID = ?) "
               "WHERE SalesOrderID = ?", (order_id, order_id))


def set_order_status(order_id, status):
    db.execute("UPDATE SalesOrder SET Status = ? WHERE SalesOrderID = ?", (status, order_id))


def orders_for_customer(customer_id, limit=50):
    return db.query("SELECT TOP %d SalesOrderID, OrderNo, OrderDate, CustomerPO, Status, TotalValue "
                    "FROM SalesOrder WHERE CustomerID = ? ORDER BY OrderDate DESC" % limit,
                    (customer_id,))


def open_orders(status=None, rep_id=None):
    sql = ("SELECT o.SalesOrderID, o.OrderNo, o.OrderDate, o.RequiredDate, o.Status, o.Source, "
           "o.TotalValue, c.AccountNo, c.Name AS CustomerName FROM SalesOrder o "
           "JOIN Customer c ON c.CustomerID = o.CustomerID "
           "WHERE o.Status NOT IN ('COMPLETE', 'CANCELLED')")
    params = []
    if status:
        sql += " AND o.Status = ?"
        params.append(status)
    if rep_id:
        sql += " AND c.SalesRepID = ?"
        params.append(rep_id)
    return db.query(sql + " ORDER BY o.OrderDate", params)


def cancel_order(order_id, user):
    with db.transaction():
        for line in db.query("SELECT l.ProductID, l.QtyAllocated, o.WarehouseID FROM SalesOrderLine l "
                             "JOIN SalesOrder o ON o.SalesOrderID = l.SalesOrderID "
                             "WHERE l.SalesOrderID = ? AND l.QtyAllocated > 0", (order_id,)):
            db.execute("UPDATE StockLevel SET Allocated = Allocated - ? WHERE ProductID = ? "
                       "AND WarehouseID = ?", (line.QtyAllocated, line.ProductID, line.WarehouseID),
                       commit=False)
        db.execute("UPDATE SalesOrderLine SET QtyAllocated = 0 WHERE SalesOrderID = ?", (order_id,),
                   commit=False)
        db.execute("UPDATE Backorder SET ReleasedAt = GETDATE() WHERE ReleasedAt IS NULL AND "
                   "SalesOrderLineID IN (SELECT SalesOrderLineID FROM SalesOrderLine "
                   "WHERE SalesOrderID = ?)", (order_id,), commit=False)
        db.execute("UPDATE SalesOrder SET Status = 'CANCELLED', Notes = ISNULL(Notes, '') + ? "
                   "WHERE SalesOrderID = ?", (' [cancelled by %s]' % user, order_id), commit=False)


def create_backorder(order_line_id, product_id, qty):
    return db.insert("INSERT INTO Backorder (SalesOrderLineID, ProductID, QtyOutstanding) "
                     "VALUES (?, ?, ?)", (order_line_id, product_id, qty), commit=False)


def open_backorders(product_id=None):
    sql = ("SELECT b.*, o.OrderNo, o.SalesOrderID, o.WarehouseID, c.Name AS CustomerName, p.Sku "
           "FROM Backorder b JOIN SalesOrderLine l ON l.SalesOrderLineID = b.SalesOrderLineID "
           "JOIN SalesOrder o ON o.SalesOrderID = l.SalesOrderID "
           "JOIN Customer c ON c.CustomerID = o.CustomerID "
           "JOIN Product p ON p.ProductID = b.ProductID WHERE b.ReleasedAt IS NULL")
    params = ()
    if product_id:
        sql += " AND b.ProductID = ?"
        params = (product_id,)
    return db.query(sql + " ORDER BY b.CreatedAt", params)


def get_quote(quote_id):
    q = db.query_one("SELECT q.*, c.AccountNo, c.Name AS CustomerName FROM Quote q "
                     "JOIN Customer c ON c.CustomerID = q.CustomerID WHERE q.QuoteID = ?", (quote_id,))
    if q is not None:
        q.lines = db.query("SELECT ql.*, p.Sku, p.Description FROM QuoteLine ql "
                           "JOIN Product p ON p.ProductID = ql.ProductID WHERE ql.QuoteID = ?",
                           (quote_id,))
    return q


def open_quotes(rep_id=None):
    sql = ("SELECT q.QuoteID, q.QuoteNo, q.QuoteDate, q.ValidUntil, q.Status, c.Name AS CustomerName "
           "FROM Quote q JOIN Customer c ON c.CustomerID = q.CustomerID WHERE q.Status = 'OPEN'")
    if rep_id:
        return db.query(sql + " AND q.SalesRepID = ? ORDER BY q.QuoteDate DESC", (rep_id,))
    return db.query(sql + " ORDER BY q.QuoteDate DESC")


def create_quote(customer_id, rep_id, lines, notes=None):
    valid = today() + datetime.timedelta(days=config.QUOTE_VALID_DAYS)
    with db.transaction():
        quote_id = db.insert("INSERT INTO Quote (QuoteNo, CustomerID, SalesRepID, ValidUntil, Notes) "
                             "VALUES (?, ?, ?, ?, ?)",
                             (next_quote_no(), customer_id, rep_id, valid, notes), commit=False)
        for product_id, qty, price in lines:
            db.execute("INSERT INTO QuoteLine (QuoteID, ProductID, Qty, UnitPrice) VALUES (?, ?, ?, ?)",
                       (quote_id, product_id, qty, price), commit=False)
    return quote_id


def convert_quote(quote_id, user):
    q = get_quote(quote_id)
    if q is None or q.Status != 'OPEN':
        return None
    order_id = create_order(q.CustomerID, None, 'QUOTE ' + q.QuoteNo, user, source='QUOTE')
    for l in q.lines:
        add_order_line(order_id, l.ProductID, l.Qty, l.UnitPrice, l.DiscountPct, 'QUOTE')
    db.execute("UPDATE Quote SET Status = 'CONVERTED', ConvertedOrderID = ? WHERE QuoteID = ?",
               (order_id, quote_id))
    return order_id


# ====================================================================== invoices & payments

def get_invoice(invoice_id):
    inv = db.query_one("SELECT i.*, c.AccountNo, c.Name AS CustomerName, c.BillAddr1, c.BillAddr2, "
                       "c.BillCity, c.BillPostcode, o.OrderNo, o.CustomerPO FROM Invoice i "
                       "JOIN Customer c ON c.CustomerID = i.CustomerID "
                       "LEFT JOIN SalesOrder o ON o.SalesOrderID = i.SalesOrderID "
                       "WHERE i.InvoiceID = ?", (invoice_id,))
    if inv is not None:
        inv.lines = invoice_lines(invoice_id)
    return inv


def invoice_lines(invoice_id):
    return db.query("SELECT il.*, p.Sku, p.Description, p.Uom FROM InvoiceLine il "
                    "JOIN Product p ON p.ProductID = il.ProductID WHERE il.InvoiceID = ?",
                    (invoice_id,))


def create_invoice_for_shipment(shipment_id):
    """Invoice what went out on the shipment: shipped lines at order prices plus freight."""
    ship = db.query_one("SELECT s.*, o.CustomerID, o.SalesOrderID, c.TermsDays, c.TaxCode AS CustTax "
                        "FROM Shipment s JOIN SalesOrder o ON o.SalesOrderID = s.SalesOrderID "
                        "JOIN Customer c ON c.CustomerID = o.CustomerID "
                        "WHERE s.ShipmentID = ? AND s.Invoiced = 0", (shipment_id,))
    if ship is None:
        return None
    lines = db.query("SELECT pl.QtyPicked, l.SalesOrderLineID, l.ProductID, l.UnitPrice, "
                     "l.DiscountPct, ISNULL(l.TaxCode, p.TaxCode) AS TaxCode "
                     "FROM PickListLine pl JOIN SalesOrderLine l "
                     "ON l.SalesOrderLineID = pl.SalesOrderLineID "
                     "JOIN Product p ON p.ProductID = l.ProductID "
                     "WHERE pl.PickListID = ? AND pl.QtyPicked > 0", (ship.PickListID,))
    inv_date = today()
    with db.transaction():
        inv_id = db.insert("INSERT INTO Invoice (InvoiceNo, CustomerID, SalesOrderID, ShipmentID, "
                           "InvoiceDate, DueDate, FreightAmount) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           (next_invoice_no(), ship.CustomerID, ship.SalesOrderID, shipment_id,
                            inv_date, due_date(inv_date, ship.TermsDays), ship.FreightCharge),
                           commit=False)
        net_total = tax_total = to_decimal(0)
        for l in lines:
            price = round_money(to_decimal(l.UnitPrice) * (100 - to_decimal(l.DiscountPct)) / 100)
            net = round_money(price * l.QtyPicked)
            code = ship.CustTax if ship.CustTax == 'Z' else l.TaxCode
            tax = line_tax(net, code)
            db.execute("INSERT INTO InvoiceLine (InvoiceID, SalesOrderLineID, ProductID, Qty, UnitPrice, "
                       "LineNet, TaxCode, TaxAmount) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       (inv_id, l.SalesOrderLineID, l.ProductID, l.QtyPicked, price, net, code, tax),
                       commit=False)
            net_total += net
            tax_total += tax
        tax_total += line_tax(ship.FreightCharge, config.DEFAULT_TAX_CODE)
        db.execute("UPDATE Invoice SET NetAmount = ?, TaxAmount = ?, TotalAmount = ? + ? + ? "
                   "WHERE InvoiceID = ?", (net_total, tax_total, net_total, tax_total,
                                          ship.FreightCharge, inv_id), commit=False)
        db.execute("UPDATE Shipment SET Invoiced = 1 WHERE ShipmentID = ?", (shipment_id,),
                   commit=False)
    return inv_id


def invoices_for_customer(customer_id, open_only=False):
    sql = ("SELECT InvoiceID, InvoiceNo, InvoiceDate, DueDate, TotalAmount, AmountPaid, "
           "TotalAmount - AmountPaid AS Outstanding, Status FROM Invoice WHERE CustomerID = ?")
    if open_only:
        sql += " AND Status <> 'PAID'"
    return db.query(sql + " ORDER BY InvoiceDate DESC", (customer_id,))


def customer_balance(customer_id):
    return to_decimal(db.scalar("SELECT ISNULL(SUM(TotalAmount - AmountPaid), 0) FROM Invoice "
                                "WHERE CustomerID = ? AND Status <> 'PAID'", (customer_id,)))


def overdue_invoices(days=0):
    return db.query("SELECT i.*, c.AccountNo, c.Name AS CustomerName, "
                    "DATEDIFF(day, i.DueDate, GETDATE()) AS DaysOverdue FROM Invoice i "
                    "JOIN Customer c ON c.CustomerID = i.CustomerID "
                    "WHERE i.Status <> 'PAID' AND DATEDIFF(day, i.DueDate, GETDATE()) > ? "
                    "ORDER BY i.DueDate", (days,))


def record_payment(customer_id, amount, method, reference, received, user, batch=None):
    amount = round_money(amount)
    return db.insert("INSERT INTO Payment (CustomerID, ReceivedDate, Amount, Method, Reference, "
                     "BankBatch, Unallocated, EnteredBy) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     (customer_id, received, amount, method, reference, batch, amount, user))


def allocate_payment(payment_id, invoice_id, amount, user):
    amount = round_money(amount)
    with db.transaction():
        pay = db.query_one("SELECT Unallocated FROM Payment WHERE PaymentID = ?", (payment_id,))
        inv = db.query_one("SELECT TotalAmount, AmountPaid FROM Invoice WHERE InvoiceID = ?",
                           (invoice_id,))
        amount = min(amount, to_decimal(pay.Unallocated),
                     to_decimal(inv.TotalAmount) - to_decimal(inv.AmountPaid))
        if amount <= 0:
            return 0
        db.execute("INSERT INTO PaymentAllocation (PaymentID, InvoiceID, Amount, AllocatedBy) "
                   "VALUES (?, ?, ?, ?)", (payment_id, invoice_id, amount, user), commit=False)
        db.execute("UPDATE Payment SET Unallocated = Unallocated - ? WHERE PaymentID = ?",
                   (amount, payment_id), commit=False)
        db.execute("UPDATE Invoice SET AmountPaid = AmountPaid + ?, Status = CASE WHEN "
                   "AmountPaid + ? >= TotalAmount THEN 'PAID' ELSE 'PART' END WHERE InvoiceID = ?",
                   (amount, amount, invoice_id), commit=False)
    return amount


def unallocated_payments(customer_id=None):
    sql = ("SELECT p.*, c.AccountNo, c.Name AS CustomerName FROM Payment p "
           "JOIN Customer c ON c.CustomerID = p.CustomerID WHERE p.Unallocated > 0")
    if customer_id:
        return db.query(sql + " AND p.CustomerID = ? ORDER BY p.ReceivedDate", (customer_id,))
    return db.query(sql + " ORDER BY p.ReceivedDate")


def aged_debt(as_at=None):
    as_at = as_at or today()
    return db.query(
        "SELECT c.CustomerID, c.AccountNo, c.Name, c.CreditLimit, "
        "SUM(CASE WHEN DATEDIFF(day, i.DueDate, ?) <= 0 THEN i.TotalAmount - i.AmountPaid ELSE 0 END) AS NotDue, "
        "SUM(CASE WHEN DATEDIFF(day, i.DueDate, ?) BETWEEN 1 AND 30 THEN i.TotalAmount - i.AmountPaid ELSE 0 END) AS D30, "
        "SUM(CASE WHEN DATEDIFF(day, i.DueDate, ?) BETWEEN 31 AND 60 THEN i.TotalAmount - i.AmountPaid ELSE 0 END) AS D60, "
        "SUM(CASE WHEN DATEDIFF(day, i.DueDate, ?) > 60 THEN i.TotalAmount - i.AmountPaid ELSE 0 END) AS D90, "
        "SUM(i.TotalAmount - i.AmountPaid) AS Total "
        "FROM Invoice i JOIN Customer c ON c.CustomerID = i.CustomerID "
        "WHERE i.Status <> 'PAID' GROUP BY c.CustomerID, c.AccountNo, c.Name, c.CreditLimit "
        "ORDER BY Total DESC", (as_at, as_at, as_at, as_at))


# ====================================================================== suppliers & buying

def get_supplier(supplier_id):
    return db.query_one("SELECT * FROM Supplier WHERE SupplierID = ?", (supplier_id,))


def suppliers(active_only=True):
    sql = "SELECT * FROM Supplier"
    if active_only:
        sql += " WHERE Active = 1"
    return db.query(sql + " ORDER BY Name")


def supplier_items(supplier_id):
    return db.query("SELECT si.*, p.Sku, p.Description, p.StdCost FROM SupplierItem si "
                    "JOIN Product p ON p.ProductID = si.ProductID WHERE si.SupplierID = ? "
                    "ORDER BY p.Sku", (supplier_id,))


def preferred_supplier(product_id):
    return db.query_one("SELECT TOP 1 si.*, s.Name, s.LeadTimeDays FROM SupplierItem si "
                        "JOIN Supplier s ON s.SupplierID = si.SupplierID "
                        "WHERE si.ProductID = ? AND s.Active = 1 "
                        "ORDER BY si.Preferred DESC, si.Cost", (product_id,))


def create_po(supplier_id, warehouse_id, user, notes=None):
    sup = get_supplier(supplier_id)
    expected = today() + datetime.timedelta(days=sup.LeadTimeDays)
    return db.insert("INSERT INTO PurchaseOrder (PoNo, SupplierID, WarehouseID, ExpectedDate, "
                     "CreatedBy, Notes) VALUES (?, ?, ?, ?, ?, ?)",
                     (next_po_no(), supplier_id, warehouse_id, expected, user, notes))


def add_po_line(po_id, product_id, qty, unit_cost, so_line_id=None):
    db.execute("INSERT INTO PurchaseOrderLine (PurchaseOrderID, ProductID, QtyOrdered, UnitCost, "
               "SalesOrderLineID) VALUES (?, ?, ?, ?, ?)",
               (po_id, product_id, qty, unit_cost, so_line_id), commit=False)
    db.execute("UPDATE PurchaseOrder SET TotalCost = (SELECT SUM(QtyOrdered * UnitCost) FROM "
               "PurchaseOrderLine WHERE PurchaseOrderID = ?) WHERE PurchaseOrderID = ?",
               (po_id, po_id))


def get_po(po_id):
    po = db.query_one("SELECT po.*, s.Name AS SupplierName, s.Email AS SupplierEmail, s.Fax, "
                      "s.SendPoBy, w.Code AS WarehouseCode FROM PurchaseOrder po "
                      "JOIN Supplier s ON s.SupplierID = po.SupplierID "
                      "JOIN Warehouse w ON w.WarehouseID = po.WarehouseID "
                      "WHERE po.PurchaseOrderID = ?", (po_id,))
    if po is not None:
        po.lines = db.query("SELECT pol.*, p.Sku, p.Description, si.SupplierSku "
                            "FROM PurchaseOrderLine pol JOIN Product p ON p.ProductID = pol.ProductID "
                            "LEFT JOIN SupplierItem si ON si.ProductID = pol.ProductID "
                            "AND si.SupplierID = ? WHERE pol.PurchaseOrderID = ?",
                            (po.SupplierID, po_id))
    return po


def open_pos(supplier_id=None):
    sql = ("SELECT po.PurchaseOrderID, po.PoNo, po.OrderDate, po.ExpectedDate, po.Status, "
           "po.TotalCost, s.Name AS SupplierName FROM PurchaseOrder po "
           "JOIN Supplier s ON s.SupplierID = po.SupplierID "
           "WHERE po.Status IN ('DRAFT', 'SENT', 'PART')")
    if supplier_id:
        return db.query(sql + " AND po.SupplierID = ? ORDER BY po.ExpectedDate", (supplier_id,))
    return db.query(sql + " ORDER BY po.ExpectedDate")


def mark_po_sent(po_id):
    with db.transaction():
        db.execute("UPDATE PurchaseOrder SET Status = 'SENT', SentAt = GETDATE() "
                   "WHERE PurchaseOrderID = ?", (po_id,), commit=False)
        db.execute("UPDATE StockLevel SET OnOrder = OnOrder + pol.QtyOrdered FROM StockLevel "
                   "JOIN PurchaseOrderLine pol ON pol.ProductID = StockLevel.ProductID "
                   "JOIN PurchaseOrder po ON po.PurchaseOrderID = pol.PurchaseOrderID "
                   "AND po.WarehouseID = StockLevel.WarehouseID "
                   "WHERE pol.PurchaseOrderID = ?", (po_id,), commit=False)


def receive_po(po_id, received, user, delivery_note=None):
    """received: list of (PoLineID, qty, damaged, bin_id). Books stock in and closes lines."""
    po = get_po(po_id)
    with db.transaction():
        rcpt_id = db.insert("INSERT INTO GoodsReceipt (PurchaseOrderID, WarehouseID, ReceivedBy, "
                            "DeliveryNoteRef) VALUES (?, ?, ?, ?)",
                            (po_id, po.WarehouseID, user, delivery_note), commit=False)
        by_line = dict((l.PoLineID, l) for l in po.lines)
        for line_id, qty, damaged, bin_id in received:
            line = by_line[line_id]
            good = qty - (damaged or 0)
            db.execute("INSERT INTO GoodsReceiptLine (ReceiptID, PoLineID, ProductID, QtyReceived, "
                       "QtyDamaged, BinID) VALUES (?, ?, ?, ?, ?, ?)",
                       (rcpt_id, line_id, line.ProductID, qty, damaged or 0, bin_id), commit=False)
            db.execute("UPDATE PurchaseOrderLine SET QtyReceived = QtyReceived + ? WHERE PoLineID = ?",
                       (qty, line_id), commit=False)
            post_stock_movement(line.ProductID, po.WarehouseID, good, 'RCV', 'PO', po_id,
                                unit_cost=line.UnitCost, user=user, bin_id=bin_id, commit=False)
            db.execute("UPDATE StockLevel SET OnOrder = CASE WHEN OnOrder > ? THEN OnOrder - ? ELSE 0 END "
                       "WHERE ProductID = ? AND WarehouseID = ?",
                       (qty, qty, line.ProductID, po.WarehouseID), commit=False)
        outstanding = db.scalar("SELECT COUNT(*) FROM PurchaseOrderLine WHERE PurchaseOrderID = ? "
                                "AND QtyReceived < QtyOrdered", (po_id,))
        db.execute("UPDATE PurchaseOrder SET Status = ? WHERE PurchaseOrderID = ?",
                   ('PART' if outstanding else 'RECEIVED', po_id), commit=False)
    return rcpt_id


def reorder_candidates(warehouse_id):
    return db.query("SELECT s.ProductID, p.Sku, p.Description, s.OnHand, s.Allocated, s.OnOrder, "
                    "s.ReorderPoint, s.ReorderQty, si.SupplierID, si.Cost, si.PackQty "
                    "FROM StockLevel s JOIN Product p ON p.ProductID = s.ProductID "
                    "LEFT JOIN SupplierItem si ON si.ProductID = s.ProductID AND si.Preferred = 1 "
                    "WHERE s.WarehouseID = ? AND p.Discontinued = 0 AND s.ReorderPoint > 0 "
                    "AND s.OnHand - s.Allocated + s.OnOrder <= s.ReorderPoint "
                    "ORDER BY si.SupplierID, p.Sku", (warehouse_id,))


def update_supplier_cost(supplier_id, product_id, cost):
    n = db.execute("UPDATE SupplierItem SET Cost = ?, LastCostUpdate = GETDATE() "
                   "WHERE SupplierID = ? AND ProductID = ?", (cost, supplier_id, product_id))
    return n


# ====================================================================== prices

def price_for(customer_id, product_id, qty=1, on_date=None):
    """(price, source). Order of precedence agreed with sales in 2011:
    contract > promotion > qty break on the customer's list > customer's list > list price.
    """
    on_date = on_date or today()
    row = db.query_one("SELECT TOP 1 UnitPrice FROM ContractPrice WHERE CustomerID = ? "
                       "AND ProductID = ? AND ValidFrom <= ? AND (ValidTo IS NULL OR ValidTo >= ?) "
                       "ORDER BY ValidFrom DESC", (customer_id, product_id, on_date, on_date))
    if row:
        return to_decimal(row.UnitPrice), 'CONTRACT'
    pl_id = db.scalar("SELECT PriceListID FROM Customer WHERE CustomerID = ?", (customer_id,))
    promo = db.query_one("SELECT TOP 1 pi.PromoPrice, pr.DiscountPct FROM PromotionItem pi "
                         "JOIN Promotion pr ON pr.PromotionID = pi.PromotionID "
                         "WHERE pi.ProductID = ? AND pr.Active = 1 AND ? BETWEEN pr.StartDate "
                         "AND pr.EndDate AND (pr.PriceListID IS NULL OR pr.PriceListID = ?)",
                         (product_id, on_date, pl_id))
    base = None
    if pl_id:
        brk = db.query_one("SELECT TOP 1 UnitPrice FROM QuantityBreak WHERE PriceListID = ? "
                           "AND ProductID = ? AND MinQty <= ? ORDER BY MinQty DESC",
                           (pl_id, product_id, qty))
        if brk and not promo:
            return to_decimal(brk.UnitPrice), 'QTYBRK'
        base = db.scalar("SELECT UnitPrice FROM PriceListItem WHERE PriceListID = ? AND ProductID = ?",
                         (pl_id, product_id))
    if base is None:
        base = db.scalar("SELECT ListPrice FROM Product WHERE ProductID = ?", (product_id,))
    base = to_decimal(base)
    if promo:
        if promo.PromoPrice is not None:
            return to_decimal(promo.PromoPrice), 'PROMO'
        return round_money(base * (100 - to_decimal(promo.DiscountPct)) / 100), 'PROMO'
    return base, 'LIST' if not pl_id else 'PRICELIST'


def price_lists():
    return db.query("SELECT * FROM PriceList WHERE Active = 1 ORDER BY Code")


def price_list_items(price_list_id, term=None):
    sql = ("SELECT pli.*, p.Sku, p.Description, p.ListPrice, p.StdCost FROM PriceListItem pli "
           "JOIN Product p ON p.ProductID = pli.ProductID WHERE pli.PriceListID = ?")
    params = [price_list_id]
    if term:
        sql += " AND (p.Sku LIKE ? OR p.Description LIKE ?)"
        params += ['%' + term + '%'] * 2
    return db.query(sql + " ORDER BY p.Sku", params)


def set_list_price(price_list_id, product_id, price):
    n = db.execute("UPDATE PriceListItem SET UnitPrice = ?, EffectiveFrom = GETDATE() "
                   "WHERE PriceListID = ? AND ProductID = ?", (price, price_list_id, product_id))
    if not n:
        db.execute("INSERT INTO PriceListItem (PriceListID, ProductID, UnitPrice) VALUES (?, ?, ?)",
                   (price_list_id, product_id, price))


def contract_prices(customer_id):
    return db.query("SELECT cp.*, p.Sku, p.Description, p.ListPrice FROM ContractPrice cp "
                    "JOIN Product p ON p.ProductID = cp.ProductID WHERE cp.CustomerID = ? "
                    "ORDER BY p.Sku, cp.ValidFrom DESC", (customer_id,))


def save_contract_price(customer_id, product_id, price, valid_from, valid_to, ref):
    return db.insert("INSERT INTO ContractPrice (CustomerID, ProductID, UnitPrice, ValidFrom, ValidTo, "
                     "ContractRef) VALUES (?, ?, ?, ?, ?, ?)",
                     (customer_id, product_id, price, valid_from, valid_to, ref))


def quantity_breaks(price_list_id, product_id):
    return db.query("SELECT * FROM QuantityBreak WHERE PriceListID = ? AND ProductID = ? "
                    "ORDER BY MinQty", (price_list_id, product_id))


def promotions(active_only=True):
    sql = "SELECT * FROM Promotion"
    if active_only:
        sql += " WHERE Active = 1 AND EndDate >= GETDATE()"
    return db.query(sql + " ORDER BY StartDate DESC")


def save_promotion(data, items, promotion_id=None):
    with db.transaction():
        if promotion_id:
            db.execute("UPDATE Promotion SET Description = ?, StartDate = ?, EndDate = ?, "
                       "DiscountPct = ?, PriceListID = ? WHERE PromotionID = ?",
                       (data['Description'], data['StartDate'], data['EndDate'],
                        data.get('DiscountPct'), data.get('PriceListID'), promotion_id), commit=False)
            db.execute("DELETE FROM PromotionItem WHERE PromotionID = ?", (promotion_id,), commit=False)
        else:
            promotion_id = db.insert("INSERT INTO Promotion (Code, Description, StartDate, EndDate, "
                                     "DiscountPct, PriceListID) VALUES (?, ?, ?, ?, ?, ?)",
                                     (data['Code'], data['Description'], data['StartDate'],
                                      data['EndDate'], data.get('DiscountPct'),
                                      data.get('PriceListID')), commit=False)
        for product_id, promo_price in items:
            db.execute("INSERT INTO PromotionItem (PromotionID, ProductID, PromoPrice) VALUES (?, ?, ?)",
                       (promotion_id, product_id, promo_price), commit=False)
    return promotion_id


def bulk_price_increase(price_list_id, pct, category_id=None, user=None):
    sql = ("UPDATE PriceListItem SET UnitPrice = ROUND(UnitPrice * (100 + ?) / 100, 2), "
           "EffectiveFrom = GETDATE() WHERE PriceListID = ?")
    params = [pct, price_list_id]
    if category_id:
        sql += " AND ProductID IN (SELECT ProductID FROM Product WHERE CategoryID = ?)"
        params.append(category_id)
    n = db.execute(sql, params)
    log.info('price increase %s%% on list %s by %s: %d rows', pct, price_list_id, user, n)
    return n


# ====================================================================== picking & dispatch

def orders_ready_to_pick(warehouse_id):
    return db.query("SELECT o.SalesOrderID, o.OrderNo, o.RequiredDate, c.Name AS CustomerName, "
                    "COUNT(l.SalesOrderLineID) AS Lines FROM SalesOrder o "
                    "JOIN Customer c ON c.CustomerID = o.CustomerID "
                    "JOIN SalesOrderLine l ON l.SalesOrderID = o.SalesOrderID AND l.QtyAllocated > 0 "
                    "WHERE o.WarehouseID = ? AND o.Status IN ('RELEASED', 'PART') "
                    "AND NOT EXISTS (SELECT 1 FROM PickList pl WHERE pl.SalesOrderID = o.SalesOrderID "
                    "AND pl.Status IN ('NEW', 'PRINTED')) "
                    "GROUP BY o.SalesOrderID, o.OrderNo, o.RequiredDate, c.Name "
                    "ORDER BY o.RequiredDate", (warehouse_id,))


def create_pick_list(order_id, warehouse_id):
    with db.transaction():
        pl_id = db.insert("INSERT INTO PickList (SalesOrderID, WarehouseID) VALUES (?, ?)",
                          (order_id, warehouse_id), commit=False)
        db.execute("INSERT INTO PickListLine (PickListID, SalesOrderLineID, ProductID, BinID, QtyToPick) "
                   "SELECT ?, l.SalesOrderLineID, l.ProductID, s.DefaultBinID, l.QtyAllocated "
                   "FROM SalesOrderLine l LEFT JOIN StockLevel s ON s.ProductID = l.ProductID "
                   "AND s.WarehouseID = ? WHERE l.SalesOrderID = ? AND l.QtyAllocated > 0",
                   (pl_id, warehouse_id, order_id), commit=False)
        db.execute("UPDATE SalesOrder SET Status = 'PICKING' WHERE SalesOrderID = ?", (order_id,),
                   commit=False)
    return pl_id


def pick_list(pick_list_id):
    pl = db.query_one("SELECT pl.*, o.OrderNo, o.Notes, c.Name AS CustomerName, s.Name AS ShipToName, "
                      "s.DeliveryNotes FROM PickList pl "
                      "JOIN SalesOrder o ON o.SalesOrderID = pl.SalesOrderID "
                      "JOIN Customer c ON c.CustomerID = o.CustomerID "
                      "LEFT JOIN CustomerShipTo s ON s.ShipToID = o.ShipToID "
                      "WHERE pl.PickListID = ?", (pick_list_id,))
    if pl is not None:
        pl.lines = db.query("SELECT pll.*, p.Sku, p.Description, p.Uom, p.WeightKg, b.Code AS BinCode "
                            "FROM PickListLine pll JOIN Product p ON p.ProductID = pll.ProductID "
                            "LEFT JOIN BinLocation b ON b.BinID = pll.BinID "
                            "WHERE pll.PickListID = ? ORDER BY b.PickSeq, b.Code", (pick_list_id,))
    return pl


def confirm_pick(pick_list_id, picked, user):
    """picked: {PickListLineID: qty}. Short picks become backorders."""
    pl = pick_list(pick_list_id)
    with db.transaction():
        for line in pl.lines:
            qty = picked.get(line.PickListLineID, 0)
            db.execute("UPDATE PickListLine SET QtyPicked = ? WHERE PickListLineID = ?",
                       (qty, line.PickListLineID), commit=False)
            db.execute("UPDATE SalesOrderLine SET QtyShipped = QtyShipped + ?, QtyAllocated = "
                       "QtyAllocated - ? WHERE SalesOrderLineID = ?",
                       (qty, line.QtyToPick, line.SalesOrderLineID), commit=False)
            db.execute("UPDATE StockLevel SET Allocated = Allocated - ? WHERE ProductID = ? "
                       "AND WarehouseID = ?", (line.QtyToPick, line.ProductID, pl.WarehouseID),
                       commit=False)
            post_stock_movement(line.ProductID, pl.WarehouseID, -qty, 'SHP', 'PICK', pick_list_id,
                                user=user, bin_id=line.BinID, commit=False)
            if qty < line.QtyToPick:
                create_backorder(line.SalesOrderLineID, line.ProductID, line.QtyToPick - qty)
        db.execute("UPDATE PickList SET Status = 'PICKED', PickedBy = ?, CompletedAt = GETDATE() "
                   "WHERE PickListID = ?", (user, pick_list_id), commit=False)
        remaining = db.scalar("SELECT COUNT(*) FROM SalesOrderLine WHERE SalesOrderID = ? "
                              "AND QtyShipped < Qty", (pl.SalesOrderID,))
        db.execute("UPDATE SalesOrder SET Status = ? WHERE SalesOrderID = ?",
                   ('PART' if remaining else 'COMPLETE', pl.SalesOrderID), commit=False)


def create_shipment(pick_list_id, carrier_id, cartons, weight_kg, freight):
    pl = db.query_one("SELECT pl.SalesOrderID, o.ShipToID FROM PickList pl "
                      "JOIN SalesOrder o ON o.SalesOrderID = pl.SalesOrderID "
                      "WHERE pl.PickListID = ?", (pick_list_id,))
    return db.insert("INSERT INTO Shipment (SalesOrderID, PickListID, CarrierID, ShipToID, ShippedAt, "
                     "Cartons, WeightKg, FreightCharge, Status) "
                     "VALUES (?, ?, ?, ?, GETDATE(), ?, ?, ?, 'SHIPPED')",
                     (pl.SalesOrderID, pick_list_id, carrier_id, pl.ShipToID, cartons, weight_kg,
                      freight))


def get_shipment(shipment_id):
    return db.query_one("SELECT s.*, c.Name AS CarrierName, c.TrackUrl, c.ScacCode, o.OrderNo, "
                        "o.CustomerPO, o.CustomerID FROM Shipment s "
                        "JOIN SalesOrder o ON o.SalesOrderID = s.SalesOrderID "
                        "LEFT JOIN Carrier c ON c.CarrierID = s.CarrierID "
                        "WHERE s.ShipmentID = ?", (shipment_id,))


def shipments_for_order(order_id):
    return db.query("SELECT s.*, c.Name AS CarrierName FROM Shipment s "
                    "LEFT JOIN Carrier c ON c.CarrierID = s.CarrierID "
                    "WHERE s.SalesOrderID = ? ORDER BY s.ShippedAt", (order_id,))


def uninvoiced_shipments():
    return db.query("SELECT ShipmentID FROM Shipment WHERE Invoiced = 0 AND Status = 'SHIPPED' "
                    "AND ShippedAt < CAST(CONVERT(VARCHAR(10), GETDATE(), 120) AS DATETIME)")


def set_tracking(shipment_id, tracking_no, status=None):
    if status:
        db.execute("UPDATE Shipment SET TrackingNo = ?, Status = ? WHERE ShipmentID = ?",
                   (tracking_no, status, shipment_id))
    else:
        db.execute("UPDATE Shipment SET TrackingNo = ? WHERE ShipmentID = ?", (tracking_no, shipment_id))


def carriers():
    return db.query("SELECT * FROM Carrier WHERE Active = 1 ORDER BY Name")


def get_carrier(carrier_id):
    return db.query_one("SELECT * FROM Carrier WHERE CarrierID = ?", (carrier_id,))


# ====================================================================== EDI

def partner_for_customer(customer_id):
    return db.query_one("SELECT * FROM TradingPartner WHERE CustomerID = ? AND Active = 1",
                        (customer_id,))


def partner_by_isa(isa_id):
    return db.query_one("SELECT * FROM TradingPartner WHERE IsaId = ? AND Active = 1",
                        (isa_id.strip(),))


def trading_partners():
    return db.query("SELECT tp.*, c.AccountNo, c.Name AS CustomerName FROM TradingPartner tp "
                    "JOIN Customer c ON c.CustomerID = tp.CustomerID ORDER BY c.Name")


def save_inbox(partner_id, doc_type, control_no, filename, raw):
    return db.insert("INSERT INTO EdiInbox (PartnerID, DocType, ControlNo, FileName, RawData) "
                     "VALUES (?, ?, ?, ?, ?)", (partner_id, doc_type, control_no, filename, raw))


def pending_inbox():
    return db.query("SELECT * FROM EdiInbox WHERE Status IN ('NEW', 'RETRY') ORDER BY ReceivedAt")


def inbox_messages(status=None, limit=200):
    sql = ("SELECT TOP %d i.InboxID, i.DocType, i.ControlNo, i.FileName, i.ReceivedAt, i.Status, "
           "i.ErrorText, i.SalesOrderID, c.Name AS CustomerName FROM EdiInbox i "
           "JOIN TradingPartner tp ON tp.PartnerID = i.PartnerID "
           "JOIN Customer c ON c.CustomerID = tp.CustomerID" % limit)
    if status:
        return db.query(sql + " WHERE i.Status = ? ORDER BY i.ReceivedAt DESC", (status,))
    return db.query(sql + " ORDER BY i.ReceivedAt DESC")


def mark_inbox(inbox_id, status, error=None, order_id=None):
    db.execute("UPDATE EdiInbox SET Status = ?, ErrorText = ?, SalesOrderID = ? WHERE InboxID = ?",
               (status, error, order_id, inbox_id))


def next_control_no(partner_id):
    with db.transaction():
        db.execute("UPDATE TradingPartner SET LastControlNo = LastControlNo + 1 WHERE PartnerID = ?",
                   (partner_id,), commit=False)
        n = db.scalar("SELECT LastControlNo FROM TradingPartner WHERE PartnerID = ?", (partner_id,))
    return n


def queue_outbox(partner_id, doc_type, control_no, ref_id, raw):
    return db.insert("INSERT INTO EdiOutbox (PartnerID, DocType, ControlNo, RefID, RawData) "
                     "VALUES (?, ?, ?, ?, ?)", (partner_id, doc_type, '%09d' % control_no, ref_id, raw))


def pending_outbox():
    return db.query("SELECT o.*, tp.FtpHost, tp.FtpUser, tp.FtpPassword, tp.OutboxDir "
                    "FROM EdiOutbox o JOIN TradingPartner tp ON tp.PartnerID = o.PartnerID "
                    "WHERE o.Status = 'QUEUED' ORDER BY o.CreatedAt")


def xref_product(partner_id, partner_code):
    row = db.query_one("SELECT ProductID, PartnerUom FROM EdiItemXref WHERE PartnerID = ? "
                       "AND PartnerItemCode = ?", (partner_id, partner_code.strip()))
    if row is None:
        # a lot of partners send our own SKU
        p = db.query_one("SELECT ProductID FROM Product WHERE Sku = ?", (partner_code.strip(),))
        return p and p.ProductID
    return row.ProductID


# ====================================================================== added later

def record_credit_review(customer_id, new_limit, reviewer, notes, next_review):
    old = db.scalar("SELECT CreditLimit FROM Customer WHERE CustomerID = ?", (customer_id,))
    with db.transaction():
        db.execute("INSERT INTO CreditReview (CustomerID, OldLimit, NewLimit, Reviewer, Notes, "
                   "NextReview) VALUES (?, ?, ?, ?, ?, ?)",
                   (customer_id, old, new_limit, reviewer, notes, next_review), commit=False)
        db.execute("UPDATE Customer SET CreditLimit = ? WHERE CustomerID = ?",
                   (new_limit, customer_id), commit=False)


def customers_due_review():
    return db.query("SELECT c.CustomerID, c.AccountNo, c.Name, c.CreditLimit, MAX(r.ReviewDate) AS LastReview "
                    "FROM Customer c LEFT JOIN CreditReview r ON r.CustomerID = c.CustomerID "
                    "WHERE c.Active = 1 AND c.CreditLimit > 0 "
                    "GROUP BY c.CustomerID, c.AccountNo, c.Name, c.CreditLimit "
                    "HAVING MAX(r.NextReview) IS NULL OR MAX(r.NextReview) <= GETDATE() "
                    "ORDER BY c.CreditLimit DESC")


def create_rma(order_id, lines, reason, user):
    order = db.query_one("SELECT CustomerID FROM SalesOrder WHERE SalesOrderID = ?", (order_id,))
    rma_no = 'RA' + str(db.scalar("SELECT ISNULL(MAX(RmaID), 0) + 1 FROM ReturnAuth")).zfill(6)
    with db.transaction():
        rma_id = db.insert("INSERT INTO ReturnAuth (RmaNo, SalesOrderID, CustomerID, Reason) "
                           "VALUES (?, ?, ?, ?)", (rma_no, order_id, order.CustomerID, reason),
                           commit=False)
        for so_line_id, product_id, qty in lines:
            db.execute("INSERT INTO ReturnAuthLine (RmaID, SalesOrderLineID, ProductID, Qty) "
                       "VALUES (?, ?, ?, ?)", (rma_id, so_line_id, product_id, qty), commit=False)
    log.info('RMA %s raised by %s', rma_no, user)
    return rma_id


def get_rma(rma_id):
    rma = db.query_one("SELECT r.*, o.OrderNo, o.WarehouseID, c.Name AS CustomerName FROM ReturnAuth r "
                       "JOIN SalesOrder o ON o.SalesOrderID = r.SalesOrderID "
                       "JOIN Customer c ON c.CustomerID = r.CustomerID WHERE r.RmaID = ?", (rma_id,))
    if rma is not None:
        rma.lines = db.query("SELECT rl.*, p.Sku, p.Description, l.UnitPrice, l.DiscountPct "
                             "FROM ReturnAuthLine rl JOIN Product p ON p.ProductID = rl.ProductID "
                             "JOIN SalesOrderLine l ON l.SalesOrderLineID = rl.SalesOrderLineID "
                             "WHERE rl.RmaID = ?", (rma_id,))
    return rma


def receive_rma(rma_id, conditions, user):
    rma = get_rma(rma_id)
    with db.transaction():
        for line in rma.lines:
            cond = conditions.get(line.RmaLineID, 'GOOD')
            restock = cond == 'GOOD'
            db.execute("UPDATE ReturnAuthLine SET ItemCondition = ?, Restock = ? WHERE RmaLineID = ?",
                       (cond, int(restock), line.RmaLineID), commit=False)
            if restock:
                post_stock_movement(line.ProductID, rma.WarehouseID, line.Qty, 'RMA', 'RMA', rma_id,
                                    user=user, commit=False)
        db.execute("UPDATE ReturnAuth SET Status = 'RECEIVED', ReceivedAt = GETDATE() WHERE RmaID = ?",
                   (rma_id,), commit=False)
    return rma


def create_credit_note(customer_id, invoice_id, rma_id, lines, reason):
    """lines: (product_id, qty, unit_price, tax_code)"""
    no = 'CN' + str(db.scalar("SELECT ISNULL(MAX(CreditNoteID), 0) + 1 FROM CreditNote")).zfill(6)
    total = to_decimal(0)
    with db.transaction():
        cn_id = db.insert("INSERT INTO CreditNote (CreditNoteNo, CustomerID, InvoiceID, RmaID, Reason) "
                          "VALUES (?, ?, ?, ?, ?)", (no, customer_id, invoice_id, rma_id, reason),
                          commit=False)
        for product_id, qty, price, code in lines:
            net = round_money(to_decimal(price) * qty)
            tax = line_tax(net, code)
            db.execute("INSERT INTO CreditNoteLine (CreditNoteID, ProductID, Qty, UnitPrice, LineNet, "
                       "TaxAmount) VALUES (?, ?, ?, ?, ?, ?)",
                       (cn_id, product_id, qty, price, net, tax), commit=False)
            total += net + tax
        db.execute("UPDATE CreditNote SET TotalAmount = ? WHERE CreditNoteID = ?", (total, cn_id),
                   commit=False)
    return cn_id


def dunning_candidates(level, min_days):
    return db.query("SELECT i.InvoiceID, i.InvoiceNo, i.DueDate, i.TotalAmount - i.AmountPaid AS Outstanding, "
                    "c.CustomerID, c.AccountNo, c.Name FROM Invoice i "
                    "JOIN Customer c ON c.CustomerID = i.CustomerID "
                    "WHERE i.Status <> 'PAID' AND DATEDIFF(day, i.DueDate, GETDATE()) >= ? "
                    "AND NOT EXISTS (SELECT 1 FROM DunningLetter d WHERE d.InvoiceID = i.InvoiceID "
                    "AND d.LetterLevel >= ?) ORDER BY c.CustomerID, i.DueDate", (min_days, level))


def log_dunning_letter(customer_id, invoice_id, level, sent_to):
    db.execute("INSERT INTO DunningLetter (CustomerID, InvoiceID, LetterLevel, SentTo) "
               "VALUES (?, ?, ?, ?)", (customer_id, invoice_id, level, sent_to))


def get_customer_old(cust_id):
    # pre-2010 version, from when the table was still called tblCustomers
    return db.query_one("SELECT * FROM Customer WHERE CustomerID = %s" % cust_id)
