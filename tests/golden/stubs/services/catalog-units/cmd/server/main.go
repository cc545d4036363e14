// Command server runs the catalog-units service: gRPC for other services, HTTP (Gin) at the edge.
package main

import (
	"context"
	"errors"
	"log"
	"net"
	"net/http"
	"os/signal"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/gin-gonic/gin"
	"google.golang.org/grpc"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"

	catalogunitsv1 "catalog-units-service/api/catalog-units/v1"
	"catalog-units-service/internal/config"
	"catalog-units-service/internal/httpapi"
	"catalog-units-service/internal/service"
)

func main() {
	cfg := config.FromEnv()
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	grpcServer := grpc.NewServer()
	catalogunitsv1.RegisterCatalogUnitsServiceServer(grpcServer, service.New())
	healthServer := health.NewServer()
	healthpb.RegisterHealthServer(grpcServer, healthServer)

	listener, err := net.Listen("tcp", cfg.GRPCAddr)
	if err != nil {
		log.Fatalf("grpc listen %s: %v", cfg.GRPCAddr, err)
	}
	go func() {
		if err := grpcServer.Serve(listener); err != nil {
			log.Printf("grpc server stopped: %v", err)
		}
	}()

	gin.SetMode(cfg.GinMode)
	router := gin.New()
	router.Use(gin.Recovery())
	var ready atomic.Bool
	ready.Store(true)
	router.GET("/healthz", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"status": "ok"}) })
	router.GET("/readyz", func(c *gin.Context) {
		if !ready.Load() {
			c.JSON(http.StatusServiceUnavailable, gin.H{"status": "shutting down"})
			return
		}
		c.JSON(http.StatusOK, gin.H{"status": "ready"})
	})
	httpapi.Register(router)
	httpServer := &http.Server{
		Addr: cfg.HTTPAddr, Handler: router, ReadHeaderTimeout: 10 * time.Second,
	}
	go func() {
		err := httpServer.ListenAndServe()
		if err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Fatalf("http server: %v", err)
		}
	}()
	healthServer.SetServingStatus("", healthpb.HealthCheckResponse_SERVING)
	log.Printf("catalog-units service: http %s, grpc %s", cfg.HTTPAddr, cfg.GRPCAddr)

	<-ctx.Done()
	ready.Store(false)
	healthServer.SetServingStatus("", healthpb.HealthCheckResponse_NOT_SERVING)
	shutdown, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := httpServer.Shutdown(shutdown); err != nil {
		log.Printf("http shutdown: %v", err)
	}
	grpcServer.GracefulStop()
	log.Print("catalog-units service stopped")
}
