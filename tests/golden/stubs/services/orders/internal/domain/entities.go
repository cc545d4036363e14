// Package domain holds the orders context's entities: one struct per
// table it owns (nullable columns are pointers).
package domain

import "time"

// OrderLine is a row of table order_lines (schema.sql:12).
type OrderLine struct {
	ID      int64   `db:"id" json:"id"`
	OrderID int64   `db:"order_id" json:"order_id"`
	Sku     *string `db:"sku" json:"sku"`
	Qty     *int64  `db:"qty" json:"qty"`
}

// Order is a row of table orders (schema.sql:1).
type Order struct {
	ID         int64     `db:"id" json:"id"`
	CustomerID int64     `db:"customer_id" json:"customer_id"`
	Status     string    `db:"status" json:"status"`
	Total      *string   `db:"total" json:"total"`
	Paid       bool      `db:"paid" json:"paid"`
	CreatedAt  time.Time `db:"created_at" json:"created_at"`
	Select     *string   `db:"select" json:"select"`
}
