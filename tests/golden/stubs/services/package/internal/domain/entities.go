// Package domain holds the package context's entities: one struct per
// table it owns (nullable columns are pointers).
package domain

// User is a row of table user.
type User struct {
	ID    int64   `db:"id" json:"id"`
	Email *string `db:"Émail" json:"Émail"`
	Data  []byte  `db:"data" json:"data"`
}
