"""CSV reports, run from /reports/<name>?args. Each returns (header, rows).

Most of these were written for one person's spreadsheet. Ask before deleting.
"""
import datetime

import db
from util import parse_date, today, to_decimal, margin_pct, safe_int


def _period(date_from, date_to):
    d_to = parse_date(date_to) or today()
    d_from = parse_date(date_from) or (d_to - datetime.timedelta(days=30))
    return d_from, d_to + datetime.timedelta(days=1)


def sales_by_rep(date_from=None, date_to=None):
    d_from, d_to = _period(date_from, date_to)
    rows = db.query("SELECT r.RepCode, r.FullName, COUNT(DISTINCT o.SalesOrderID) AS Orders, "
                    "SUM(l.Qty * l.UnitPrice * (100 - l.DiscountPct) / 100) AS Value "
                    "FROM SalesOrder o JOIN SalesOrderLine l ON l.SalesOrderID = o.SalesOrderID "
                    "JOIN Customer c ON c.CustomerID = o.CustomerID "
                    "LEFT JOIN SalesRep r ON r.SalesRepID = c.SalesRepID "
                    "WHERE o.OrderDate >= ? AND o.OrderDate < ? AND o.Status <> 'CANCELLED' "
                    "GROUP BY r.RepCode, r.FullName ORDER BY Value DESC", (d_from, d_to))
    return ['Rep', 'Name', 'Orders', 'Value'], [(r.RepCode, r.FullName, r.Orders, r.Value) for r in rows]


def sales_by_product(date_from=None, date_to=None, category_id=None):
    d_from, d_to = _period(date_from, date_to)
    sql = ("SELECT p.Sku, p.Description, SUM(l.Qty) AS Qty, "
           "SUM(l.Qty * l.UnitPrice * (100 - l.DiscountPct) / 100) AS Value "
           "FROM SalesOrderLine l JOIN SalesOrder o ON o.SalesOrderID = l.SalesOrderID "
           "JOIN Product p ON p.ProductID = l.ProductID "
           "WHERE o.OrderDate >= ? AND o.OrderDate < ? AND o.Status <> 'CANCELLED'")
    params = [d_from, d_to]
    if category_id:
        sql += " AND p.CategoryID = ?"
        params.append(int(category_id))
    rows = db.query(sql + " GROUP BY p.Sku, p.Description ORDER BY Value DESC", params)
    return ['SKU', 'Description', 'Qty', 'Value'], [(r.Sku, r.Description, r.Qty, r.Value) for r in rows]


def margin_by_customer(date_from=None, date_to=None):
    """Invoiced margin against standard cost. Finance want it by price source too."""
    d_from, d_to = _period(date_from, date_to)
    rows = db.query("SELECT c.AccountNo, c.Name, sol.PriceSource, SUM(il.LineNet) AS Sales, "
                    "SUM(il.Qty * p.StdCost) AS Cost FROM InvoiceLine il "
                    "JOIN Invoice i ON i.InvoiceID = il.InvoiceID "
                    "JOIN Customer c ON c.CustomerID = i.CustomerID "
                    "JOIN Product p ON p.ProductID = il.ProductID "
                    "LEFT JOIN SalesOrderLine sol ON sol.SalesOrderLineID = il.SalesOrderLineID "
                    "WHERE i.InvoiceDate >= ? AND i.InvoiceDate < ? "
                    "GROUP BY c.AccountNo, c.Name, sol.PriceSource ORDER BY c.AccountNo", (d_from, d_to))
    return (['Account', 'Name', 'Price source', 'Sales', 'Cost', 'Margin %'],
            [(r.AccountNo, r.Name, r.PriceSource or '', r.Sales, r.Cost, margin_pct(r.Sales, r.Cost))
             for r in rows])


def promotion_uptake(promotion_code=None):
    rows = db.query("SELECT pr.Code, p.Sku, COUNT(*) AS Lines, SUM(l.Qty) AS Qty "
                    "FROM SalesOrderLine l JOIN SalesOrder o ON o.SalesOrderID = l.SalesOrderID "
                    "JOIN PromotionItem pi ON pi.ProductID = l.ProductID "
                    "JOIN Promotion pr ON pr.PromotionID = pi.PromotionID "
                    "AND o.OrderDate BETWEEN pr.StartDate AND pr.EndDate "
                    "JOIN Product p ON p.ProductID = l.ProductID "
                    "WHERE l.PriceSource = 'PROMO' AND (? IS NULL OR pr.Code = ?) "
                    "GROUP BY pr.Code, p.Sku ORDER BY pr.Code, Qty DESC",
                    (promotion_code, promotion_code))
    return ['Promotion', 'SKU', 'Lines', 'Qty'], [(r.Code, r.Sku, r.Lines, r.Qty) for r in rows]


