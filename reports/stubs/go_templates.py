"""Fixed parts of the Go skeleton, as ``string.Template`` texts (``$name`` placeholders).

Only safe values are substituted: module paths and identifiers from ``naming``; anything
from the monolith is escaped by the caller.
"""

from string import Template

GO_MOD = Template("""\
module $module

go 1.19

require (
	github.com/gin-gonic/gin v1.8.1
	github.com/golang/protobuf v1.5.2
	google.golang.org/grpc v1.33.3
	google.golang.org/protobuf v1.28.1
$extra_require)
$replace""")

MAIN = Template("""\
// Command server runs the $slug service: gRPC for other services, HTTP (Gin) at the edge.
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

	$go_package "$api_import"
	"$module/internal/config"
	"$module/internal/httpapi"
	"$module/internal/service"
)

func main() {
	cfg := config.FromEnv()
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	grpcServer := grpc.NewServer()
	$go_package.Register${service}Server(grpcServer, service.New())
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
	log.Printf("$slug service: http %s, grpc %s", cfg.HTTPAddr, cfg.GRPCAddr)

	<-ctx.Done()
	ready.Store(false)
	healthServer.SetServingStatus("", healthpb.HealthCheckResponse_NOT_SERVING)
	shutdown, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := httpServer.Shutdown(shutdown); err != nil {
		log.Printf("http shutdown: %v", err)
	}
	grpcServer.GracefulStop()
	log.Print("$slug service stopped")
}
""")

CONFIG = Template("""\
// Package config reads the service's settings from the environment.
package config

import (
$imports)

// Config holds every setting; each has a default so the service starts without any.
type Config struct {
	HTTPAddr        string        // HTTP_ADDR, default ":8080"
	GRPCAddr        string        // GRPC_ADDR, default ":9090"
	DatabaseURL     string        // DATABASE_URL (schema "$schema")
	GinMode         string        // GIN_MODE: debug, release or test
	ShutdownTimeout time.Duration // SHUTDOWN_TIMEOUT, default 10s
}

// FromEnv builds the configuration from environment variables.
func FromEnv() Config {
	return Config{
		HTTPAddr:        $getenv("HTTP_ADDR", ":8080"),
		GRPCAddr:        $getenv("GRPC_ADDR", ":9090"),
		DatabaseURL:     $getenv("DATABASE_URL", "postgres://localhost:5432/app?search_path=$schema"),
		GinMode:         $getenv("GIN_MODE", "release"),
		ShutdownTimeout: $duration("SHUTDOWN_TIMEOUT", 10*time.Second),
	}
}
$local""")

CONFIG_LOCAL = """
func getenv(key, fallback string) string {
	if value, ok := os.LookupEnv(key); ok && value != "" {
		return value
	}
	return fallback
}

func duration(key string, fallback time.Duration) time.Duration {
	if d, err := time.ParseDuration(getenv(key, "")); err == nil {
		return d
	}
	return fallback
}
"""

SHARED_ENV = """\
// Package env reads settings from the environment with defaults.
package env

import (
	"os"
	"time"
)

// String returns the variable's value, or fallback when it is unset or empty.
func String(key, fallback string) string {
	if value, ok := os.LookupEnv(key); ok && value != "" {
		return value
	}
	return fallback
}

// Duration parses the variable as a time.Duration ("10s"), or returns fallback.
func Duration(key string, fallback time.Duration) time.Duration {
	if d, err := time.ParseDuration(String(key, "")); err == nil {
		return d
	}
	return fallback
}
"""

MAKEFILE = Template("""\
# $slug service. `make proto` needs protoc, protoc-gen-go and protoc-gen-go-grpc on PATH.
PROTO := $proto_file

.PHONY: all proto build test run clean

all: proto build

proto:
\tprotoc -I . -I /usr/include --go_out=. --go_opt=paths=source_relative \\
\t\t--go-grpc_out=. --go-grpc_opt=paths=source_relative $$(PROTO)

build: proto
\tgo build -o bin/server ./cmd/server

test: proto
\tgo test ./...

run: build
\t./bin/server

clean:
\trm -rf bin api/$slug/v1/*.pb.go
""")
