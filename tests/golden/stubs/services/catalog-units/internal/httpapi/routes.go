// Package httpapi mirrors the monolith's HTTP routes of this context on Gin; each
// answers 501 Not Implemented with the Python handler to port.
package httpapi

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// Register adds the context's routes to the router.
func Register(router *gin.Engine) {
	// port shop.catalog.items:item (shop/urls.py:3): GET ^items/(?P<pk>\d+)/$
	router.Handle("GET", "/items/:pk", notImplemented("port shop.catalog.items:item (shop/urls.py:3): GET ^items/(?P<pk>\\d+)/$"))
	// port shop.catalog.items:item (shop/urls.py:3): POST ^items/(?P<pk>\d+)/$
	router.Handle("POST", "/items/:pk", notImplemented("port shop.catalog.items:item (shop/urls.py:3): POST ^items/(?P<pk>\\d+)/$"))
	// port shop.catalog.items:item (shop/urls.py:3): PUT ^items/(?P<pk>\d+)/$
	router.Handle("PUT", "/items/:pk", notImplemented("port shop.catalog.items:item (shop/urls.py:3): PUT ^items/(?P<pk>\\d+)/$"))
	// port shop.catalog.items:item (shop/urls.py:3): PATCH ^items/(?P<pk>\d+)/$
	router.Handle("PATCH", "/items/:pk", notImplemented("port shop.catalog.items:item (shop/urls.py:3): PATCH ^items/(?P<pk>\\d+)/$"))
	// port shop.catalog.items:item (shop/urls.py:3): DELETE ^items/(?P<pk>\d+)/$
	router.Handle("DELETE", "/items/:pk", notImplemented("port shop.catalog.items:item (shop/urls.py:3): DELETE ^items/(?P<pk>\\d+)/$"))
}

func notImplemented(todo string) gin.HandlerFunc {
	return func(c *gin.Context) {
		c.JSON(http.StatusNotImplemented, gin.H{"error": "not implemented", "todo": todo})
	}
}
