// Package config reads the service's settings from the environment.
package config

import (
	"os"
	"time"
)

// Config holds every setting; each has a default so the service starts without any.
type Config struct {
	HTTPAddr        string        // HTTP_ADDR, default ":8080"
	GRPCAddr        string        // GRPC_ADDR, default ":9090"
	DatabaseURL     string        // DATABASE_URL (schema "package")
	GinMode         string        // GIN_MODE: debug, release or test
	ShutdownTimeout time.Duration // SHUTDOWN_TIMEOUT, default 10s
}

// FromEnv builds the configuration from environment variables.
func FromEnv() Config {
	return Config{
		HTTPAddr:        getenv("HTTP_ADDR", ":8080"),
		GRPCAddr:        getenv("GRPC_ADDR", ":9090"),
		DatabaseURL:     getenv("DATABASE_URL", "postgres://localhost:5432/app?search_path=package"),
		GinMode:         getenv("GIN_MODE", "release"),
		ShutdownTimeout: duration("SHUTDOWN_TIMEOUT", 10*time.Second),
	}
}

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
