// Package domain holds the catalog-units context's entities: one struct per
// table it owns (nullable columns are pointers).
package domain

// Item is a row of table items.
type Item struct {
	Pk    int64    `db:"pk" json:"pk"`
	Price *float64 `db:"price" json:"price"`
	Tags  *string  `db:"tags" json:"tags"`
}
