// Package config reads the service's settings from the environment.
package config

import (
	"time"

	"shared-utils/env"
)

// Config holds every setting; each has a default so the service starts without any.
type Config struct {
	HTTPAddr        string        // HTTP_ADDR, default ":8080"
	GRPCAddr        string        // GRPC_ADDR, default ":9090"
	DatabaseURL     string        // DATABASE_URL (schema "orders")
	GinMode         string        // GIN_MODE: debug, release or test
	ShutdownTimeout time.Duration // SHUTDOWN_TIMEOUT, default 10s
}

// FromEnv builds the configuration from environment variables.
func FromEnv() Config {
	return Config{
		HTTPAddr:        env.String("HTTP_ADDR", ":8080"),
		GRPCAddr:        env.String("GRPC_ADDR", ":9090"),
		DatabaseURL:     env.String("DATABASE_URL", "postgres://localhost:5432/app?search_path=orders"),
		GinMode:         env.String("GIN_MODE", "release"),
		ShutdownTimeout: env.Duration("SHUTDOWN_TIMEOUT", 10*time.Second),
	}
}
