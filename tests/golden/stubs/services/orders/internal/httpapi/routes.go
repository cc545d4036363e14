// Package httpapi mirrors the monolith's HTTP routes of this context on Gin; each
// answers 501 Not Implemented with the Python handler to port.
package httpapi

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// Register adds the context's routes to the router.
func Register(router *gin.Engine) {
	// port shop.orders.views:order_detail (shop/orders/views.py:29): GET /orders/<int:order_id>
	router.Handle("GET", "/orders/:id", notImplemented("port shop.orders.views:order_detail (shop/orders/views.py:29): GET /orders/<int:order_id>"))
	// port shop.orders.views:order_lines (shop/orders/views.py:39): GET /orders/<int:id>/lines
	router.Handle("GET", "/orders/:id/lines", notImplemented("port shop.orders.views:order_lines (shop/orders/views.py:39): GET /orders/<int:id>/lines"))
	// port shop.orders.views:create_order (shop/orders/views.py:9): GET /orders/new
	router.Handle("GET", "/orders/new", notImplemented("port shop.orders.views:create_order (shop/orders/views.py:9): GET /orders/new"))
	// port shop.orders.views:create_order (shop/orders/views.py:9): POST /orders/new
	router.Handle("POST", "/orders/new", notImplemented("port shop.orders.views:create_order (shop/orders/views.py:9): POST /orders/new"))
}

func notImplemented(todo string) gin.HandlerFunc {
	return func(c *gin.Context) {
		c.JSON(http.StatusNotImplemented, gin.H{"error": "not implemented", "todo": todo})
	}
}
