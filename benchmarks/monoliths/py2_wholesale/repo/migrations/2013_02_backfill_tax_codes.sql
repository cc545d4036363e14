-- SalesOrderLine.TaxCode was NULL for everything before 2013. Copy from the product.
UPDATE l SET l.TaxCode = p.TaxCode
FROM SalesOrderLine l JOIN Product p ON p.ProductID = l.ProductID
WHERE l.TaxCode IS NULL;

UPDATE TaxCode SET RatePct = 20.00 WHERE TaxCode = 'S';
