// Package domain holds the billing-v2 context's entities: one struct per
// table it owns (nullable columns are pointers).
package domain

// Customer is a row of table customers (schema.sql:20).
type Customer struct {
	ID      int64   `db:"id" json:"id"`
	Name    string  `db:"name" json:"name"`
	Kind    *string `db:"kind" json:"kind"`
	Balance *string `db:"balance" json:"balance"`
}
