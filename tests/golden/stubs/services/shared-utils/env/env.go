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
