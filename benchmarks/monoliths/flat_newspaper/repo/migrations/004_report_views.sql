-- 004: views for the finance and ad sales reports (Fiona)
BEGIN;

CREATE OR REPLACE VIEW v_aged_debt AS
SELECT i.id AS invoice_id,
       i.invoice_no,
       i.account_type,
       i.account_id,
       i.due_date,
       i.total_pence - coalesce((SELECT sum(p.amount_pence) FROM payments p WHERE p.invoice_id = i.id), 0)
                     - coalesce((SELECT sum(c.amount_pence) FROM credit_notes c WHERE c.invoice_id = i.id), 0)
           AS outstanding_pence,
       CASE WHEN current_date - i.due_date <= 0 THEN 'current'
            WHEN current_date - i.due_date <= 30 THEN '1-30'
            WHEN current_date - i.due_date <= 60 THEN '31-60'
            WHEN current_date - i.due_date <= 90 THEN '61-90'
            ELSE '90+' END AS bucket
  FROM invoices i
 WHERE i.status = 'issued';

CREATE OR REPLACE VIEW v_ad_revenue_by_issue AS
SELECT iss.id AS issue_id,
       pub.code AS publication,
       iss.issue_date,
       count(pl.id) AS ads,
       sum(pl.columns * pl.height_cm) AS scc,
       sum(pl.price_pence) AS revenue_pence
  FROM issues iss
  JOIN publications pub ON pub.id = iss.publication_id
  LEFT JOIN ad_placements pl ON pl.issue_id = iss.id
  LEFT JOIN insertion_orders io ON io.id = pl.io_id AND io.status <> 'cancelled'
 GROUP BY iss.id, pub.code, iss.issue_date;

COMMIT;