def debtor_days():
    rows = db.query("SELECT c.AccountNo, c.Name, c.TermsDays, "
                    "AVG(CAST(DATEDIFF(day, i.InvoiceDate, a.AllocatedAt) AS FLOAT)) AS DaysToPay "
                    "FROM PaymentAllocation a JOIN Invoice i ON i.InvoiceID = a.InvoiceID "
                    "JOIN Customer c ON c.CustomerID = i.CustomerID "
                    "WHERE a.AllocatedAt > DATEADD(month, -6, GETDATE()) "
                    "GROUP BY c.AccountNo, c.Name, c.TermsDays ORDER BY DaysToPay DESC")
    return (['Account', 'Name', 'Terms', 'Avg days to pay'],
            [(r.AccountNo, r.Name, r.TermsDays, round(r.DaysToPay or 0, 1)) for r in rows])


def credit_exposure():
    rows = db.query("SELECT c.AccountNo, c.Name, c.CreditLimit, c.OnStop, "
                    "ISNULL((SELECT SUM(TotalAmount - AmountPaid) FROM Invoice i "
                    "WHERE i.CustomerID = c.CustomerID AND i.Status <> 'PAID'), 0) AS Owed "
                    "FROM Customer c WHERE c.Active = 1 AND c.CreditLimit > 0")
    out = []
    for r in rows:
        used = to_decimal(r.Owed) / to_decimal(r.CreditLimit) * 100
        if used >= 80:
            out.append((r.AccountNo, r.Name, r.CreditLimit, r.Owed, int(used), r.OnStop and 'Y' or ''))
    out.sort(key=lambda x: -x[4])
    return ['Account', 'Name', 'Limit', 'Owed', '% used', 'On stop'], out


def stock_valuation(warehouse_id=None):
    sql = ("SELECT w.Code, p.Sku, p.Description, s.OnHand, p.StdCost, s.OnHand * p.StdCost AS Value "
           "FROM StockLevel s JOIN Product p ON p.ProductID = s.ProductID "
           "JOIN Warehouse w ON w.WarehouseID = s.WarehouseID WHERE s.OnHand <> 0")
    params = ()
    if warehouse_id:
        sql += " AND s.WarehouseID = ?"
        params = (int(warehouse_id),)
    rows = db.query(sql + " ORDER BY w.Code, p.Sku", params)
    return (['Warehouse', 'SKU', 'Description', 'On hand', 'Std cost', 'Value'],
            [(r.Code, r.Sku, r.Description, r.OnHand, r.StdCost, r.Value) for r in rows])


def dead_stock(months='12'):
    rows = db.query("SELECT p.Sku, p.Description, s.OnHand, s.OnHand * p.StdCost AS Value, "
                    "(SELECT MAX(MovedAt) FROM StockMovement m WHERE m.ProductID = p.ProductID "
                    "AND m.MoveType = 'SHP') AS LastSold FROM StockLevel s "
                    "JOIN Product p ON p.ProductID = s.ProductID WHERE s.OnHand > 0")
    cutoff = today() - datetime.timedelta(days=30 * safe_int(months, 12))
    out = [(r.Sku, r.Description, r.OnHand, r.Value, r.LastSold or 'never') for r in rows
           if r.LastSold is None or r.LastSold.date() < cutoff]
    return ['SKU', 'Description', 'On hand', 'Value', 'Last sold'], out


def supplier_performance(date_from=None, date_to=None):
    d_from, d_to = _period(date_from, date_to)
    rows = db.query("SELECT s.Code, s.Name, COUNT(DISTINCT po.PurchaseOrderID) AS Pos, "
                    "AVG(CAST(DATEDIFF(day, po.ExpectedDate, gr.ReceivedAt) AS FLOAT)) AS DaysLate, "
                    "SUM(grl.QtyDamaged) AS Damaged, SUM(grl.QtyReceived) AS Received "
                    "FROM PurchaseOrder po JOIN Supplier s ON s.SupplierID = po.SupplierID "
                    "JOIN GoodsReceipt gr ON gr.PurchaseOrderID = po.PurchaseOrderID "
                    "JOIN GoodsReceiptLine grl ON grl.ReceiptID = gr.ReceiptID "
                    "WHERE gr.ReceivedAt >= ? AND gr.ReceivedAt < ? GROUP BY s.Code, s.Name", (d_from, d_to))
    return (['Supplier', 'Name', 'POs', 'Avg days late', 'Damaged', 'Received'],
            [(r.Code, r.Name, r.Pos, round(r.DaysLate or 0, 1), r.Damaged, r.Received) for r in rows])


def edi_volumes(months='3'):
    rows = db.query("SELECT c.Name, i.DocType, i.Status, COUNT(*) AS N FROM EdiInbox i "
                    "JOIN TradingPartner tp ON tp.PartnerID = i.PartnerID "
                    "JOIN Customer c ON c.CustomerID = tp.CustomerID "
                    "WHERE i.ReceivedAt > DATEADD(month, -?, GETDATE()) "
                    "GROUP BY c.Name, i.DocType, i.Status ORDER BY c.Name", (safe_int(months, 3),))
    return ['Partner', 'Doc', 'Status', 'Count'], [(r.Name, r.DocType, r.Status, r.N) for r in rows]
