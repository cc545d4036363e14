// Package service implements CatalogUnitsService; every method still has to be ported
// from the monolith and answers codes.Unimplemented until then.
package service

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	catalogunitsv1 "catalog-units-service/api/catalog-units/v1"
)

// Server implements catalogunitsv1.CatalogUnitsServiceServer.
type Server struct {
	catalogunitsv1.UnimplementedCatalogUnitsServiceServer
}

var _ catalogunitsv1.CatalogUnitsServiceServer = (*Server)(nil)

// New returns the service implementation.
func New() *Server {
	return &Server{}
}

// Item: port shop.catalog.items:item (shop/urls.py:3).
func (s *Server) Item(ctx context.Context, req *catalogunitsv1.ItemRequest) (*catalogunitsv1.ItemResponse, error) {
	return nil, status.Error(codes.Unimplemented, "port shop.catalog.items:item (shop/urls.py:3)")
}
