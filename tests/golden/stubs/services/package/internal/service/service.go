// Package service implements PackageService; every method still has to be ported
// from the monolith and answers codes.Unimplemented until then.
package service

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	packagev1 "package-service/api/package/v1"
)

// Server implements packagev1.PackageServiceServer.
type Server struct {
	packagev1.UnimplementedPackageServiceServer
}

var _ packagev1.PackageServiceServer = (*Server)(nil)

// New returns the service implementation.
func New() *Server {
	return &Server{}
}

// Type: port shop.package.handlers:type (shop/package/handlers.py:1).
func (s *Server) Type(ctx context.Context, req *packagev1.TypeRequest) (*packagev1.TypeResponse, error) {
	return nil, status.Error(codes.Unimplemented, "port shop.package.handlers:type (shop/package/handlers.py:1)")
}
