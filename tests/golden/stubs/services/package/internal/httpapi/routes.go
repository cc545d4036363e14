// Package httpapi mirrors the monolith's HTTP routes of this context on Gin; each
// answers 501 Not Implemented with the Python handler to port.
package httpapi

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// Register adds the context's routes to the router.
func Register(router *gin.Engine) {
	// port shop.package.handlers:type (shop/package/handlers.py:1): DELETE /type/{kind}
	router.Handle("DELETE", "/type/:kind", notImplemented("port shop.package.handlers:type (shop/package/handlers.py:1): DELETE /type/{kind}"))
}

func notImplemented(todo string) gin.HandlerFunc {
	return func(c *gin.Context) {
		c.JSON(http.StatusNotImplemented, gin.H{"error": "not implemented", "todo": todo})
	}
}
