// Package service implements OrdersService; every method still has to be ported
// from the monolith and answers codes.Unimplemented until then.
package service

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	ordersv1 "orders-service/api/orders/v1"
)

// Server implements ordersv1.OrdersServiceServer.
type Server struct {
	ordersv1.UnimplementedOrdersServiceServer
}

var _ ordersv1.OrdersServiceServer = (*Server)(nil)

// New returns the service implementation.
func New() *Server {
	return &Server{}
}

// BatchBillingV2Calls: aggregate: One round trip for the fine-grained calls billing-v2 makes: GetOrder, ListForCustomer.
func (s *Server) BatchBillingV2Calls(ctx context.Context, req *ordersv1.BatchBillingV2CallsRequest) (*ordersv1.BatchBillingV2CallsResponse, error) {
	return nil, status.Error(codes.Unimplemented, "aggregate: One round trip for the fine-grained calls billing-v2 makes: GetOrder, ListForCustomer")
}

// CreateOrder: port shop.orders.views:create_order (shop/orders/views.py:9).
func (s *Server) CreateOrder(ctx context.Context, req *ordersv1.CreateOrderRequest) (*ordersv1.CreateOrderResponse, error) {
	return nil, status.Error(codes.Unimplemented, "port shop.orders.views:create_order (shop/orders/views.py:9)")
}

// OrderDetail: port shop.orders.views:order_detail (shop/orders/views.py:29).
func (s *Server) OrderDetail(ctx context.Context, req *ordersv1.OrderDetailRequest) (*ordersv1.OrderDetailResponse, error) {
	return nil, status.Error(codes.Unimplemented, "port shop.orders.views:order_detail (shop/orders/views.py:29)")
}

// OrderLines: port shop.orders.views:order_lines (shop/orders/views.py:39).
func (s *Server) OrderLines(ctx context.Context, req *ordersv1.OrderLinesRequest) (*ordersv1.OrderLinesResponse, error) {
	return nil, status.Error(codes.Unimplemented, "port shop.orders.views:order_lines (shop/orders/views.py:39)")
}
