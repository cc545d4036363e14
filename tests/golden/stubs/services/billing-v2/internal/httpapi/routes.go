// Package httpapi mirrors the monolith's HTTP routes of this context on Gin; each
// answers 501 Not Implemented with the Python handler to port.
package httpapi

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// Register adds the context's routes to the router.
func Register(router *gin.Engine) {
	// port shop.billing.api:invoice_pdf (shop/billing/api.py:14): GET /invoices/<int:invoice_id>.pdf
	router.Handle("GET", "/invoices/:invoice_id", notImplemented("port shop.billing.api:invoice_pdf (shop/billing/api.py:14): GET /invoices/<int:invoice_id>.pdf"))
}

func notImplemented(todo string) gin.HandlerFunc {
	return func(c *gin.Context) {
		c.JSON(http.StatusNotImplemented, gin.H{"error": "not implemented", "todo": todo})
	}
}
