// Package service implements BillingV2Service; every method still has to be ported
// from the monolith and answers codes.Unimplemented until then.
package service

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	billingv2v1 "billing-v2-service/api/billing-v2/v1"
)

// Server implements billingv2v1.BillingV2ServiceServer.
type Server struct {
	billingv2v1.UnimplementedBillingV2ServiceServer
}

var _ billingv2v1.BillingV2ServiceServer = (*Server)(nil)

// New returns the service implementation.
func New() *Server {
	return &Server{}
}

// BatchOrdersCalls: aggregate: One round trip for the fine-grained calls orders makes: PriceFor, TaxFor.
func (s *Server) BatchOrdersCalls(ctx context.Context, req *billingv2v1.BatchOrdersCallsRequest) (*billingv2v1.BatchOrdersCallsResponse, error) {
	return nil, status.Error(codes.Unimplemented, "aggregate: One round trip for the fine-grained calls orders makes: PriceFor, TaxFor")
}

// InvoicePdf: port shop.billing.api:invoice_pdf (shop/billing/api.py:14).
func (s *Server) InvoicePdf(ctx context.Context, req *billingv2v1.InvoicePdfRequest) (*billingv2v1.InvoicePdfResponse, error) {
	return nil, status.Error(codes.Unimplemented, "port shop.billing.api:invoice_pdf (shop/billing/api.py:14)")
}
